import ArgumentParser
import GreenTaxonomy

/// `greenledger taxonomy map CODE --from E1 --to E2`
struct TaxonomyMap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Find an item's counterparts in another edition (derived crosswalk, not official).")

    @Argument(help: "Dotted item code in the --from edition, e.g. 3.2.2.")
    var code: String

    @Option(help: "Edition the code belongs to, e.g. gicc-2019.")
    var from: String

    @Option(help: "Edition to map to, e.g. gfsp-2025.")
    var to: String

    @OptionGroup var output: TextOrJSONOptions

    func run() throws {
        try Output.reportingErrors {
            let result = try Taxonomy.standard.map(code: code, from: from, to: to)
            switch output.format {
            case .json:
                struct Match: Encodable {
                    let entry: CrosswalkEntry
                    let item: TaxonomyItem
                }
                struct Document: Encodable {
                    let source: TaxonomyItem
                    let matches: [Match]
                    let note: String?
                }
                try Output.json(
                    Document(
                        source: result.source,
                        matches: result.matches.map { Match(entry: $0.entry, item: $0.item) },
                        note: result.note))
            case .text:
                Output.line(TaxonomyText.itemLine(result.source))
                for (entry, item) in result.matches {
                    Output.line(
                        "  → \(TaxonomyText.itemLine(item))   [\(entry.matchKind.rawValue): \(entry.matchKind.explanation)]"
                    )
                }
                if result.matches.isEmpty { Output.line("  → no counterpart in \(result.toEdition)") }
                Output.line("derived crosswalk, not official" + (result.note.map { "; \($0)" } ?? ""))
            }
        }
    }
}
