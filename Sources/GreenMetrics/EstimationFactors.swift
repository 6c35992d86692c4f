import GreenDisclosure
import GreenTaxonomy

/// The baseline an avoided-emissions estimate of power generation (and of electricity saved) is measured
/// against.
public enum GenerationBaseline: String, CaseIterable, Codable, Hashable, Sendable {
    /// The CBRC 《绿色信贷项目节能减排量测算指引》 method: electricity supplied × the national thermal-power
    /// supply coal consumption (gce/kWh) = standard coal saved, × tCO2 per tce of coal = CO2 avoided
    /// (shared/domain/reference.md §7.3, §7.4 [P]).
    case guideline
    /// The MEE/NBS average grid factor, which MEE publishes for accounting electricity *consumption*: kept as
    /// an explicit alternative, and what an explicit `--factor`/`--grid-factor` selects.
    case average
}

/// The factors a carbon estimate uses, named in every output.
public struct EstimationFactors: Sendable, Encodable {
    /// The average consumption factor: Scope 2 of the lender's own operations, and generation and
    /// electricity savings under ``GenerationBaseline/average``.
    public let grid: EmissionFactor
    /// The baseline of electricity generated or saved.
    public let baseline: GenerationBaseline
    /// The thermal-power supply coal consumption in gce/kWh (the guideline's baseline and the electricity
    /// part of an energy saving in tce); nil when the reference data has none and the user gave none.
    public let supplyCoal: EmissionFactor?
    /// tCO2 per tce of raw coal (1.9003 / 0.7143 ≈ 2.66, [D]): standard coal saved in place of coal-fired power.
    public let tceToCO2: EmissionFactor
    /// tCO2 per tce by fuel (`EnergySaving/@fuel`), [D] from the fuel table.
    public let fuelTceToCO2: [String: EmissionFactor]
    /// Fuel densities in kg/L the user supplied (`diesel`, `gasoline`), for litres in the operations table.
    public let densities: [String: Double]

    /// Factors from `taxonomy` with `grid` for Scope 2 (and the average baseline), the chosen `baseline`, a user's `supplyCoal` (else the reference data's) and `densities` in kg/L.
    public init(
        grid: EmissionFactor, baseline: GenerationBaseline = .guideline, supplyCoal: EmissionFactor? = nil,
        densities: [String: Double] = [:], taxonomy: Taxonomy = .standard
    ) {
        self.grid = grid
        self.densities = densities
        self.baseline = baseline
        self.supplyCoal = supplyCoal ?? taxonomy.defaultSupplyCoalConsumption
        // Compiled-in reference data (Taxonomy/), not parsed input: its absence is a build defect.
        guard let factor = try? taxonomy.emissionFactor("tce-co2-raw-coal") else {
            fatalError("the reference data has no emission factor tce-co2-raw-coal")
        }
        tceToCO2 = factor
        fuelTceToCO2 = taxonomy.tceToCO2ByFuel
    }

    /// The factor of `fuel` (nil or unknown: raw coal, the guideline's standard-coal baseline).
    public func tceFactor(fuel: String?) -> EmissionFactor {
        fuel.flatMap { fuelTceToCO2[$0] } ?? tceToCO2
    }

    /// tCO2 avoided a MWh of electricity under the baseline, and how, e.g. `× 300.7 gce/kWh × 2.66 tCO2/tce`;
    /// nil under the guideline without a supply coal consumption.
    public var generationFactor: (tonnesPerMWh: Double, method: String, ids: [String])? {
        switch baseline {
        case .average:
            return (grid.value, "× \(grid.value) tCO2/MWh", [grid.id])
        case .guideline:
            guard let supplyCoal else { return nil }
            return (
                supplyCoal.value / 1000 * tceToCO2.value,
                "× \(supplyCoal.value) gce/kWh × \(tceToCO2.value) tCO2/tce",
                [supplyCoal.id, tceToCO2.id]
            )
        }
    }

    enum CodingKeys: String, CodingKey {
        case grid, baseline
        case supplyCoal = "supply_coal"
        case tceToCO2 = "tce_to_co2"
    }
}

extension EstimationFactors {
    /// The GL-GREEN-009 comparison under these factors' baseline (nil: the guideline without a supply coal
    /// consumption — the reader's default check is used).
    public var generationCheck: GenerationCheck? {
        switch baseline {
        case .average: return .average(grid)
        case .guideline: return supplyCoal.map { .guideline(supplyCoal: $0, tceToCO2: tceToCO2) }
        }
    }
}
