import ArgumentParser
import GreenTaxonomy

/// `greenledger taxonomy industry GBT4754CODE`
struct TaxonomyIndustry: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "industry",
        abstract:
            "Which items list a GB/T 4754-2017 industry class (e.g. 4416), group (441) or division (44)?",
        discussion: """
            A leading section letter (D4416) is accepted and ignored. Only gfsp-2025 lists industry classes; \
            the catalogue says they describe the activity and must not be used to classify the borrower.
            """)

    @Argument(help: "Industry code: 2 to 4 digits, optionally after the section letter.")
    var code: String

    @Option(help: "Edition to search (default: every edition with industry codes).")
    var edition: String?

    @OptionGroup var output: TextOrJSONOptions

    func run() throws {
        try Output.reportingErrors {
            let taxonomy = Taxonomy.standard
            let matches = try taxonomy.items(withIndustryCode: code, edition: edition)
            switch output.format {
            case .json:
                struct Document: Encodable {
                    let industryCode: String
                    let matches: [IndustryMatch]

                    enum CodingKeys: String, CodingKey {
                        case matches
                        case industryCode = "industry_code"
                    }
                }
                try Output.json(Document(industryCode: try taxonomy.industryDigits(code), matches: matches))
            case .text:
                for match in matches {
                    Output.line(TaxonomyText.itemLine(match.item))
                    for industryClass in match.classes { Output.line("    \(industryClass.display)") }
                }
                if matches.isEmpty {
                    let near = taxonomy.listedIndustryClasses(near: code)
                    Output.note(
                        "no item lists industry code '\(code)'"
                            + (near.isEmpty
                                ? "" : "; listed classes nearby: \(near.prefix(8).joined(separator: ", "))"))
                }
            }
        }
    }
}
