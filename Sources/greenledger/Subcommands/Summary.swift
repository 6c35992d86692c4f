import ArgumentParser
import Foundation
import GreenDisclosure
import GreenMetrics
import GreenReports
import GreenTaxonomy

/// `greenledger summary FILE [--format text|json|md] [--money-unit yuan|wan|yi]`
struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract:
            "Shares against plan targets, avoided and financed emissions, own footprint: the ESG summary of a filing.",
        discussion: """
            Targets: the plan defaults (Taxonomy/targets.tsv) or --targets FILE, a tab-separated file with the \
            header id, indicator, indicator_zh, indicator_en, direction, value, baseline, baseline_year, \
            target_date, confidence, source, note (indicator: green, tech-enterprise, inclusive-small-micro, \
            manufacturing-mid-long-term, non-performing; direction floor or ceiling; value like 7% or 0.07).
            JSON (schema \(FilingSummary.schema), snake_case keys; reference in Docs/json-output.md): money as \
            exact decimal strings in yuan, ratios as numbers (0…1), emissions in tonnes.
            Exit codes: 0 done (the filing's verdict is in the output), 2 unreadable input or targets, 64 usage.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, md
    }

    @Argument(help: "The filing; '-' reads standard input.")
    var file: String

    @Option(help: "text, json or md (Markdown).")
    var format: Format = .text

    @Option(help: "A target file replacing the plan defaults (format in the discussion above).")
    var targets: String?

    @OptionGroup var money: MoneyUnitOptions

    @OptionGroup var factors: FactorOptions

    func run() throws {
        let estimation = try factors.estimation()
        let targetSet = try TargetOptions.load(targets)
        let input: FilingInput = file == "-" ? .standardInput : .file(path: file)
        let summary: FilingSummary
        do {
            summary = try FilingSummarizer.summarize(input, factors: estimation, targets: targetSet)
        } catch let error as FilingReadError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        }
        switch format {
        case .json: try Output.json(summary)
        case .text:
            print(SummaryRenderer.render(summary, style: .text, money: money.format()), terminator: "")
        case .md:
            print(SummaryRenderer.render(summary, style: .markdown, money: money.format()), terminator: "")
        }
    }
}
