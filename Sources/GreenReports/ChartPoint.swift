import GreenMetrics

/// A point of a chart.
public struct ChartPoint: Sendable, Encodable {
    /// The name under the bar or point: a district's or a category's name in the report's language (the HTML
    /// chart wraps or shortens it to fit, keeping the whole in a tooltip).
    public let label: String
    /// The bar's height or the point's level: a 0…1 share, or yuan (an approximation of ``money``).
    public let value: Double
    /// The whole description for the tooltip, e.g. `gfsp-2025 4 能源绿色低碳转型`; the label when nil.
    public let detail: String?
    /// The exact amount behind `value` when the chart is of money (the tooltip prints it, not the `Double`).
    public let money: MoneyTotal?

    /// A point labelled `label` at `value` (a 0…1 share or yuan), with an optional tooltip `detail` and
    /// the exact `money` behind a value in yuan.
    public init(label: String, value: Double, detail: String? = nil, money: MoneyTotal? = nil) {
        self.label = label
        self.value = value
        self.detail = detail
        self.money = money
    }

    /// JSON keeps `label` and `value` only (schema greenledger-report/1).
    enum CodingKeys: String, CodingKey { case label, value }
}
