import GreenTaxonomy

/// A reporting period: a quarter (`2026-Q3`) or a year (`2026`).
public struct ReportingPeriod: Hashable, Comparable, Sendable, CustomStringConvertible, TextCodable {
    public let year: Int
    /// 1–4, or nil for a whole year.
    public let quarter: Int?

    /// The years a period may name: filings under Shenzhen's green-finance rules date from this century.
    public static let years = 2000...2099

    /// Parses `2026-Q3` or `2026`; nil for any other text or a year outside ``years``.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 4 || bytes.count == 7, bytes.prefix(4).allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let year = Int(String(decoding: bytes.prefix(4), as: UTF8.self)), Self.years.contains(year)
        else { return nil }
        if bytes.count == 7 {
            guard bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "Q"), (49...52).contains(bytes[6])
            else {
                return nil
            }
            quarter = Int(bytes[6] - 48)
        } else {
            quarter = nil
        }
        self.year = year
    }

    /// A period of `year` (any year: arithmetic on periods never traps), `quarter` 1–4 or nil.
    init(year: Int, quarter: Int?) {
        self.year = year
        self.quarter = quarter
    }

    /// The period's first day.
    public var firstDay: CalendarDate {
        Self.date(year: year, month: quarter.map { ($0 - 1) * 3 + 1 } ?? 1, day: 1)
    }

    /// The period's last day: the date Portfolio figures are stated at.
    public var lastDay: CalendarDate {
        let month = quarter.map { $0 * 3 } ?? 12
        return Self.date(year: year, month: month, day: CalendarDate.daysInMonth(year: year, month: month))
    }

    /// A calendar date with the year held to the calendar's 1–9999 (periods made by arithmetic can leave it).
    private static func date(year: Int, month: Int, day: Int) -> CalendarDate {
        let held = min(max(year, 1), 9999)
        return CalendarDate(
            year: held, month: month, day: min(day, CalendarDate.daysInMonth(year: held, month: month)))
            ?? CalendarDate(year: 2000, month: 1, day: 1).unsafelyUnwrapped
    }

    /// The period before this one: the previous quarter, or the previous year.
    public var previous: ReportingPeriod {
        guard let quarter else { return ReportingPeriod(year: year - 1, quarter: nil) }
        return quarter == 1
            ? ReportingPeriod(year: year - 1, quarter: 4) : ReportingPeriod(year: year, quarter: quarter - 1)
    }

    /// The quarter containing `date`.
    public static func quarter(containing date: CalendarDate) -> ReportingPeriod {
        ReportingPeriod(year: date.year, quarter: (date.month - 1) / 3 + 1)
    }

    public var description: String { quarter.map { "\(year)-Q\($0)" } ?? String(year) }

    public static func < (lhs: ReportingPeriod, rhs: ReportingPeriod) -> Bool {
        (lhs.lastDay, lhs.quarter == nil ? 1 : 0) < (rhs.lastDay, rhs.quarter == nil ? 1 : 0)
    }
}

extension ReportingPeriod {
    public static var textFormat: String { "a period such as 2026-Q3 or 2026" }
    public init?(text: String) { self.init(text as String) }
}
