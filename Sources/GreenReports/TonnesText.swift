import GreenDisclosure

/// Tonnes (and the other measured quantities of a report: intensities, scores) as people read them, the
/// integer digits grouped by thousands: `7,157,004.98`.
///
/// The digits are ``DecimalText/fixed(_:decimals:)``'s (rounded half away from zero on the shortest decimal
/// that reads back as the value), so a grouped figure and the plain one of CSV and JSON never differ in a
/// digit. Markdown and HTML tables print ``ReportCell/number(_:)`` cells in this form.
public enum TonnesText {
    /// `value` with `decimals` places, its integer digits grouped by thousands with commas: `7157004.98` →
    /// `7,157,004.98`, `-1234.5` → `-1,234.50`, `1e15` → `1,000,000,000,000,000.00` (every digit printed,
    /// exact at any magnitude: no conversion to an integer type). A negative value that rounds to zero prints
    /// without a sign (`0.00`); `NaN`, `∞` and `-∞` print as ``DecimalText/fixed(_:decimals:)`` prints them.
    public static func grouped(_ value: Double, decimals: Int = 2) -> String {
        let plain = DecimalText.fixed(value, decimals: decimals)
        guard value.isFinite else { return plain }
        let isNegative = plain.hasPrefix("-")
        let unsigned = isNegative ? plain.dropFirst() : Substring(plain)
        let integerDigits = unsigned.prefix { $0 != "." }
        return (isNegative ? "-" : "") + MoneyFormat.grouped(integerDigits)
            + unsigned.dropFirst(integerDigits.count)
    }
}
