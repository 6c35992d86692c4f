import ArgumentParser
import GreenTaxonomy

/// `greenledger taxonomy search TEXT [--edition E]`
struct TaxonomySearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search items by Chinese or English text (or code), best match first.",
        discussion:
            "Every word must match. Synonyms such as 光伏 → 太阳能 are applied (Taxonomy/search-synonyms.tsv).")

    @Argument(help: "Words to look for, e.g. 光伏 or solar.")
    var text: [String]

    @Option(help: "Search only this edition.")
    var edition: String?

    @Option(help: "Show at most this many results.")
    var limit: Int = 20

    @OptionGroup var output: TextOrJSONOptions

    func validate() throws {
        if text.joined().allSatisfy(\.isWhitespace) { throw ValidationError("give some text to search for") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try Output.reportingErrors {
            let taxonomy = Taxonomy.standard
            let query = text.joined(separator: " ")
            let all = try taxonomy.search(query, edition: edition)
            let hits = Array(all.prefix(limit))
            let warnings = Set(hits.map(\.item.edition)).sorted().compactMap {
                try? taxonomy.catalogue($0).incompletenessWarning
            }
            switch output.format {
            case .json:
                struct Document: Encodable {
                    let query: String
                    let total: Int
                    let hits: [SearchHit]
                    let warnings: [String]
                }
                try Output.json(Document(query: query, total: all.count, hits: hits, warnings: warnings))
            case .text:
                for warning in warnings { Output.line("warning: \(warning)") }
                for hit in hits { Output.line(TaxonomyText.itemLine(hit.item) + "   [\(hit.matchedOn)]") }
                if all.isEmpty {
                    Output.note("nothing matches '\(query)'; try fewer words, or English or Chinese")
                } else if all.count > hits.count {
                    Output.note("\(all.count - hits.count) more; use --limit to see them")
                }
            }
        }
    }
}
