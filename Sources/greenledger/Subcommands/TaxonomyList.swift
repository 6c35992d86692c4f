import ArgumentParser
import GreenTaxonomy

/// `greenledger taxonomy list EDITION [--level N] [--under CODE]`
struct TaxonomyList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List an edition's items, optionally one level or one branch.")

    @Argument(help: "Catalogue edition, e.g. gfsp-2025.")
    var edition: String

    @Option(help: "Only items of this level (1, 2 or 3).")
    var level: Int?

    @Option(help: "Only items under this code, e.g. 4.2.")
    var under: String?

    @OptionGroup var output: TextOrJSONOptions

    func validate() throws {
        if let level, !(1...3).contains(level) {
            throw ValidationError("--level must be 1, 2 or 3")
        }
    }

    func run() throws {
        try Output.reportingErrors {
            let taxonomy = Taxonomy.standard
            let catalogue = try taxonomy.catalogue(edition)
            let ancestor = try under.map { try taxonomy.item(edition: edition, code: $0).code }
            let items = catalogue.items(level: level, under: ancestor)
            let warnings = [catalogue.incompletenessWarning].compactMap { $0 }
            switch output.format {
            case .json:
                struct Document: Encodable {
                    let edition: EditionID
                    let items: [TaxonomyItem]
                    let warnings: [String]
                }
                try Output.json(Document(edition: catalogue.edition.id, items: items, warnings: warnings))
            case .text:
                for warning in warnings { Output.line("warning: \(warning)") }
                for item in items {
                    Output.line(TaxonomyText.itemLine(item, showEdition: false, indentByLevel: level == nil))
                }
                if items.isEmpty { Output.note("no items match") }
            }
        }
    }
}
