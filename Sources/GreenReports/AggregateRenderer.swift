import GreenDisclosure
import GreenMetrics
import GreenTaxonomy

/// Renders an ``AggregateReport`` as bilingual text or Markdown, money in `money` (thousands grouped; the
/// unit in the column headings and the method section).
public enum AggregateRenderer {
    /// The city-wide or district roll-up `report` as text or Markdown (`style`): money in `money` (yuan, grouped,
    /// unless given), tonnes with two decimals, grouped in the benefit and carbon-effect tables.
    public static func render(
        _ report: AggregateReport, style: SummaryRenderer.Style, money: MoneyFormat = MoneyFormat(unit: .yuan)
    ) -> String {
        var out = Writer(style: style, money: money)
        overview(report, into: &out)
        filings(report, into: &out)
        indicators(report, into: &out)
        lenders(report, into: &out)
        out.districts(report.districts)
        out.categories(report.categories)
        if report.district == nil { emissions(report, into: &out) }
        if report.benefitsFrom > 0 {
            out.benefits(
                report.benefits,
                scope: "\(report.benefitsFrom) filings with loan-level data"
                    + (report.district.map { ", borrowers in \($0)" } ?? ""))
        }
        if report.district == nil && report.creditRiskFrom > 0 {
            out.carbonEffect(report.carbonEffect)
            out.heading("信用风险 Credit risk (\(report.creditRiskFrom) filings with loan-level data)")
            out.creditRisk(report.creditRisk)
        } else if report.district != nil {
            out.line(
                "碳减排效应、信用风险与人民银行评价指标 Carbon effect, credit risk and the PBoC evaluation: city-wide only "
                    + "(lenders file them per lender, not per district).")
        }
        if report.loanLevelNotRecorded > 0 {
            out.line(
                "⚠ \(report.loanLevelNotRecorded) included filings were stored by an earlier GreenLedger without "
                    + "benefits, carbon effect and credit risk: they are missing from those figures; ingest the same "
                    + "files again to refresh them.")
        }
        if report.baselines.count > 1 {
            out.line(
                "⚠ The avoided-emissions estimates were made with different baselines (\(report.baselines.joined(separator: "; "))): "
                    + "their sum mixes methods; re-ingest the filings with one baseline into a new history.")
        }
        if let evaluation = report.evaluation { out.evaluation(evaluation) }
        method(report, into: &out)
        return out.text
    }

    /// Title, counts of filings by treatment, conflicts, source and the green share's history.
    static func overview(_ report: AggregateReport, into out: inout Writer) {
        let scope = report.district.map { "district \($0)" } ?? "city-wide"
        out.title("绿色贷款汇总 Green-loan roll-up — \(report.period ?? "no period") · \(scope)")
        let counts = Dictionary(grouping: report.filings, by: \.treatment).mapValues(\.count)
        out.line(
            "\(report.filings.count) filings: \(counts[.included] ?? 0) included, \(counts[.rejected] ?? 0) rejected, "
                + "\(counts[.superseded] ?? 0) superseded, \(counts[.conflict] ?? 0) in conflict, "
                + "\(counts[.duplicate] ?? 0) duplicate, \(counts[.otherPeriod] ?? 0) other period, "
                + "\(counts[.unreadable] ?? 0) unreadable. Targets: \(report.targetSet).")
        if !report.conflicts.isEmpty {
            out.heading("冲突 Conflicts — not counted")
            for conflict in report.conflicts {
                out.bullet(
                    "\(conflict.lenderName ?? conflict.lenderUSCC) \(conflict.lenderUSCC) \(conflict.period ?? "—") "
                        + "revision \(conflict.revision): \(conflict.reason)")
                for filing in conflict.filings {
                    out.bullet("not counted: \(filing.file) (SHA-256 \(filing.sha256 ?? "unknown"))")
                }
            }
        }
        if let source = report.source { out.line("Source: \(source).") }
        if !report.history.isEmpty {
            out.line(
                "绿色贷款占比变化 Green share change: on the quarter \(DecimalText.percentagePoints(report.quarterOnQuarter)), on the year "
                    + "\(DecimalText.percentagePoints(report.yearOnYear)). History: "
                    + report.history.map {
                        "\($0.period) \(DecimalText.percent($0.share?.share, decimals: 2))"
                    }
                    .joined(separator: ", ") + ".")
        }
    }

    /// Every filing with its verdict and treatment.
    static func filings(_ report: AggregateReport, into out: inout Writer) {
        out.heading("报送文件 Filings")
        out.table(
            [
                "文件 File", "机构 Lender", "期 Period", "版本 Rev.", "结论 Verdict", "错误/警告 Errors/warnings",
                "处理 Treatment",
            ],
            report.filings.map {
                [
                    $0.file, $0.lenderName ?? $0.lenderUSCC ?? "—", $0.period ?? "—",
                    $0.revision.map(String.init) ?? "—",
                    $0.verdict?.rawValue ?? "—", "\($0.errors)/\($0.warnings)",
                    $0.treatment.rawValue + ($0.note.map { " — \($0)" } ?? ""),
                ]
            })
    }

