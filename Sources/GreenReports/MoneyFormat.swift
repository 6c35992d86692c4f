import GreenMetrics

/// How an amount of money is printed: its unit and whether the integer digits are grouped by thousands.
///
/// Amounts are converted from the exact fen total (`Int128`) in integer arithmetic and rounded once, half away
/// from zero, to the unit's decimals (``MoneyUnit/decimals``) when printed; no `Double` is involved. E.g.
/// 123,456,789,012 fen is `1,234,567,890.12` yuan, `123,456.79` 万元 (123,456.789012 rounded up at the third
/// decimal) and `12.3457` 亿元 (12.345 678 901 2 rounded up at the fifth).
///
/// Text, Markdown and HTML use a grouped format in the reader's unit; CSV, JSON and XLSX use ``exact``.
public struct MoneyFormat: Hashable, Sendable {
    /// The unit amounts are printed in (元, 万元 or 亿元), with its number of decimals.
    public let unit: MoneyUnit
    /// Whether the integer digits are grouped by thousands with commas (`1,234,567.89`).
    public let groupsThousands: Bool

    /// Prints money in `unit` (元, 万元 or 亿元), the integer digits grouped by thousands unless
    /// `groupsThousands` is false.
    public init(unit: MoneyUnit, groupsThousands: Bool = true) {
        self.unit = unit
        self.groupsThousands = groupsThousands
    }

    /// Exact yuan with two decimals and no separators (`1234567.89`): the form of CSV, JSON and XLSX, which
    /// programs read.
    public static let exact = MoneyFormat(unit: .yuan, groupsThousands: false)

    /// The amount in this format, without the unit: `1,234,567.89`, `123.46`, `0.0001`.
    public func string(_ total: MoneyTotal) -> String { string(fen: total.fen) }

    /// `fen` in this format, without the unit. Exact for every `Int128` (the magnitude is taken as `UInt128`,
    /// so `Int128.min` cannot trap); a negative amount that rounds to zero prints without a sign.
    public func string(fen: Int128) -> String {
        let step = unit.fenPerStep
        let magnitude = fen.magnitude
        var steps = magnitude / step
        // Half away from zero: on the magnitude, round up when the remainder is at least half a step.
        // `remainder >= step - remainder` is `2 × remainder >= step` without the doubling.
        let remainder = magnitude % step
        if remainder > 0 && remainder >= step - remainder { steps += 1 }
        let decimals = unit.decimals
        var digits = String(steps)
        if digits.count <= decimals {
            digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits
        }
        let integerPart = digits.dropLast(decimals)
        let fractionPart = digits.suffix(decimals)
        let sign = fen < 0 && steps > 0 ? "-" : ""
        return sign + (groupsThousands ? Self.grouped(integerPart) : String(integerPart)) + "." + fractionPart
    }

    /// The amount followed by its unit, as in a sentence of `language`: `1,234.57 万元`, `1,234.57 × 10,000
    /// yuan`, `1,234.57 万元 × 10,000 yuan` (both languages).
    public func amount(_ total: MoneyTotal, _ language: ReportLanguage) -> String {
        string(total) + " " + language.label(unit.nameZh, unit.amountEn)
    }

    /// A column heading with the unit: `绿色贷款（万元）`, `Green loans (10,000 yuan)`, or both joined by a space.
    public func heading(_ zh: String, _ en: String, _ language: ReportLanguage) -> String {
        language.label("\(zh)（\(unit.nameZh)）", "\(en) (\(unit.nameEn))")
    }

    /// The sentence of a report's method section that says how money is printed, in `language`.
    public func note(_ language: ReportLanguage) -> String {
        let (zh, en): (String, String)
        switch unit {
        case .yuan where !groupsThousands:
            return language.label(
                "金额单位：元，精确到分，不含千位分隔符。", "Money in yuan, exact to the fen, without thousands separators.")
        case .yuan:
            (zh, en) = (
                "金额单位：元，精确到分，千位以逗号分隔；", "Money in yuan, exact to the fen, thousands separated by commas; "
            )
        case .wan, .yi:
            let (zhScale, enScale) =
                unit == .wan ? ("1万元 = 10,000元", "10,000 yuan") : ("1亿元 = 100,000,000元", "100,000,000 yuan")
            zh =
                "金额单位：\(unit.nameZh)（\(zhScale)），由精确到分的合计换算，仅在显示时四舍五入（0.5 远离零进位）"
                + "保留\(unit.decimals)位小数，故分项之和与合计的末位可能不同；"
            en =
                "Money in \(unit.nameZh) (\(enScale)), converted from the exact totals in fen and rounded half away "
                + "from zero to \(unit.decimals) decimals only when printed, so rows may differ from their total in "
                + "the last digit; "
        }
        return language.label(
            zh + "CSV、JSON、XLSX 为不含分隔符的精确元值。", en + "CSV, JSON and XLSX carry exact yuan without separators.")
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ digits: Substring) -> String {
        let count = digits.count
        var out = ""
        out.reserveCapacity(count + count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
