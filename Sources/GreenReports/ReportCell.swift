import GreenDisclosure
import GreenMetrics

/// A cell keeps its type so that each renderer can write it properly (XLSX numbers, CSV exact money, money in
/// the reader's unit in Markdown and HTML).
public enum ReportCell: Hashable, Sendable, Encodable {
    case text(String)
    /// Exact yuan (an Int128 fen sum: a city's totals can pass one Int64 amount).
    case money(MoneyTotal)
    /// A 0…1 fraction, shown as a percentage.
    case ratio(Double?)
    /// A measured quantity (tonnes CO2e, an intensity, a score), its unit in a neighbouring cell or the
    /// heading.
    case number(Double?)
    case integer(Int)

    /// The cell as shown in Markdown and HTML: money in `money`'s unit, without the unit (it is in the
    /// column's heading, ``ReportColumn``); numbers with two decimals, thousands grouped (``TonnesText``);
    /// `—` for an unknown ratio or number.
    public func display(_ money: MoneyFormat) -> String {
        switch self {
        case .text(let text): text
        case .money(let total): money.string(total)
        case .ratio(let value): DecimalText.percent(value, decimals: 2)
        case .number(let value): value.map { TonnesText.grouped($0) } ?? "—"
        case .integer(let value): String(value)
        }
    }

    /// The cell in CSV: money as an exact decimal in yuan, ratios as fractions, nothing formatted.
    public var raw: String {
        switch self {
        case .text(let text): text
        case .money(let money): MoneyFormat.exact.string(money)
        case .ratio(let value), .number(let value): value.map { String($0) } ?? ""
        case .integer(let value): String(value)
        }
    }

    /// Whether the cell holds a figure (right-aligned in HTML).
    var isNumeric: Bool {
        switch self {
        case .text: false
        default: true
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .money(let money): try container.encode(money)
        case .ratio(let value), .number(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        }
    }
}
