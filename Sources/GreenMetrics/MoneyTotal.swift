import GreenDisclosure

/// An exact sum of ``Money`` amounts, in fen, held in `Int128`.
///
/// One amount is Int64 fen (about 92 thousand trillion yuan), which a filing's figure cannot pass; a sum
/// over a filing's loans or over a city's lenders can. Sums are held in `Int128`, which Σ of fewer than
/// 2^63 Int64 amounts cannot overflow, so adding never traps and never rounds. Printed and encoded (JSON)
/// as exact yuan with two decimals, like ``Money``.
public struct MoneyTotal: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let fen: Int128

    public init(fen: Int128) { self.fen = fen }

    public init(_ money: Money) { fen = Int128(money.fen) }

    public static let zero = MoneyTotal(fen: 0)

    /// The total as one ``Money`` amount, or nil when it does not fit Int64 fen.
    public var money: Money? { Int64(exactly: fen).map { Money(fen: $0) } }

    /// Yuan as a `Double`, for charts and ratios only (rounded to 53 bits; never printed as money).
    public var approximateYuan: Double { Double(fen) / 100 }

    /// `12000000.00`: exact yuan with two decimals, no separators.
    public var description: String { DecimalText.yuan(fen: fen) }

    public static func + (lhs: MoneyTotal, rhs: MoneyTotal) -> MoneyTotal {
        MoneyTotal(fen: lhs.fen + rhs.fen)
    }

    public static func + (lhs: MoneyTotal, rhs: Money) -> MoneyTotal {
        MoneyTotal(fen: lhs.fen + Int128(rhs.fen))
    }

    public static func += (lhs: inout MoneyTotal, rhs: MoneyTotal) { lhs = lhs + rhs }

    public static func += (lhs: inout MoneyTotal, rhs: Money) { lhs = lhs + rhs }

    public static func < (lhs: MoneyTotal, rhs: MoneyTotal) -> Bool { lhs.fen < rhs.fen }

    /// numerator ÷ denominator as a 0…1 fraction (for display and comparison); nil when the denominator is not
    /// positive. Each side is rounded once to a `Double` (relative error below 2⁻⁵²), never truncated.
    public static func ratio(_ numerator: MoneyTotal, _ denominator: MoneyTotal) -> Double? {
        denominator.fen > 0 ? Double(numerator.fen) / Double(denominator.fen) : nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Reads what ``encode(to:)`` writes: yuan with exactly two decimals, e.g. `12000000.00`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let total = MoneyTotal(yuan: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text.prefix(40))' is not an amount in yuan with two decimals")
        }
        self = total
    }

    /// `12000000.00` → 1,200,000,000 fen; nil unless the text is digits, a point and two digits (at most 36
    /// digits before the point, so that the fen fit Int128).
    public init?(yuan text: String) {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 2, (1...36).contains(parts[0].count), parts[1].count == 2,
            text.utf8.allSatisfy({
                $0 == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            }),
            let fen = Int128(String(text.filter { $0 != "." }))
        else { return nil }
        self.fen = fen
    }
}
