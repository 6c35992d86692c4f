import GreenDisclosure

/// A rate held exactly in parts per million (7 % = 70,000 ppm), parsed from `7%`, `1.1%` or `0.07`, so that
/// a target applied to an amount of money gives an exact amount in fen.
public struct Rate: Hashable, Comparable, Sendable, CustomStringConvertible, Encodable {
    public let partsPerMillion: Int64

    public init(partsPerMillion: Int64) { self.partsPerMillion = partsPerMillion }

    /// Parses `7%`, `1.1 %`, `0.07` (at most 4 decimals in percent, 6 as a fraction); nil otherwise.
    public init?(_ text: String) {
        var body = Substring(text.filter { $0 != " " })
        var scale = 6  // a plain fraction: 0.07 → 70000 ppm
        if body.hasSuffix("%") {
            body = body.dropLast()
            scale = 4  // percent: 7 → 70000 ppm
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let whole = Int64(parts[0]), whole <= 1_000_000
        else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= scale, parts.count == 1 || !fraction.isEmpty else { return nil }
        let padded = fraction + String(repeating: "0", count: scale - fraction.count)
        var multiplier: Int64 = 1
        for _ in 0..<scale { multiplier *= 10 }
        partsPerMillion = whole * multiplier + (Int64(padded) ?? 0)
    }

    /// The rate as a 0…1 fraction (for display and comparison only).
    public var fraction: Double { Double(partsPerMillion) / 1_000_000 }

    /// `7%`, `1.1%`, `4.9%`.
    public var description: String {
        // 1 % = 10,000 ppm: the percent with up to four decimals (on the magnitude: no trap for any value).
        let magnitude = partsPerMillion.magnitude
        let whole = magnitude / 10_000
        var decimals = String(magnitude % 10_000)
        decimals = String(repeating: "0", count: max(0, 4 - decimals.count)) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        let sign = partsPerMillion < 0 ? "-" : ""
        return decimals.isEmpty ? "\(sign)\(whole)%" : "\(sign)\(whole).\(decimals)%"
    }

    /// This rate of `amount`, exact, rounded up to the fen (what must be reached to meet a floor); nil when
    /// the product does not fit Int128 fen (never for a rate ≤ 100 % of a sum of Int64 amounts).
    ///
    /// Method: amount × ppm in Int128 (overflow-checked), then ÷ 1,000,000 rounded towards +∞.
    public func of(_ amount: MoneyTotal) -> MoneyTotal? {
        let (product, overflow) = amount.fen.multipliedReportingOverflow(by: Int128(partsPerMillion))
        guard !overflow else { return nil }
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 1_000_000)
        return MoneyTotal(fen: quotient + (remainder > 0 ? 1 : 0))
    }

    /// This rate of one amount, exact, rounded up to the fen; nil when the result does not fit ``Money``.
    public func of(_ amount: Money) -> Money? { of(MoneyTotal(amount))?.money }

    public static func < (lhs: Rate, rhs: Rate) -> Bool { lhs.partsPerMillion < rhs.partsPerMillion }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fraction)
    }
}
