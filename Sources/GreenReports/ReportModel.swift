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
        case .ratio(let value): SummaryRenderer.percent(value)
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
        let l = language.label
        let scope =
            aggregate.district.map { code in
                let name = Taxonomy.standard.districts.first { $0.code == code }
                return "\(code) \(name.map { l($0.nameZh, $0.nameEn) } ?? "")"
            } ?? l("深圳市", "Shenzhen")
        title = l("绿色金融季度报告", "Quarterly green finance report") + " — \(aggregate.period ?? "") · \(scope)"
        let greenShare = aggregate.shares.first { $0.share.indicator == .green }?.share
        let greenTarget =
            aggregate.targets.first { $0.target.id == "green-loan-share" }
            ?? aggregate.targets.first { $0.target.indicator == .green }
        var headline: [String] = []
        if let greenShare {
            var line = l("绿色贷款占比", "Green-loan share") + " \(SummaryRenderer.percent(greenShare.share))"
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
        func pp(_ value: Double?) -> String {
            value.map { ($0 >= 0 ? "+" : "") + DecimalText.fixed($0, decimals: 2) + " pp" } ?? "—"
        }
        headline.append(
            l("较上季度", "On the quarter") + " \(pp(aggregate.quarterOnQuarter)) · " + l("较上年同期", "on the year")
                + " \(pp(aggregate.yearOnYear))")
        for projection in aggregate.projections {
            let status: String
            if let onTrack = projection.onTrack, let projected = projection.projectedShare {
                status =
                    (onTrack ? l("按趋势可达标", "on track") : l("按趋势难以达标", "off track"))
                    + " (" + l("预计", "projected") + " \(SummaryRenderer.percent(projected)) " + l("于", "by")
                    + " \(projection.targetDate))"
            } else {
                status = projection.note
            }
            headline.append(l("目标趋势", "Trend to target") + " \(projection.targetID): \(status)")
        }
        // The report is about one period: filings of other stored periods are not listed.
        let filings = aggregate.filings.filter { $0.treatment != .otherPeriod }
        let counts = Dictionary(grouping: filings, by: \.treatment).mapValues(\.count)
        headline.append(
            l("报送", "Filings") + " \(filings.count): " + l("纳入", "included")
                + " \(counts[.included] ?? 0), "
                + l("退回", "rejected") + " \(counts[.rejected] ?? 0), " + l("被更正版本取代", "superseded")
                + " \(counts[.superseded] ?? 0)")
        self.headline = headline

        var tables: [ReportTable] = []
        tables.append(
            ReportTable(
                id: "indicators", title: l("指标与目标", "Indicators vs targets"),
                columns: [
                    l("目标", "Target"), l("分子", "Numerator"), l("各项贷款", "Total loans"), l("实际", "Actual"),
                    l("目标值", "Target value"), l("截止", "By"), l("达标", "Met"), l("差额(元)", "Gap (yuan)"),
                    l("依据", "Source"),
                ],
                rows: aggregate.targets.map { assessment in
                    [
                        .text(l(assessment.target.titleZh, assessment.target.titleEn)),
                        assessment.actual.map { .money($0.numerator) } ?? .text("—"),
                        assessment.actual.map { .money($0.denominator) } ?? .text("—"),
                        .ratio(assessment.actual?.share), .ratio(assessment.target.value.fraction),
                        .text(
                            assessment.target.targetDate.description
                                + (assessment.targetDatePassed ? " ✓" : "")),
                        .text(assessment.met.map { $0 ? l("是", "yes") : l("否", "no") } ?? "—"),
                        assessment.gap.map { .money($0) } ?? .text("—"),
                        .text("\(assessment.target.id) \(assessment.target.confidence.tag)"),
                    ]
                }))
        tables.append(
            ReportTable(
                id: "districts", title: l("分区", "Districts"),
                columns: [
                    l("区", "District"), l("各项贷款", "Total loans"), l("绿色贷款", "Green loans"), l("占比", "Share"),
                ],
                rows: aggregate.districts.map {
                    [
                        .text("\($0.code) \(l($0.nameZh ?? "", $0.nameEn ?? ""))"), .money($0.total),
                        .money($0.green), .ratio($0.share),
                    ]
                }))
        tables.append(
            ReportTable(
                id: "lenders", title: l("机构排名（绿色贷款占比）", "Lender league table (green share)"),
                columns: [
                    "#", l("机构", "Lender"), l("统一社会信用代码", "USCC"), l("类型", "Kind"), l("各项贷款", "Total loans"),
                    l("绿色贷款", "Green loans"), l("占比", "Share"),
                ],
                rows: aggregate.lenders.enumerated().map {
                    [
                        .integer($0.offset + 1), .text($0.element.nameZh ?? ""), .text($0.element.uscc),
                        .text($0.element.kind),
                        .money($0.element.total), .money($0.element.green), .ratio($0.element.greenShare),
                    ]
                }))
        tables.append(
            ReportTable(
                id: "categories", title: l("绿色分类（一级）", "Green categories (level 1)"),
                columns: [
                    l("目录", "Edition"), l("类别", "Category"), l("绿色贷款", "Green loans"),
                    l("占绿色贷款", "Of green loans"),
                ],
                rows: aggregate.categories.map {
                    [
                        .text($0.edition), .text("\($0.code) \(l($0.nameZh ?? "", $0.nameEn ?? ""))"),
                        .money($0.green), .ratio($0.shareOfGreen),
                    ]
                }))
        let avoided = aggregate.avoided
        let financed = aggregate.financed
        tables.append(
            ReportTable(
                id: "emissions", title: l("减排与投融资排放", "Avoided and financed emissions"),
                columns: [l("项目", "Item"), l("数值", "Value"), l("单位", "Unit"), l("依据", "Basis")],
                rows: [
                    [
                        .text(l("申报年减排量", "Declared annual reduction")), .number(avoided.declaredTonnes),
                        .text("tCO2e"), .text(l("借款人申报", "declared by borrowers")),
                    ],
                    [
                        .text(l("估算年减排量", "Estimated annual reduction")),
                        .number(avoided.estimatedProjectTonnes), .text("tCO2e"),
                        .text("\(aggregate.gridFactor.id) \(aggregate.gridFactor.confidence.tag)"),
                    ],
                    [
                        .text(l("归属本行的估算减排量", "Estimated reduction attributed")),
                        .number(avoided.attributedTonnes), .text("tCO2e"),
                        .text(l("余额/项目总投资", "balance ÷ total investment")),
                    ],
                    [
                        .text(l("估算覆盖率", "Estimate coverage")), .ratio(avoided.coverage),
                        .text(l("绿色贷款余额", "of green balance")), .text(""),
                    ],
                    [
                        .text(l("投融资排放（PCAF）", "Financed emissions (PCAF)")),
                        .number(financed.financedTonnes), .text("tCO2e"),
                        .text(l("不与减排量相抵", "not netted against avoided")),
                    ],
                    [
                        .text(l("排放强度", "Intensity")), .number(financed.intensityPerMillionYuan),
                        .text(l("吨/百万元", "t per million yuan")), .text(""),
                    ],
                    [
                        .text(l("数据覆盖率", "Data coverage")), .ratio(financed.coverage),
                        .text(l("贷款余额", "of balance")), .text(""),
                    ],
                    [
                        .text(l("数据质量评分", "Data-quality score")), .number(financed.dataQualityScore),
                        .text("1–5"), .text(l("余额加权", "balance-weighted")),
                    ],
                ]))
        tables.append(
            ReportTable(
                id: "filings", title: l("数据质量：报送文件", "Data quality: filings"),
                columns: [
                    l("文件", "File"), l("机构", "Lender"), l("期", "Period"), l("版本", "Revision"),
                    l("结论", "Verdict"), l("错误", "Errors"), l("警告", "Warnings"), l("处理", "Treatment"),
                    "SHA-256",
                ],
                rows: filings.map {
                    [
                        .text($0.file), .text($0.lenderName ?? $0.lenderUSCC ?? ""), .text($0.period ?? ""),
                        .integer($0.revision ?? 0),
                        .text($0.verdict?.rawValue ?? "—"), .integer($0.errors), .integer($0.warnings),
                        .text($0.treatment.rawValue + ($0.note.map { " — \($0)" } ?? "")),
                        .text($0.sha256 ?? ""),
                    ]
                }))
        self.tables = tables
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
        self.methodology = methodology
        self.manifest = manifest + (aggregate.source.map { [l("来源", "Source") + ": \($0)"] } ?? [])
    }
}
