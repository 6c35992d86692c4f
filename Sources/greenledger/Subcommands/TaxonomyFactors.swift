import ArgumentParser
import GreenTaxonomy

/// `greenledger taxonomy factors [--kind K]`
struct TaxonomyFactors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factors",
        abstract:
            "List the emission and conversion factors with their series, region, year, source and confidence."
    )

    @Option(help: "Only factors of this kind: electricity, fuel, conversion or heat.")
    var kind: String?

    @OptionGroup var output: TextOrJSONOptions

    func run() throws {
        let taxonomy = Taxonomy.standard
        let kinds = Set(taxonomy.emissionFactors.map(\.kind))
        if let kind, !kinds.contains(kind) {
            Output.error("unknown factor kind '\(kind)' (kinds: \(kinds.sorted().joined(separator: ", ")))")
            throw ExitStatus.usage
        }
        let factors = taxonomy.emissionFactors.filter { kind == nil || $0.kind == kind }
        switch output.format {
        case .json:
            struct Document: Encodable {
                let defaultGridFactor: String
                let factors: [EmissionFactor]

                enum CodingKeys: String, CodingKey {
                    case factors
                    case defaultGridFactor = "default_grid_factor"
                }
            }
            try Output.json(Document(defaultGridFactor: taxonomy.defaultGridFactor.id, factors: factors))
        case .text:
            let defaultID = taxonomy.defaultGridFactor.id
            for factor in factors {
                Output.line(factor.description + (factor.id == defaultID ? "  ← default grid factor" : ""))
                Output.line("    source: \(factor.source)" + (factor.note.map { "; \($0)" } ?? ""))
            }
        }
    }
}
