import GreenDisclosure
import GreenMetrics
import GreenTaxonomy

/// Renders a ``FilingSummary`` as bilingual plain text or Markdown. Every figure is printed with what it
/// depends on: the factor (id and confidence tag) or the target (id and source). Money is printed in
/// `money` (thousands grouped; the unit in the column headings and the method section).
public enum SummaryRenderer {
    public enum Style: Sendable { case text, markdown }

    /// One filing's `summary` as text or Markdown (`style`): money in `money` (yuan, grouped, unless given),
    /// tonnes (tCO2e; tCO2 for own operations) with two decimals, grouped in the benefit and carbon-effect tables.
    public static func render(
        _ summary: FilingSummary, style: Style, money: MoneyFormat = MoneyFormat(unit: .yuan)
    ) -> String {
        var out = Writer(style: style, money: money)
        overview(summary, into: &out)
        out.heading("环境 Environment")
        out.table(
            targetHeader(out.money, goal: ("目标", "Target"), gap: ("差额", "Gap")),
            summary.greenTargets.map { targetRow($0, money: out.money) })
        emissions(summary, into: &out)
        if summary.input.hasLoans {
            out.benefits(summary.benefits, scope: "this filing's green loans")
            out.carbonEffect(summary.carbonEffect)
        }
        if let operations = summary.operations { ownOperations(operations, into: &out) }
        socialAndGovernance(summary, into: &out)
        out.districts(summary.districts)
        out.categories(summary.categories)
        method(summary, into: &out)
        return out.text
    }

    /// Title, the filing (file, period, revision, lender, verdict, counts) and its SHA-256.
    static func overview(_ summary: FilingSummary, into out: inout Writer) {
        let input = summary.input
        let header = input.header
        out.title("绿色金融概要 Green finance summary — \(header?.lenderNameZh ?? input.file)")
        out.line(
            "\(input.file) · \(header?.period?.description ?? "period unknown") revision \(header?.revision ?? 1) · "
                + "lender USCC \(header?.lenderUSCC ?? "?") · validation \(input.verdict.rawValue) "
                + "(\(input.errors) errors, \(input.warnings) warnings) · \(input.loans) loans")
        if let sha256 = input.sha256 { out.line("SHA-256 \(sha256) · \(input.bytes) bytes") }
        if input.verdict == .reject {
            out.line(
                "⚠ The filing is rejected by validation: figures below come from a filing that must be corrected."
            )
        }
    }

    /// Avoided and financed emissions with their factors, or why they are not computed.
    static func emissions(_ summary: FilingSummary, into out: inout Writer) {
        let input = summary.input
        if input.hasLoans {
            let avoided = summary.avoided
            out.line(
                "减排量 Avoided emissions (not netted against financed): declared \(DecimalText.tonnes(avoided.declaredTonnes)) tCO2e/yr "
                    + "(attributed \(DecimalText.tonnes(avoided.attributedDeclaredTonnes))); estimated \(DecimalText.tonnes(avoided.estimatedProjectTonnes)) "
                    + "tCO2e/yr (attributed \(DecimalText.tonnes(avoided.attributedTonnes))) for \(avoided.estimatedLoans) of "
                    + "\(avoided.greenLoans) green loans; coverage \(DecimalText.percent(avoided.coverage, decimals: 2)) of the green balance. "
                    + "Baseline \(summary.method.baselineDescription).")
            for (reason, count) in avoided.notEstimated.sorted(by: { $0.key < $1.key }) {
                out.bullet("not estimated (\(count)): \(reason)")
            }
            for (assumption, count) in avoided.assumptions.sorted(by: { $0.key < $1.key }) {
                out.bullet("estimated under an assumption (\(count)): \(assumption)")
            }
            let financed = summary.financed
            out.line(
                "投融资排放 Financed emissions (PCAF): \(DecimalText.tonnes(financed.financedTonnes)) tCO2e; intensity "
                    + "\(number(financed.intensityPerMillionYuan)) tCO2e per million yuan; coverage \(DecimalText.percent(financed.coverage, decimals: 2)) "
                    + "of the balance (\(financed.coveredLoans) loans); data-quality score \(number(financed.dataQualityScore)) (1 best … 5)."
            )
        } else {
            out.line(
                "减排量与投融资排放 Avoided and financed emissions: not computed — the filing has no loan-level detail "
                    + "(no Loans section).")
        }
    }

