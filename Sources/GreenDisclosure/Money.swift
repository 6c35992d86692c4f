import GreenTaxonomy

/// An amount of yuan held exactly as integer fen (1 yuan = 100 fen).
///
/// Parsed strictly from filing text: digits, optionally a point and one or two digits. No sign, no
/// thousands separators, no exponent, nothing trailing. Sums are overflow-checked; money is never a `Double`.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible, TextCodable {
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Money(fen: 0)

    /// Parses strictly, or returns nil; see ``MoneyParseError`` for why a text is rejected.
    public init?(_ text: some StringProtocol) {
        guard case .success(let value) = Money.parse(Array(text.utf8)) else { return nil }
        self = value
    }

    /// Why a money text is not valid, as the sentence fragment a diagnostic uses.
    public enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case empty, sign, separator, exponent, tooManyDecimals, missingDigits
        case invalidCharacter(Character)
        case overflow

        public var description: String {
            switch self {
            case .empty: "the amount is empty"
            case .sign: "amounts carry no sign"
            case .separator: "amounts have no thousands separators"
            case .exponent: "amounts are written without an exponent"
            case .tooManyDecimals: "amounts have at most 2 decimal places (fen)"
            case .missingDigits: "digits are needed on both sides of the decimal point"
            case .invalidCharacter(let c): "'\(c)' is not allowed in an amount"
            case .overflow: "the amount is too large (at most 16 digits before the point)"
            }
        }
    }

    /// Strict parse of the bytes of an amount; leading and trailing XML whitespace is ignored (as `xs:decimal`).
    public static func parse(_ bytes: some Collection<UInt8>) -> Result<Money, ParseError> {
        var integer: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var integerDigits = 0
        var seenPoint = false
        var trailingSpace = false
        var started = false
        for byte in bytes {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                if started { trailingSpace = true }
                continue
            default:
                break
            }
            if trailingSpace { return .failure(.invalidCharacter(Character(Unicode.Scalar(byte)))) }
            started = true
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if seenPoint {
                    fractionDigits += 1
                    if fractionDigits > 2 { return .failure(.tooManyDecimals) }
                    fraction = fraction * 10 + digit
                } else {
                    integerDigits += 1
                    // The format's Money has at most 16 digits before the point (leading zeros count, as
                    // in the XSD's pattern); more is refused even when the value would fit.
                    if integerDigits > 16 { return .failure(.overflow) }
                    let (times, o1) = integer.multipliedReportingOverflow(by: 10)
                    let (plus, o2) = times.addingReportingOverflow(digit)
                    if o1 || o2 { return .failure(.overflow) }
                    integer = plus
                }
            case UInt8(ascii: "."):
                if seenPoint { return .failure(.invalidCharacter(".")) }
                seenPoint = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"): return .failure(.sign)
            case UInt8(ascii: ","), UInt8(ascii: "_"), 0x27: return .failure(.separator)
            case UInt8(ascii: "e"), UInt8(ascii: "E"): return .failure(.exponent)
            default:
                let scalar = byte < 0x80 ? Unicode.Scalar(byte) : Unicode.Scalar(0xFFFD)!
                return .failure(.invalidCharacter(Character(scalar)))
            }
        }
        if !started { return .failure(.empty) }
        if integerDigits == 0 || (seenPoint && fractionDigits == 0) { return .failure(.missingDigits) }
        if fractionDigits == 1 { fraction *= 10 }
        let (scaled, o1) = integer.multipliedReportingOverflow(by: 100)
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        if o1 || o2 { return .failure(.overflow) }
        return .success(Money(fen: total))
    }

    /// The sum, or nil on overflow.
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = fen.addingReportingOverflow(other.fen)
        return overflow ? nil : Money(fen: sum)
    }

    /// `12000000.00`: yuan with exactly two decimals, no separators.
    public var description: String {
        let negative = fen < 0
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (negative ? "-" : "") + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }
}

/// Strict parsing of non-negative physical quantities (tonnes, MWh, litres): digits with an optional
/// fraction; no sign or exponent. Floating point is fine for these; they are rounded only when printed.
public enum Quantity {
    /// The format's Quantity: up to 15 integer digits and up to 6 decimals (the XSD's pattern).
    static let integerDigits = 15
    static let fractionDigits = 6
    static let powersOfTen: [Double] = (0...fractionDigits).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// Parses a quantity (tonnes, MWh, tce…) written as the XSD's `Quantity`: digits, optionally a point and
    /// 1–6 digits; surrounding XML whitespace ignored. Nil for anything else (the XSD reports those), so
    /// every text the XSD accepts has a value: the largest, 999999999999999.999999, reads as about 1e15.
    public static func parse(_ bytes: some Collection<UInt8>) -> Double? {
        var mantissa: UInt64 = 0
        var integer = 0
        var fraction = 0
        var seenPoint = false
        var started = false
        var ended = false
        for byte in bytes {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                if started { ended = true }
                continue
            }
            if ended { return nil }
            started = true
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if seenPoint { fraction += 1 } else { integer += 1 }
                if integer > integerDigits || fraction > fractionDigits { return nil }
                // Exact while at most 18 digits; longer values are converted from their text below.
                if integer + fraction <= 18 { mantissa = mantissa * 10 + UInt64(byte - 0x30) }
            } else {
                return nil
            }
        }
        guard integer > 0, !(seenPoint && fraction == 0) else { return nil }
        if integer + fraction <= 18 {
            // Dividing an exact mantissa by an exact power of ten rounds once, to the nearest Double.
            return Double(mantissa) / powersOfTen[fraction]
        }
        // Swift's decimal conversion rounds once, to the nearest Double.
        let text = bytes.filter { !$0.isXMLWhitespace }
        return Double(String(decoding: text, as: UTF8.self))
    }
}

extension Money {
    public static var textFormat: String { "an amount in yuan such as 12000000.00" }
    public init?(text: String) { self.init(text as String) }
}
