import GreenDisclosure
import GreenMetrics
import GreenTaxonomy

/// The report's tables of figures only loan-level data gives — the seven benefits, the direct/indirect split,
/// credit risk — and the PBoC evaluation's indicators from the history, with its chart.
extension QuarterlyReport {
    /// The seven benefits city-wide, then by borrower district and by level-1 category (indicators declared).
    static func benefitsTable(_ aggregate: AggregateReport, _ language: ReportLanguage) -> ReportTable {
        let l: Label = language.label
        var rows: [[ReportCell]] = []
        func add(_ scope: String, _ totals: BenefitTotals, everyIndicator: Bool) {
            for indicator in BenefitIndicator.allCases {
                let sum = totals[indicator]
                guard everyIndicator || sum.loans > 0 else { continue }
                rows.append([
                    .text(scope), .text(l(indicator.nameZh, indicator.nameEn)), .text(indicator.unit),
                    .number(sum.declared), .number(sum.attributed), .integer(sum.loans),
                    .integer(sum.unattributedLoans),
                ])
            }
        }
        if aggregate.benefitsFrom > 0 {
            add(l("合计", "Total"), aggregate.benefits.total, everyIndicator: true)
            for code in aggregate.benefits.districts.keys.sorted() {
                let known = Taxonomy.standard.districts.first { $0.code == code }
                add(
                    "\(code) \(known.map { l($0.nameZh, $0.nameEn) } ?? "")",
                    aggregate.benefits.districts[code] ?? BenefitTotals(), everyIndicator: false)
            }
            for key in aggregate.benefits.categories.keys.sorted() {
                let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
                let item =
                    parts.count == 2 ? try? Taxonomy.standard.item(edition: parts[0], code: parts[1]) : nil
                add(
                    key + (item.map { " " + l($0.nameZh, $0.nameEn) } ?? ""),
                    aggregate.benefits.categories[key] ?? BenefitTotals(), everyIndicator: false)
            }
        }
        return ReportTable(
            id: "benefits",
            title: l("环境效益（申报与归属本行）", "Environmental benefits (declared and attributed)")
                + " — \(aggregate.benefitsFrom) " + l("份含贷款明细的报送", "filings with loan-level data"),
            language: language,
            columns: [
                ReportColumn("范围", "Scope"), ReportColumn("指标", "Indicator"), ReportColumn("单位", "Unit"),
                ReportColumn("申报年效益", "Declared a year"), ReportColumn("归属本行", "Attributed a year"),
                ReportColumn("贷款笔数", "Loans"), ReportColumn("无项目总投资", "Not attributed"),
            ],
            rows: rows)
    }

    /// Green loans and CO2e by carbon-reduction effect (catalogue GHG marks).
    static func carbonEffectTable(_ aggregate: AggregateReport, _ language: ReportLanguage) -> ReportTable {
        let l: Label = language.label
        return ReportTable(
            id: "carbon-effect", title: l("碳减排效应（目录温室气体标注）", "Carbon-reduction effect (catalogue GHG marks)"),
            language: language,
            columns: [
                ReportColumn("效应", "Effect"), ReportColumn("贷款笔数", "Loans"),
                ReportColumn("余额", "Balance", money: true), ReportColumn("申报 tCO2e/年", "Declared tCO2e/yr"),
                ReportColumn("归属申报", "Attributed declared"), ReportColumn("估算笔数", "Loans estimated"),
                ReportColumn("归属估算", "Attributed estimated"),
            ],
            rows: aggregate.creditRiskFrom == 0
                ? []
                : CarbonEffect.allCases.map { effect in
                    let sum = aggregate.carbonEffect[effect]
                    return [
                        .text(l(effect.nameZh, effect.nameEn)), .integer(sum.loans), .money(sum.balance),
                        .number(sum.declaredTonnes), .number(sum.attributedDeclaredTonnes),
                        .integer(sum.estimatedLoans),
                        sum.estimatedLoans == 0 ? .text("—") : .number(sum.attributedEstimatedTonnes),
                    ]
                })
    }