    /// The lender's own footprint by scope, and each line's arithmetic or why it is not estimated.
    static func ownOperations(_ operations: OperationsFootprint, into out: inout Writer) {
        out.line(
            "运营排放 Own operations \(operations.year.map(String.init) ?? ""): scope 1 \(DecimalText.tonnes(operations.total(scope: 1))), "
                + "scope 2 \(DecimalText.tonnes(operations.total(scope: 2))), scope 3 \(DecimalText.tonnes(operations.total(scope: 3))), total "
                + "\(DecimalText.tonnes(operations.total)) tCO2"
                + (operations.perEmployee.map { ", \(DecimalText.tonnes($0)) per employee" } ?? ""))
        for line in operations.lines {
            let figure =
                line.tonnes.map {
                    "\(DecimalText.tonnes($0)) tCO2 = \(line.method ?? "") (\(line.factors.joined(separator: ", ")) \(line.confidence?.tag ?? ""))"
                }
                ?? "not estimated: \(line.notEstimated ?? "")"
            out.bullet(
                "scope \(line.scope) \(line.item) \(number(line.quantity)) \(line.unit): \(figure)")
        }
    }

    /// Social and governance targets, and which sections the filing has.
    static func socialAndGovernance(_ summary: FilingSummary, into out: inout Writer) {
        let input = summary.input
        out.heading("社会 Social")
        out.table(
            targetHeader(out.money, goal: ("目标", "Target"), gap: ("差额", "Gap")),
            summary.socialTargets.map { targetRow($0, money: out.money) })

        out.heading("治理 Governance")
        out.table(
            targetHeader(out.money, goal: ("上限", "Ceiling"), gap: ("超出", "Over")),
            summary.governanceTargets.map { targetRow($0, money: out.money) })
        if input.hasLoans { out.creditRisk(summary.creditRisk) }
        let sections = summary.sections.sorted { $0.key < $1.key }.map {
            "\($0.key) \($0.value ? "yes" : "no")"
        }
        out.line(
            "Sections: \(sections.joined(separator: ", ")). Validation verdict \(input.verdict.rawValue).")
    }

    /// How the shares, avoided and financed emissions are computed, and the target set.
    static func method(_ summary: FilingSummary, into out: inout Writer) {
        out.heading("方法 Method")
        out.bullet("Shares: \(summary.method.shares). Targets: \(summary.method.targetSet).")
        out.bullet("Avoided: \(summary.method.avoided).")
        out.bullet("Financed: \(summary.method.financed).")
        out.bullet("Benefits: \(summary.method.benefits).")
        out.bullet("Carbon effect: \(summary.method.carbonEffect).")
        out.bullet("Credit risk: \(summary.method.creditRisk).")
        out.bullet(out.money.note(.en))
    }

    /// The heading of a target table: indicator, actual, target (or ceiling), met, the gap (or the excess) in
    /// `money`'s unit, and the target's id and source.
    static func targetHeader(_ money: MoneyFormat, goal: (String, String), gap: (String, String)) -> [String]
    {
        [
            "指标 Indicator", "实际 Actual", "\(goal.0) \(goal.1)", "达标 Met", money.heading(gap.0, gap.1, .both),
            "依据 Target id / source",
        ]
    }

