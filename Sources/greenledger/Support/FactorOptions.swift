import ArgumentParser
import GreenMetrics
import GreenTaxonomy

/// `--baseline`, `--supply-coal`, `--factor ID` / `--grid-factor VALUE`: how avoided emissions and Scope 2
/// are estimated.
struct FactorOptions: ParsableArguments {
    @Option(
        help: """
            Baseline of avoided emissions of electricity generated or saved: 'guideline' (default: the CBRC \
            guideline — MWh × thermal-power supply coal consumption × tCO2/tce) or 'average' (the average \
            grid factor, which MEE publishes for electricity consumption). --factor or --grid-factor alone \
            selects 'average' with that factor; with --baseline guideline they set the Scope 2 factor only.
            """)
    var baseline: GenerationBaseline?

    @Option(
        help: """
            Thermal-power supply coal consumption in gce/kWh, supplied by you (tagged [U]): the guideline \
            baseline's, and under either baseline the rate at which an EnergySaving's electricity is taken out of \
            its tce; default: \(Taxonomy.standard.defaultSupplyCoalConsumption.map { "\($0.id) = \($0.value) gce/kWh \($0.confidence.tag)" } ?? "none in the reference data").
            """)
    var supplyCoal: Double?

    @Option(
        help: """
            Grid emission factor by id from Taxonomy/emission-factors.tsv (default: \
            \(Taxonomy.standard.defaultGridFactor.id), the newest verified Southern-region average), for Scope \
            2 and the 'average' baseline. 'greenledger taxonomy factors' lists them.
            """)
    var factor: String?

    @Option(help: "Grid emission factor in tCO2/MWh supplied by you (tagged [U] in outputs).")
    var gridFactor: Double?

    @Option(
        name: .customLong("density"),
        help: """
            A fuel density in kg/L supplied by you, FUEL=VALUE with FUEL diesel or gasoline (repeatable; \
            tagged [U]): converts litres in the operations table, which the reference data cannot (no density \
            from a citable source).
            """)
    var densities: [String] = []

    func validate() throws {
        if factor != nil && gridFactor != nil {
            throw ValidationError("give --factor or --grid-factor, not both")
        }
        if let gridFactor, !(gridFactor > 0 && gridFactor < 5) {
            throw ValidationError("--grid-factor must be a value in tCO2/MWh between 0 and 5, e.g. 0.3869")
        }
        if let supplyCoal, !(supplyCoal > 100 && supplyCoal < 1000) {
            throw ValidationError("--supply-coal must be a value in gce/kWh between 100 and 1000, e.g. 305.5")
        }
        _ = try parsedDensities()
    }

    /// Whether any estimation option was given.
    var anyGiven: Bool {
        baseline != nil || supplyCoal != nil || factor != nil || gridFactor != nil || !densities.isEmpty
    }

    /// Refuses estimation options where the estimates come from the history: they were made when each
    /// filing was ingested, with the options given then.
    func refuseWithHistory(_ command: String) throws {
        guard anyGiven else { return }
        throw ValidationError(
            "\(command) reads the estimates stored when each filing was ingested: --baseline, --supply-coal, "
                + "--factor, --grid-factor and --density apply to 'greenledger ingest' (re-ingest into a new history "
                + "to change them), not here")
    }

    /// The baseline chosen: explicit, else `average` when a grid factor was given, else `guideline`.
    var chosenBaseline: GenerationBaseline {
        baseline ?? ((factor != nil || gridFactor != nil) ? .average : .guideline)
    }

    /// `--density diesel=0.84` → ["diesel": 0.84]; a bad one is a usage error.
    func parsedDensities() throws -> [String: Double] {
        var result: [String: Double] = [:]
        for text in densities {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["diesel", "gasoline"].contains(parts[0]), let value = Double(parts[1]),
                value > 0.5, value < 1.2
            else {
                throw ValidationError(
                    "--density takes FUEL=KG_PER_L with FUEL diesel or gasoline and a value between 0.5 and 1.2, "
                        + "e.g. diesel=0.84; got '\(text.prefix(60))'")
            }
            if let earlier = result[parts[0]], earlier != value {
                throw ValidationError(
                    "--density gives two densities for \(parts[0]) (\(earlier) and \(value)); give one")
            }
            result[parts[0]] = value
        }
        return result
    }

    /// Everything estimates use: the grid factor, baseline, supply coal and densities chosen.
    func estimation() throws -> EstimationFactors {
        EstimationFactors(
            grid: try chosen(), baseline: chosenBaseline, supplyCoal: chosenSupplyCoal,
            densities: try parsedDensities())
    }

    /// The user's supply coal consumption, if given.
    var chosenSupplyCoal: EmissionFactor? { supplyCoal.map(EmissionFactor.userSupplyCoal) }

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

extension GenerationBaseline: ExpressibleByArgument {}