    /// Non-performing green loans and possibly understated NPL.
    static func creditRiskTable(_ aggregate: AggregateReport, _ language: ReportLanguage) -> ReportTable {
        let l: Label = language.label
        let risk = aggregate.creditRisk
        return ReportTable(
            id: "credit-risk",
            title: l("信用风险（贷款明细）", "Credit risk (loan-level data)")
                + " — \(aggregate.creditRiskFrom) " + l("份报送", "filings"),
            language: language,
            columns: [
                ReportColumn("项目", "Item"), ReportColumn("金额", "Amount", money: true),
                ReportColumn("比率", "Ratio"), ReportColumn("依据", "Basis"),
            ],
            rows: aggregate.creditRiskFrom == 0
                ? []
                : [
                    [
                        .text(l("绿色贷款不良", "Non-performing green loans")), .money(risk.greenNonPerforming),
                        .ratio(risk.greenNonPerformingRatio), .text(l("÷ 绿色贷款", "÷ green loans")),
                    ],
                    [
                        .text(l("不良贷款（按分类）", "Non-performing (as classified)")), .money(risk.nonPerforming),
                        .ratio(risk.nonPerformingRatio), .text(l("÷ 各项贷款", "÷ total loans")),
                    ],
                    [
                        .text(
                            l("可能低估的不良（逾期超90天仍为正常/关注）", "Possibly understated NPL (>90 days past maturity)")
                                + " — \(risk.possiblyUnderstatedLoans)"),
                        .money(risk.possiblyUnderstated), .ratio(risk.nonPerformingRatioIfReclassified),
                        .text(l("若重分类后的不良率（GL-LOAN-007）", "NPL ratio if reclassified (GL-LOAN-007)")),
                    ],
                ])
    }

    /// The PBoC evaluation's indicators per lender with ranks (empty without a filing history).
    static func evaluationTable(_ aggregate: AggregateReport, _ language: ReportLanguage) -> ReportTable {
        let l: Label = language.label
        let columns: [ReportColumn] = [
            ReportColumn("机构", "Lender"), ReportColumn("统一社会信用代码", "USCC"), ReportColumn("类型", "Kind"),
            ReportColumn("总额占比", "Share of own loans"), ReportColumn("排名", "Rank"),
            ReportColumn("份额占比", "Share of all green"), ReportColumn("排名", "Rank"),
            ReportColumn("同比增速", "Year on year"), ReportColumn("排名", "Rank"),
            ReportColumn("绿色不良率", "Green NPL ratio"), ReportColumn("排名", "Rank"),
        ]
        func rank(_ indicator: EvaluatedIndicator) -> ReportCell {
            guard indicator.value != nil else {
                return .text(l("无法计算", "not computable") + ": \(indicator.notComputable ?? "")")
            }
            var text = indicator.peerRank.map { "\($0.rank)/\($0.of)" } ?? "—"
            if let own = indicator.ownRank { text += " · " + l("自身", "own") + " \(own.rank)/\(own.of)" }
            return .text(text)
        }
        return ReportTable(
            id: "evaluation",
            title: l(
                "人民银行绿色金融评价定量指标（绿色贷款部分，不计分）",
                "PBoC green-finance evaluation indicators (green-loan part, no score)"),
            language: language, columns: columns,
            rows: (aggregate.evaluation?.lenders ?? []).map { lender in
                [
                    .text(lender.nameZh ?? ""), .text(lender.uscc), .text(lender.kind),
                    .ratio(lender.greenShare.value), rank(lender.greenShare),
                    .ratio(lender.shareOfAllGreen.value), rank(lender.shareOfAllGreen),
                    .ratio(lender.yearOnYearGrowth.value), rank(lender.yearOnYearGrowth),
                    .ratio(lender.greenRiskRatio.value), rank(lender.greenRiskRatio),
                ]
            })
    }

    /// Each lender's green share of its own loans (总额占比), highest first, labelled with its name and rank.
    static func evaluationChart(_ aggregate: AggregateReport, _ language: ReportLanguage) -> [ChartPoint] {
        (aggregate.evaluation?.lenders ?? []).compactMap { lender -> ChartPoint? in
            guard let value = lender.greenShare.value, let rank = lender.greenShare.peerRank else {
                return nil
            }
            let name = lender.nameZh.flatMap { $0.isEmpty ? nil : $0 } ?? lender.uscc
            return ChartPoint(
                label: "#\(rank.rank) \(name)", value: value,
                detail: "\(name) \(lender.uscc) #\(rank.rank)/\(rank.of)")
        }
        .sorted { ($0.value, $1.label) > ($1.value, $0.label) }
    }