    static func targetRow(_ assessment: TargetAssessment, money: MoneyFormat) -> [String] {
        let target = assessment.target
        let label = "\(target.titleZh) \(target.titleEn)"
        let actual = assessment.actual.map { DecimalText.percent($0.share, decimals: 2) } ?? "not declared"
        let goal =
            "\(target.value) by \(target.targetDate)" + (assessment.targetDatePassed ? " (date passed)" : "")
        let met = assessment.met.map { $0 ? "yes" : "no" } ?? "—"
        let gap = assessment.gap.map(money.string) ?? "—"
        return [label, actual, goal, met, gap, "\(target.id) \(target.confidence.tag)"]
    }

    static func number(_ value: Double?) -> String { value.map { DecimalText.fixed($0, decimals: 2) } ?? "—" }
}

/// Accumulates text or Markdown.
struct Writer {
    /// The district table of a summary or a roll-up (nothing when there are no districts).
    mutating func districts(_ districts: [DistrictShare]) {
        guard !districts.isEmpty else { return }
        heading("分区 Districts")
        table(
            [
                "区 District", money.heading("各项贷款", "Total loans", .both),
                money.heading("绿色贷款", "Green loans", .both), "占比 Share",
            ],
            districts.map {
                [
                    "\($0.code) \($0.nameZh ?? "") \($0.nameEn ?? "")", money.string($0.total),
                    money.string($0.green),
                    DecimalText.percent($0.share, decimals: 2),
                ]
            })
    }

    /// The level-1 category table of a summary or a roll-up, incomplete editions marked.
    mutating func categories(_ categories: [CategoryShare]) {
        guard !categories.isEmpty else { return }
        heading("绿色分类 Green categories (level 1)")
        table(
            ["目录 Edition", "类别 Category", money.heading("绿色贷款", "Green loans", .both), "占绿色贷款 Of green"],
            categories.map {
                [
                    $0.edition + ($0.incompleteEdition ? " (incomplete edition)" : ""),
                    "\($0.code) \($0.nameZh ?? "") \($0.nameEn ?? "")", money.string($0.green),
                    DecimalText.percent($0.shareOfGreen, decimals: 2),
                ]
            })
    }

    let style: SummaryRenderer.Style
    /// How money is printed; the tables put its unit in their headings.
    let money: MoneyFormat
    var text = ""

    /// Every value passes through the sink's one escaping helper: ``TerminalText/escape(_:)`` for text,
    /// ``MarkdownText/escape(_:)`` for Markdown; the writer's own line breaks and table syntax are added after.
    func escape(_ value: String) -> String {
        style == .markdown ? MarkdownText.escape(value) : TerminalText.escape(value)
    }

    mutating func title(_ value: String) {
        text +=
            style == .markdown
            ? "# \(escape(value))\n\n" : "\(escape(value))\n\(String(repeating: "=", count: 60))\n"
    }

    mutating func heading(_ value: String) {
        text +=
            style == .markdown
            ? "\n## \(escape(value))\n\n" : "\n\(escape(value))\n\(String(repeating: "-", count: 40))\n"
    }

    mutating func line(_ value: String) { text += escape(value) + (style == .markdown ? "\n\n" : "\n") }

    mutating func bullet(_ value: String) {
        text += (style == .markdown ? "- " : "  · ") + escape(value) + "\n"
    }

    mutating func table(_ header: [String], _ rows: [[String]]) {
        if rows.isEmpty {
            line("(none declared)")
            return
        }
        if style == .markdown {
            text +=
                "| " + header.map(escape).joined(separator: " | ") + " |\n|"
                + header.map { _ in "---|" }.joined()
                + "\n"
            for row in rows {
                text += "| " + row.map(escape).joined(separator: " | ") + " |\n"
            }
            text += "\n"
        } else {
            for row in rows {
                text +=
                    "  " + zip(header, row).map { "\(escape($0.0)): \(escape($0.1))" }.joined(separator: "; ")
                    + "\n"
            }
        }
    }
}
