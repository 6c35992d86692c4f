import GreenDisclosure
import GreenMetrics
import GreenTaxonomy

/// Renders a ``FilingSummary`` as bilingual plain text or Markdown. Every figure is printed with what it
/// depends on: the factor (id and confidence tag) or the target (id and source).
public enum SummaryRenderer {
    public enum Style: Sendable { case text, markdown }

    public static func render(_ summary: FilingSummary, style: Style) -> String {
        var out = Writer(style: style)
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

        out.heading("环境 Environment")
        out.table(
            ["指标 Indicator", "实际 Actual", "目标 Target", "达标 Met", "差额 Gap (yuan)", "依据 Target id / source"],
            summary.greenTargets.map(targetRow))
        if input.hasLoans {
            let avoided = summary.avoided
            let grid = summary.method.gridFactor
            out.line(
                "减排量 Avoided emissions (not netted against financed): declared \(tonnes(avoided.declaredTonnes)) tCO2e/yr "
                    + "(attributed \(tonnes(avoided.attributedDeclaredTonnes))); estimated \(tonnes(avoided.estimatedProjectTonnes)) "
                    + "tCO2e/yr (attributed \(tonnes(avoided.attributedTonnes))) for \(avoided.estimatedLoans) of "
                    + "\(avoided.greenLoans) green loans; coverage \(percent(avoided.coverage)) of the green balance. "
                    + "Grid factor \(grid.id) \(grid.value) \(grid.unit) \(grid.confidence.tag); tce factor "
                    + "\(summary.method.tceFactor.id) \(summary.method.tceFactor.value) \(summary.method.tceFactor.confidence.tag)."
            )
            for (reason, count) in avoided.notEstimated.sorted(by: { $0.key < $1.key }) {
                out.bullet("not estimated (\(count)): \(reason)")
            }
            let financed = summary.financed
            out.line(
                "投融资排放 Financed emissions (PCAF): \(tonnes(financed.financedTonnes)) tCO2e; intensity "
                    + "\(number(financed.intensityPerMillionYuan)) tCO2e per million yuan; coverage \(percent(financed.coverage)) "
                    + "of the balance (\(financed.coveredLoans) loans); data-quality score \(number(financed.dataQualityScore)) (1 best … 5)."
            )
        } else {
            out.line(
                "减排量与投融资排放 Avoided and financed emissions: not computed — the filing has no loan-level detail "
                    + "(no Loans section).")
        }
        if let operations = summary.operations {
            out.line(
                "运营排放 Own operations \(operations.year.map(String.init) ?? ""): scope 1 \(tonnes(operations.total(scope: 1))), "
                    + "scope 2 \(tonnes(operations.total(scope: 2))), scope 3 \(tonnes(operations.total(scope: 3))), total "
                    + "\(tonnes(operations.total)) tCO2"
                    + (operations.perEmployee.map { ", \(tonnes($0)) per employee" } ?? ""))
            for line in operations.lines {
                let figure =
                    line.tonnes.map {
                        "\(tonnes($0)) tCO2 = \(line.method ?? "") (\(line.factors.joined(separator: ", ")) \(line.confidence?.tag ?? ""))"
                    }
                    ?? "not estimated: \(line.notEstimated ?? "")"
                out.bullet(
                    "scope \(line.scope) \(line.item) \(number(line.quantity)) \(line.unit): \(figure)")
            }
        }

        out.heading("社会 Social")
        out.table(
            ["指标 Indicator", "实际 Actual", "目标 Target", "达标 Met", "差额 Gap (yuan)", "依据 Target id / source"],
            summary.socialTargets.map(targetRow))

        out.heading("治理 Governance")
        out.table(
            ["指标 Indicator", "实际 Actual", "上限 Ceiling", "达标 Met", "超出 Over (yuan)", "依据 Target id / source"],
            summary.governanceTargets.map(targetRow))
        let sections = summary.sections.sorted { $0.key < $1.key }.map {
            "\($0.key) \($0.value ? "yes" : "no")"
        }
        out.line(
            "Sections: \(sections.joined(separator: ", ")). Validation verdict \(input.verdict.rawValue).")

        out.districts(summary.districts)
        out.categories(summary.categories)
        out.heading("方法 Method")
        out.bullet("Shares: \(summary.method.shares). Targets: \(summary.method.targetSet).")
        out.bullet("Avoided: \(summary.method.avoided).")
        out.bullet("Financed: \(summary.method.financed).")
        return out.text
    }

    static func targetRow(_ assessment: TargetAssessment) -> [String] {
        let target = assessment.target
        let label = "\(target.titleZh) \(target.titleEn)"
        let actual = assessment.actual.map { percent($0.share) } ?? "not declared"
        let goal =
            "\(target.value) by \(target.targetDate)" + (assessment.targetDatePassed ? " (date passed)" : "")
        let met = assessment.met.map { $0 ? "yes" : "no" } ?? "—"
        let gap = assessment.gap?.description ?? "—"
        return [label, actual, goal, met, gap, "\(target.id) \(target.confidence.tag)"]
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return DecimalText.fixed(value * 100, decimals: 2) + "%"
    }

    static func tonnes(_ value: Double) -> String { DecimalText.fixed(value, decimals: 2) }

    static func number(_ value: Double?) -> String { value.map { DecimalText.fixed($0, decimals: 2) } ?? "—" }
}

/// Accumulates text or Markdown.
struct Writer {
    /// The district table of a summary or a roll-up (nothing when there are no districts).
    mutating func districts(_ districts: [DistrictShare]) {
        guard !districts.isEmpty else { return }
        heading("分区 Districts")
        table(
            ["区 District", "各项贷款 Total loans", "绿色贷款 Green loans", "占比 Share"],
            districts.map {
                [
                    "\($0.code) \($0.nameZh ?? "") \($0.nameEn ?? "")", $0.total.description,
                    $0.green.description,
                    SummaryRenderer.percent($0.share),
                ]
            })
    }

    /// The level-1 category table of a summary or a roll-up, incomplete editions marked.
    mutating func categories(_ categories: [CategoryShare]) {
        guard !categories.isEmpty else { return }
        heading("绿色分类 Green categories (level 1)")
        table(
            ["目录 Edition", "类别 Category", "绿色贷款 Green loans", "占绿色贷款 Of green"],
            categories.map {
                [
                    $0.edition + ($0.incompleteEdition ? " (incomplete edition)" : ""),
                    "\($0.code) \($0.nameZh ?? "") \($0.nameEn ?? "")", $0.green.description,
                    SummaryRenderer.percent($0.shareOfGreen),
                ]
            })
    }

    let style: SummaryRenderer.Style
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