    /// The method lines of the loan-level figures and the evaluation.
    static func loanLevelMethodology(_ aggregate: AggregateReport, _ l: Label) -> [String] {
        var lines = [
            l("减排量", "Avoided emissions") + ": "
                + l(
                    "发电或节约的电量 × 火电供电标准煤耗 × 吨二氧化碳/吨标准煤（原银监会《绿色信贷项目节能减排量测算指引》，默认“guideline”基准），或 × 电网平均排放因子（“average”，需明示选择）；节能项目的吨标准煤已含电力；按贷款余额÷项目总投资（不超过1）归属本行；各报送所用基准与因子见下行",
                    MethodText.avoidedInGeneral),
            l("减排基准", "Avoided-emissions baseline") + ": "
                + (aggregate.baselines.isEmpty ? "—" : aggregate.baselines.joined(separator: "; ")),
            l("环境效益", "Benefits") + ": "
                + l(
                    "绿色信贷统计的七项环境效益（二氧化碳当量、标准煤、化学需氧量、氨氮、二氧化硫、氮氧化物、节水；指标清单[U]），按项目申报值列示，并按贷款占项目总投资比例折算归属本行[P]；无项目总投资的贷款只计申报、不计归属",
                    MethodText.benefits),
            l("碳减排效应", "Carbon effect") + ": "
                + l(
                    "按2025年版目录温室气体标注区分直接碳减排效益（√√）与间接（低碳赋能，√）；√/√√条目按借款人行业所在行确定，无匹配行为“混合”；未标注的条目或行为“无标注”；无标注的目录版本（2019、2024年版）为“版本无标注”，不作推测",
                    MethodText.carbonEffect),
            l("信用风险", "Credit risk") + ": "
                + l(
                    "可能低估的不良：报告期末已逾到期日90天以上仍分类为正常或关注的贷款（GL-LOAN-007；《商业银行金融资产风险分类办法》（2023）：逾期90天以上至少为次级类）；报送仅有到期日，故为上限",
                    MethodText.creditRisk),
        ]
        if aggregate.evaluation != nil {
            lines.append(
                l("绿色金融评价", "Evaluation") + ": "
                    + l(
                        "人民银行《银行业金融机构绿色金融评价方案》（2021）定量指标的绿色贷款部分（评价口径含绿色贷款与绿色债券）：总额占比、份额占比、同比增速、绿色贷款不良率；在本期各类报送机构中排名（评价对象为银行业金融机构，小贷、租赁、财务公司一并列示并注明类型），并与本机构前三个季度（年报为前三年）比较；权重与计分公式未公布，不计算得分",
                        GreenFinanceEvaluation.methodText))
        }
        if aggregate.baselines.count > 1 {
            lines.append(
                "⚠ "
                    + l(
                        "减排量估算使用了不同基准，合计混合了不同方法；请以同一基准重新导入。",
                        "The avoided-emissions estimates use different baselines: their sum mixes methods; re-ingest the filings with one baseline."
                    ))
        }
        if aggregate.loanLevelNotRecorded > 0 {
            lines.append(
                "⚠ "
                    + l(
                        "\(aggregate.loanLevelNotRecorded) 份报送由旧版本导入，缺少环境效益、碳减排效应和信用风险数据；请重新导入同一文件。",
                        "\(aggregate.loanLevelNotRecorded) included filings were stored by an earlier GreenLedger without benefits, carbon effect and credit risk: ingest the same files again to refresh them."
                    ))
        }
        if aggregate.district != nil {
            lines.append(
                l(
                    "碳减排效应、信用风险与人民银行评价指标仅按全市统计（按机构报送，不分区）。",
                    "Carbon effect, credit risk and the PBoC evaluation are city-wide only (filed per lender, not per district)."
                ))
        }
        return lines
    }
}
