/// Fixed-decimal text for figures in messages and reports (no Foundation): one implementation for every
/// module that prints tonnes, percentages and amounts.
///
/// Exact for every input: a `Double` is printed from its shortest round-trip decimal (what a filing wrote
/// when the figure was parsed) with decimal rounding on the digits, never through an integer conversion
/// that could trap or wrap; integers of any width (Int64 amounts, Int128 sums) are printed digit for digit.
public enum DecimalText {
    /// The most decimals ``fixed(_:decimals:)`` writes; a larger request is held to it, a negative one to 0.
    public static let maximumDecimals = 20

    /// `value` rounded half away from zero to `decimals` places, e.g. `fixed(8318.349, decimals: 2)` →
    /// `8318.35` and `fixed(1e30, decimals: 2)` → `1000000000000000000000000000000.00`; `∞`, `-∞` or `NaN`
    /// for values that are not finite. Rounding is done on the shortest decimal that reads back as `value`,
    /// so `2.675` (stored as 2.67499999…) prints as `2.68`, as written.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        let places = min(max(decimals, 0), maximumDecimals)
        let (digits, exponent) = shortestDecimal(value.magnitude)
        // value = digits × 10^exponent; wanted: round(value × 10^places) as a digit string.
        let shift = exponent + places
        var scaled: [UInt8]
        if shift >= 0 {
            scaled = digits + [UInt8](repeating: 0, count: shift)
        } else {
            let dropped = -shift
            if dropped > digits.count {
                scaled = [0]
            } else {
                scaled = Array(digits[0..<(digits.count - dropped)])
                if digits[digits.count - dropped] >= 5 { increment(&scaled) }
                if scaled.isEmpty { scaled = [0] }
            }
        }
        while scaled.count > 1 && scaled[0] == 0 { scaled.removeFirst() }
        let isZero = scaled == [0]
        if scaled.count <= places {
            scaled = [UInt8](repeating: 0, count: places + 1 - scaled.count) + scaled
        }
        let integerPart = scaled[0..<(scaled.count - places)]
        let fractionPart = scaled[(scaled.count - places)...]
        var text = value < 0 && !isZero ? "-" : ""
        text += String(decoding: integerPart.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        if places > 0 {
            text += "." + String(decoding: fractionPart.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        }
        return text
    }

    /// `fen` as yuan with exactly two decimals and no separators, e.g. `yuan(fen: 1_200_000_000)` →
    /// `12000000.00`, `yuan(fen: -150)` → `-1.50`; exact for every width (Int64 amounts, Int128 sums).
    public static func yuan(fen: some BinaryInteger) -> String {
        let digits = String(fen.magnitude)
        let padded = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return (fen < 0 ? "-" : "") + padded.dropLast(2) + "." + padded.suffix(2)
    }

    /// Two decimals, e.g. `8318.35` (tonnes, MWh).
    public static func tonnes(_ value: Double) -> String { fixed(value, decimals: 2) }

    /// A 0…1 fraction as a percentage with `decimals` places, e.g. `percent(0.923)` → `92.3%`,
    /// `percent(0.07234, decimals: 2)` → `7.23%`; `—` when the fraction is unknown (nil). The one percent
    /// formatter of every module: diagnostics use one decimal, reports and summaries two.
    public static func percent(_ fraction: Double?, decimals: Int = 1) -> String {
        guard let fraction else { return "—" }
        return fixed(fraction * 100, decimals: decimals) + "%"
    }

    /// A change in percentage points with its sign and two decimals, e.g. `+0.42 pp`, `-1.05 pp`; `—` when
    /// unknown (nil). A change of zero is `+0.00 pp`.
    public static func percentagePoints(_ change: Double?) -> String {
        guard let change else { return "—" }
        return (change >= 0 ? "+" : "") + fixed(change, decimals: 2) + " pp"
    }

    /// The decimal digits (0–9, no leading zeros; `[0]` for zero) and power of ten of a finite, non-negative
    /// `value`'s shortest round-trip form: `8318.35` → (`831835`, −2), `1e+30` → (`1`, 30).
    static func shortestDecimal(_ value: Double) -> (digits: [UInt8], exponent: Int) {
        var digits: [UInt8] = []
        var pointPosition: Int? = nil
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in value.description.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int(byte - UInt8(ascii: "0"))
                if inExponent {
                    // Doubles have exponents within ±324: three digits at most, no overflow.
                    exponent = exponent * 10 + digit
                } else {
                    digits.append(UInt8(digit))
                }
            case UInt8(ascii: "."): pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-") where inExponent: exponentSign = -1
            default: break  // "+" of the exponent
            }
        }
        let fractionDigits = pointPosition.map { digits.count - $0 } ?? 0
        var power = exponentSign * exponent - fractionDigits
        while digits.count > 1 && digits[0] == 0 { digits.removeFirst() }
        while digits.count > 1 && digits[digits.count - 1] == 0 {
            digits.removeLast()
            power += 1
        }
        if digits.isEmpty || digits == [0] { return ([0], 0) }
        return (digits, power)
    }

    /// Adds one to a big-endian decimal digit string, growing it on a carry out of the first digit.
    static func increment(_ digits: inout [UInt8]) {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] < 9 {
                digits[index] += 1
                return
            }
            digits[index] = 0
            index -= 1
        }
        digits.insert(1, at: 0)
    }
}
