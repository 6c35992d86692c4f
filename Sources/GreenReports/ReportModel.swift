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

/// The quarterly green report: headline, tables, chart data, methodology and manifest.
///
/// Money is kept exact (``ReportCell/money(_:)``, ``MoneyTotal``) and printed by each renderer in its own
/// format: Markdown and HTML in ``moneyFormat`` (the reader's unit, thousands grouped), CSV, JSON and XLSX in
/// ``MoneyFormat/exact``. Column headings, the headline's gap and the method section follow the format used.
public struct QuarterlyReport: Sendable, Encodable {
    /// A label in the report's language: `l("绿色贷款", "Green loans")`.
    typealias Label = (_ zh: String, _ en: String) -> String

    /// The JSON schema id of ``encode(to:)`` (keys, types and units: `Docs/json-output.md`). Earlier builds
    /// wrote the document without an id and with camelCase chart keys (`trendTarget`, `categoriesChart`…).
    /// Version 2 adds the tables `benefits`, `carbon-effect`, `credit-risk`, `evaluation` and
    /// `evaluation_chart`.
    public static let schema = "greenledger-report/2"

    /// The language of the title, headline, tables, chart labels and method section: Chinese, English or
    /// both.
    public let language: ReportLanguage
    /// How Markdown and HTML print money: the unit chosen (``MoneyUnit/default(for:)`` unless given), grouped.
    public let moneyFormat: MoneyFormat
    public let title: String
    public let tables: [ReportTable]
    /// Green share by period (0…1) with the target line.
    public let trend: [ChartPoint]
    public let trendTarget: Double?
    /// Green loans (yuan, for the bars' heights; the exact amount in ``ChartPoint/money``) by level-1 category,
    /// labelled with the category's name.
    public let categoriesChart: [ChartPoint]
    /// Green share by district, labelled with the district's name.
    public let districtsChart: [ChartPoint]
    /// Each lender's green share of its own loans (the PBoC evaluation's 总额占比), labelled with its rank and
    /// name; empty without a filing history.
    public let evaluationChart: [ChartPoint]
    public let manifest: [String]
    /// What the headline and the method section are written from.
    let aggregate: AggregateReport

    /// Builds the report of `aggregate` in `language`, money for people in `moneyUnit` (default: 万元 for
    /// Chinese, yuan otherwise); `manifest` lines (tool version, inputs) come from the caller.
    public init(
        _ aggregate: AggregateReport, language: ReportLanguage, moneyUnit: MoneyUnit? = nil,
        manifest: [String]
    ) {
        let l: Label = language.label
        self.language = language
        self.aggregate = aggregate
        moneyFormat = MoneyFormat(unit: moneyUnit ?? .default(for: language))
        title = Self.title(aggregate, l)
        tables = [
            Self.indicatorsTable(aggregate, language),
            Self.districtsTable(aggregate, language),
            Self.lendersTable(aggregate, language),
            Self.categoriesTable(aggregate, language),
            Self.emissionsTable(aggregate, language),
            Self.benefitsTable(aggregate, language),
            Self.carbonEffectTable(aggregate, language),
            Self.creditRiskTable(aggregate, language),
            Self.evaluationTable(aggregate, language),
            Self.filingsTable(Self.filings(aggregate), language),
        ]
        trend = aggregate.history.compactMap { point in
            point.share?.share.map { ChartPoint(label: point.period, value: $0) }
        }
        trendTarget = Self.greenTarget(aggregate)?.target.value.fraction
        categoriesChart = Self.categoriesChart(aggregate, language)
        districtsChart = Self.districtsChart(aggregate, language)
        evaluationChart = Self.evaluationChart(aggregate, language)
        self.manifest = manifest + (aggregate.source.map { [l("来源", "Source") + ": \($0)"] } ?? [])
    }

    /// The headline with money in `money` (Markdown and HTML: ``moneyFormat``; JSON and XLSX: exact yuan).
    public func headline(_ money: MoneyFormat) -> [String] {
        Self.headline(
            aggregate, greenTarget: Self.greenTarget(aggregate), filings: Self.filings(aggregate),
            money: money,
            language)
    }

    /// The method section, ending with how `money` prints amounts.
    public func methodology(_ money: MoneyFormat) -> [String] {
        Self.methodology(aggregate, language.label) + [money.note(language)]
    }

    /// The target the headline measures the green share against.
    static func greenTarget(_ aggregate: AggregateReport) -> TargetAssessment? {
        aggregate.targets.first { $0.target.id == "green-loan-share" }
            ?? aggregate.targets.first { $0.target.indicator == .green }
    }

    /// The report is about one period: filings of other stored periods are not listed.
    static func filings(_ aggregate: AggregateReport) -> [FilingStatus] {
        aggregate.filings.filter { $0.treatment != .otherPeriod }
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
        _ aggregate: AggregateReport, greenTarget: TargetAssessment?, filings: [FilingStatus],
        money: MoneyFormat, _ language: ReportLanguage
    ) -> [String] {
        let l: Label = language.label
        var headline: [String] = []
        if let greenShare = aggregate.shares.first(where: { $0.share.indicator == .green })?.share {
            var line =
                l("绿色贷款占比", "Green-loan share") + " \(DecimalText.percent(greenShare.share, decimals: 2))"
            if let greenTarget {
                line += " · " + l("目标", "target") + " \(greenTarget.target.value) (\(greenTarget.target.id))"
                line +=
                    greenTarget.met == true
                    ? " · " + l("已达标", "met")
                    : " · " + l("未达标，差额", "not met, gap") + " "
                        + (greenTarget.gap.map { money.amount($0, language) } ?? "—")
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
        var methodology =
            [
                l(
                    "占比 = Σ分子 ÷ Σ各项贷款（纳入机构），非各机构比率的平均。",
                    "Shares = Σ numerators ÷ Σ total loans over the included lenders, never an average of ratios."
                ),
                l(
                    "退回的报送不计入；每个机构每期只计最高版本。",
                    "REJECTED filings are excluded; only the highest revision per lender and period counts."),
                l("目标集", "Target set") + ": \(aggregate.targetSet)",
                l("电网平均排放因子（范围二）", "Average grid factor (Scope 2)") + ": \(aggregate.gridFactor)"
                    + " — \(aggregate.gridFactor.source)",
            ] + loanLevelMethodology(aggregate, l)
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
        case evaluationChart = "evaluation_chart"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schema, forKey: .schema)
        try c.encode(title, forKey: .title)
        try c.encode(headline(.exact), forKey: .headline)
        try c.encode(tables, forKey: .tables)
        try c.encode(trend, forKey: .trend)
        try c.encode(trendTarget, forKey: .trendTarget)
        try c.encode(categoriesChart, forKey: .categoriesChart)
        try c.encode(districtsChart, forKey: .districtsChart)
        try c.encode(evaluationChart, forKey: .evaluationChart)
        try c.encode(methodology(.exact), forKey: .methodology)
        try c.encode(manifest, forKey: .manifest)
    }
}
