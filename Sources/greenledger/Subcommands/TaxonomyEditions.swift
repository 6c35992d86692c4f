import ArgumentParser
import GreenTaxonomy

/// `greenledger taxonomy editions [--originated DATE]`
struct TaxonomyEditions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "editions",
        abstract: "List the catalogue editions with their documents, dates, completeness and sources.")

    @Option(
        help: "Also say which editions a loan originated on this date (YYYY-MM-DD) may be classified under.")
    var originated: String?

    @OptionGroup var output: TextOrJSONOptions

    func run() throws {
        let taxonomy = Taxonomy.standard
        var rule: EditionRule? = nil
        if let originated {
            guard let date = CalendarDate(originated) else {
                Output.error("'\(originated)' is not a date; write YYYY-MM-DD, e.g. 2025-10-01")
                throw ExitStatus.usage
            }
            rule = taxonomy.editionRule(forLoanOriginatedOn: date)
        }
        let catalogues = try taxonomy.editions.map { try taxonomy.catalogue($0.id) }
        switch output.format {
        case .json:
            struct Entry: Encodable {
                let edition: Edition
                let counts: [Int]
                let warning: String?
            }
            struct Document: Encodable {
                let editions: [Entry]
                let rule: EditionRule?
            }
            try Output.json(
                Document(
                    editions: catalogues.map {
                        Entry(edition: $0.edition, counts: $0.counts, warning: $0.incompletenessWarning)
                    },
                    rule: rule))
        case .text:
            for catalogue in catalogues {
                for line in TaxonomyText.editionBlock(catalogue.edition, counts: catalogue.counts) {
                    Output.line(line)
                }
                if let warning = catalogue.incompletenessWarning { Output.line("    warning: \(warning)") }
            }
            if let rule {
                Output.line()
                Output.line("loan originated \(rule.originatedOn): \(rule.explanation)")
                Output.line("accepted editions: \(rule.accepted.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }
}
