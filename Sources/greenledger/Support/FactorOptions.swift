import ArgumentParser
import GreenTaxonomy

/// `--factor ID` / `--grid-factor VALUE`: which grid emission factor estimates use.
struct FactorOptions: ParsableArguments {
    @Option(
        help: """
            Grid emission factor by id from Taxonomy/emission-factors.tsv (default: \
            \(Taxonomy.standard.defaultGridFactor.id), the Southern-region 2022 average). \
            'greenledger taxonomy factors' lists them.
            """)
    var factor: String?

    @Option(help: "Grid emission factor in tCO2/MWh supplied by you (tagged [U] in outputs).")
    var gridFactor: Double?

    func validate() throws {
        if factor != nil && gridFactor != nil {
            throw ValidationError("give --factor or --grid-factor, not both")
        }
        if let gridFactor, !(gridFactor > 0 && gridFactor < 5) {
            throw ValidationError("--grid-factor must be a value in tCO2/MWh between 0 and 5, e.g. 0.3869")
        }
    }

    /// The factor chosen; an unknown id or a non-grid factor is reported in one line and exits 64.
    func chosen() throws -> EmissionFactor {
        do {
            return try resolve()
        } catch let error as TaxonomyError {
            Output.error(error.description)
            throw ExitStatus.usage
        }
    }

    /// The factor chosen; unknown ids and non-grid factors throw ``TaxonomyError`` with suggestions.
    func resolve() throws -> EmissionFactor {
        if let gridFactor { return .userGridFactor(gridFactor) }
        guard let factor else { return Taxonomy.standard.defaultGridFactor }
        let found = try Taxonomy.standard.emissionFactor(factor)
        guard found.unit == "tCO2/MWh" else {
            throw TaxonomyError(
                kind: .unknownFactor,
                message:
                    "'\(factor)' is a \(found.kind) factor in \(found.unit), not a grid factor in tCO2/MWh")
        }
        return found
    }
}
