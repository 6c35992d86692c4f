import GreenDisclosure
import GreenMetrics
import GreenTaxonomy

/// Which language labels are shown in.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh, en, both

    func label(_ zh: String, _ en: String) -> String {
        switch self {
        case .zh: zh
        case .en: en
        case .both: "\(zh) \(en)"
        }
    }
}

/// A cell keeps its type so that each renderer can write it properly (XLSX numbers, CSV exact money).
public enum ReportCell: Hashable, Sendable, Encodable {
    case text(String)
    /// Exact yuan (an Int128 fen sum: a city's totals can pass one Int64 amount).
    case money(MoneyTotal)
    /// A 0…1 fraction, shown as a percentage.
    case ratio(Double?)
    case number(Double?)
    case integer(Int)

    /// The cell as shown in Markdown and HTML.
    public var display: String {
        switch self {
        case .text(let text): text
        case .money(let money): money.description
        case .ratio(let value): DecimalText.percent(value, decimals: 2)
        case .number(let value): SummaryRenderer.number(value)
        case .integer(let value): String(value)
        }
    }

    /// The cell in CSV: money as an exact decimal, ratios as fractions, nothing formatted.
    public var raw: String {
        switch self {
        case .text(let text): text
        case .money(let money): money.description
        case .ratio(let value), .number(let value): value.map { String($0) } ?? ""
        case .integer(let value): String(value)
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

/// One table of the report.
public struct ReportTable: Sendable, Encodable {
    /// File-name-safe id, e.g. `districts`.
    public let id: String
    public let title: String
    public let columns: [String]
    public let rows: [[ReportCell]]
}

/// A point of a chart.
public struct ChartPoint: Sendable, Encodable {
    public let label: String
    public let value: Double
}

/// The quarterly green report: headline, tables, chart data, methodology and manifest.
public struct QuarterlyReport: Sendable, Encodable {
    /// A label in the report's language: `l("绿色贷款", "Green loans")`.
    typealias Label = (_ zh: String, _ en: String) -> String

    /// The JSON schema id of ``encode(to:)`` (keys, types and units: `Docs/json-output.md`). Earlier builds
    /// wrote the document without an id and with camelCase chart keys (`trendTarget`, `categoriesChart`…).
    public static let schema = "greenledger-report/1"

    public let title: String
    public let headline: [String]
    public let tables: [ReportTable]
    /// Green share by period (0…1) with the target line.
    public let trend: [ChartPoint]
    public let trendTarget: Double?
    public let categoriesChart: [ChartPoint]
    public let districtsChart: [ChartPoint]
    public let methodology: [String]
    public let manifest: [String]

    /// Builds the report of `aggregate` in `language`; `manifest` lines (tool version, inputs) come from the caller.
    public init(_ aggregate: AggregateReport, language: ReportLanguage, manifest: [String]) {
        let l: Label = language.label
        let greenTarget =
            aggregate.targets.first { $0.target.id == "green-loan-share" }
            ?? aggregate.targets.first { $0.target.indicator == .green }
        // The report is about one period: filings of other stored periods are not listed.
        let filings = aggregate.filings.filter { $0.treatment != .otherPeriod }
        title = Self.title(aggregate, l)
        headline = Self.headline(aggregate, greenTarget: greenTarget, filings: filings, l)
        tables = [
            Self.indicatorsTable(aggregate, l),
            Self.districtsTable(aggregate, l),
            Self.lendersTable(aggregate, l),
            Self.categoriesTable(aggregate, l),
            Self.emissionsTable(aggregate, l),
            Self.filingsTable(filings, l),
        ]
        trend = aggregate.history.compactMap { point in
            point.share?.share.map { ChartPoint(label: point.period, value: $0) }
        }
        trendTarget = greenTarget?.target.value.fraction
        categoriesChart = aggregate.categories.map {
            // Short labels (edition family and code, e.g. "gfsp 4") so that the bars' labels do not overlap.
            ChartPoint(
                label: "\($0.edition.prefix(while: { $0 != "-" })) \($0.code)",
                value: Double($0.green.fen) / 100)
        }
        districtsChart = aggregate.districts.compactMap { district in
            district.share.map { ChartPoint(label: district.code, value: $0) }
        }
        methodology = Self.methodology(aggregate, l)
        self.manifest = manifest + (aggregate.source.map { [l("来源", "Source") + ": \($0)"] } ?? [])
    }

    /// "Quarterly green finance report — 2026-Q3 · Shenzhen" (or the district's code and name).
    static func title(_ aggregate: AggregateReport, _ l: Label) -> String {
        let scope =
            aggregate.district.map { code in
                let name = Taxonomy.standard.districts.first { $0.code == code }
                return "\(code) \(name.map { l($0.nameZh, $0.nameEn) } ?? "")"
            } ?? l("深圳市", "Shenzhen")
        return l("绿色金融季度报告", "Quarterly green finance report") + " — \(aggregate.period ?? "") · \(scope)"
    }

    /// The green share against its target, the change on the quarter and the year, the trend to each target
    /// and the count of filings.
    static func headline(
        _ aggregate: AggregateReport, greenTarget: TargetAssessment?, filings: [FilingStatus], _ l: Label
    ) -> [String] {
        var headline: [String] = []
        if let greenShare = aggregate.shares.first(where: { $0.share.indicator == .green })?.share {
            var line =
                l("绿色贷款占比", "Green-loan share") + " \(DecimalText.percent(greenShare.share, decimals: 2))"
            if let greenTarget {
                line += " · " + l("目标", "target") + " \(greenTarget.target.value) (\(greenTarget.target.id))"
                line +=
                    greenTarget.met == true
                    ? " · " + l("已达标", "met")
                    : " · " + l("未达标，差额", "not met, gap") + " \(greenTarget.gap?.description ?? "—") "
                        + l("元", "yuan")
                if greenTarget.targetDatePassed { line += " · " + l("目标日期已过", "target date passed") }
            }
            headline.append(line)
        }
        headline.append(
            l("较上季度", "On the quarter") + " \(DecimalText.percentagePoints(aggregate.quarterOnQuarter)) · "
                + l("较上年同期", "on the year") + " \(DecimalText.percentagePoints(aggregate.yearOnYear))")
        for projection in aggregate.projections {
            let status: String
            if let onTrack = projection.onTrack, let projected = projection.projectedShare {
                status =
                    (onTrack ? l("按趋势可达标", "on track") : l("按趋势难以达标", "off track"))
                    + " (" + l("预计", "projected") + " \(DecimalText.percent(projected, decimals: 2)) "
                    + l("于", "by") + " \(projection.targetDate))"
            } else {
                status = projection.note
            }
            headline.append(l("目标趋势", "Trend to target") + " \(projection.targetID): \(status)")
        }
        let counts = Dictionary(grouping: filings, by: \.treatment).mapValues(\.count)
        headline.append(
            l("报送", "Filings") + " \(filings.count): " + l("纳入", "included")
                + " \(counts[.included] ?? 0), "
                + l("退回", "rejected") + " \(counts[.rejected] ?? 0), " + l("被更正版本取代", "superseded")
                + " \(counts[.superseded] ?? 0)")
        return headline
    }

    /// How the figures are computed, the targets and factor used, and every catalogue edition's document.
    static func methodology(_ aggregate: AggregateReport, _ l: Label) -> [String] {
        var methodology = [
            l(
                "占比 = Σ分子 ÷ Σ各项贷款（纳入机构），非各机构比率的平均。",
                "Shares = Σ numerators ÷ Σ total loans over the included lenders, never an average of ratios."
            ),
            l(
                "退回的报送不计入；每个机构每期只计最高版本。",
                "REJECTED filings are excluded; only the highest revision per lender and period counts."),
            l("目标集", "Target set") + ": \(aggregate.targetSet)",
            l("电网排放因子", "Grid factor") + ": \(aggregate.gridFactor)" + " — \(aggregate.gridFactor.source)",
        ]
        for edition in Taxonomy.standard.editions {
            methodology.append(
                l("目录", "Catalogue")
                    + " \(edition.id): 《\(edition.titleZh.value)》 \(edition.documentNumber.value) \(edition.documentNumber.confidence.tag)"
                    + (edition.isComplete ? "" : " — " + l("不完整", "incomplete")))
        }
        return methodology
    }

    enum CodingKeys: String, CodingKey {
        case schema, title, headline, tables, trend, methodology, manifest
        case trendTarget = "trend_target"
        case categoriesChart = "categories_chart"
        case districtsChart = "districts_chart"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schema, forKey: .schema)
        try c.encode(title, forKey: .title)
        try c.encode(headline, forKey: .headline)
        try c.encode(tables, forKey: .tables)
        try c.encode(trend, forKey: .trend)
        try c.encode(trendTarget, forKey: .trendTarget)
        try c.encode(categoriesChart, forKey: .categoriesChart)
        try c.encode(districtsChart, forKey: .districtsChart)
        try c.encode(methodology, forKey: .methodology)
        try c.encode(manifest, forKey: .manifest)
    }
}