    /// The indicators' sums and shares, and the targets (noting indicators only some lenders declare).
    static func indicators(_ report: AggregateReport, into out: inout Writer) {
        out.heading("指标 Indicators vs targets")
        out.table(
            [
                "指标 Indicator", out.money.heading("分子", "Numerator", .both),
                out.money.heading("分母", "Total loans", .both), "占比 Share", "申报 Declared by",
            ],
            report.shares.map {
                let label = $0.share.indicator.label
                return [
                    "\(label.zh) \(label.en)", out.money.string($0.share.numerator),
                    out.money.string($0.share.denominator),
                    DecimalText.percent($0.share.share, decimals: 2),
                    "\($0.declaredBy) of \($0.lenders) lenders",
                ]
            })
        out.table(
            [
                "目标 Target", "实际 Actual", "目标值 Value", "达标 Met", out.money.heading("差额", "Gap", .both),
                "依据 Id",
            ],
            report.targets.map { assessment in
                var row = SummaryRenderer.targetRow(assessment, money: out.money)
                if let partial = report.shares.first(where: {
                    $0.share.indicator == assessment.target.indicator && $0.declaredBy < $0.lenders
                }) {
                    row[1] += " (\(partial.declaredBy) of \(partial.lenders) lenders declare it)"
                }
                return row
            })
    }

    /// The league table by green share.
    static func lenders(_ report: AggregateReport, into out: inout Writer) {
        out.heading("机构排名 Lender league table (green share)")
        out.table(
            [
                "#", "机构 Lender", "类型 Kind", out.money.heading("各项贷款", "Total", .both),
                out.money.heading("绿色贷款", "Green", .both), "占比 Share",
            ],
            report.lenders.enumerated().map {
                [
                    String($0.offset + 1), "\($0.element.nameZh ?? "") \($0.element.uscc)", $0.element.kind,
                    out.money.string($0.element.total), out.money.string($0.element.green),
                    DecimalText.percent($0.element.greenShare, decimals: 2),
                ]
            })
    }

    /// Avoided (loan-level filings only) and financed emissions, city-wide only.
    static func emissions(_ report: AggregateReport, into out: inout Writer) {
        out.heading("排放 Emissions")
        let avoided = report.avoided
        let financed = report.financed
        out.line(
            "Avoided (loan-level filings only): declared \(DecimalText.tonnes(avoided.declaredTonnes)) tCO2e/yr, estimated "
                + "\(DecimalText.tonnes(avoided.estimatedProjectTonnes)) (attributed \(DecimalText.tonnes(avoided.attributedTonnes))), "
                + "coverage \(DecimalText.percent(avoided.coverage, decimals: 2)); estimated with the baseline(s) "
                + "\(report.baselines.isEmpty ? "none" : report.baselines.joined(separator: "; ")).")
        for (assumption, count) in avoided.assumptions.sorted(by: { $0.key < $1.key }) {
            out.bullet("estimated under an assumption (\(count)): \(assumption)")
        }
        out.line(
            "Financed (PCAF): \(DecimalText.tonnes(financed.financedTonnes)) tCO2e, intensity "
                + "\(SummaryRenderer.number(financed.intensityPerMillionYuan)) t per million yuan, coverage "
                + "\(DecimalText.percent(financed.coverage, decimals: 2)), data-quality score \(SummaryRenderer.number(financed.dataQualityScore))."
        )
    }

    /// How the roll-up counts.
    static func method(_ report: AggregateReport, into out: inout Writer) {
        out.heading("方法 Method")
        out.bullet(
            "Shares are Σ numerators ÷ Σ total loans over the included lenders, never an average of lenders' ratios."
        )
        out.bullet(
            "REJECTED filings are listed and excluded; only the highest revision per lender and period counts."
        )
        out.bullet(
            "Different filings with the same lender, period and revision are a conflict: none of them counts. "
                + "The same file content given twice counts once.")
        if report.district != nil {
            out.bullet(
                "A district's figures come from the lenders' District rows, which give total and green loans only."
            )
        }
        out.bullet("Avoided: \(MethodText.avoidedInGeneral).")
        out.bullet("Benefits: \(MethodText.benefits).")
        out.bullet("Carbon effect: \(MethodText.carbonEffect).")
        out.bullet("Credit risk: \(MethodText.creditRisk).")
        if report.evaluation != nil { out.bullet("Evaluation: \(GreenFinanceEvaluation.methodText)") }
        out.bullet(out.money.note(.en))
    }
}
