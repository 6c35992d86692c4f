/// Fixed-decimal text for figures in messages and reports (no Foundation): one implementation for every
/// module that prints tonnes, percentages and amounts.
public enum DecimalText {
    /// `value` rounded to `decimals` places, e.g. `fixed(8318.349, decimals: 2)` → `8318.35`; `∞`, `-∞` or
    /// `NaN` for values that are not finite.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let integer = Int64(scaled / scale)
        let fraction = Int64(scaled) - integer * Int64(scale)
        let digits = String(fraction)
        let padded = String(repeating: "0", count: max(0, decimals - digits.count)) + digits
        return (value < 0 && scaled > 0 ? "-" : "") + String(integer) + (decimals > 0 ? "." + padded : "")
    }

    /// Two decimals, e.g. `8318.35` (tonnes, MWh).
    public static func tonnes(_ value: Double) -> String { fixed(value, decimals: 2) }

    /// A 0…1 fraction as a one-decimal percentage, e.g. `92.3%`.
    public static func percent(_ fraction: Double) -> String { fixed(fraction * 100, decimals: 1) + "%" }
}
