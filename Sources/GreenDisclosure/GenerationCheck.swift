import GreenTaxonomy

/// The estimate a declared `Generation` CO2e is compared with (rule GL-GREEN-009): tCO2 avoided per MWh, and
/// how it was formed, named in every finding.
public struct GenerationCheck: Sendable, Hashable {
    /// tCO2 avoided per MWh generated.
    public let tonnesPerMWh: Double
    /// E.g. `× 305.5 gce/kWh × 2.66 tCO2/tce (supply-coal-national-2020 [P], tce-co2-raw-coal [D])`.
    public let method: String

    /// A check of `tonnesPerMWh` tCO2 per MWh, described by `method` in findings.
    public init(tonnesPerMWh: Double, method: String) {
        self.tonnesPerMWh = tonnesPerMWh
        self.method = method
    }

    /// The CBRC guideline's baseline: supply coal consumption (gce/kWh) ÷ 1000 × tCO2 per tce.
    public static func guideline(supplyCoal: EmissionFactor, tceToCO2: EmissionFactor) -> GenerationCheck {
        GenerationCheck(
            tonnesPerMWh: supplyCoal.value / 1000 * tceToCO2.value,
            method:
                "× \(supplyCoal.value) gce/kWh × \(tceToCO2.value) tCO2/tce (\(supplyCoal.id) "
                + "\(supplyCoal.confidence.tag), \(tceToCO2.id) \(tceToCO2.confidence.tag))")
    }

    /// The average grid factor, chosen explicitly.
    public static func average(_ grid: EmissionFactor) -> GenerationCheck {
        GenerationCheck(
            tonnesPerMWh: grid.value, method: "× \(grid.value) tCO2/MWh (\(grid.id) \(grid.confidence.tag))")
    }

    /// The default: the guideline with the reference data's supply coal consumption and raw-coal factor (the
    /// average grid factor if the reference data had no supply coal consumption).
    public static let standard: GenerationCheck = {
        let taxonomy = Taxonomy.standard
        if let supplyCoal = taxonomy.defaultSupplyCoalConsumption,
            let coal = try? taxonomy.emissionFactor("tce-co2-raw-coal")
        {
            return .guideline(supplyCoal: supplyCoal, tceToCO2: coal)
        }
        return .average(taxonomy.defaultGridFactor)
    }()
}
