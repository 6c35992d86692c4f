/// An emission or conversion factor with everything a report must say about it: series, region, year,
/// unit, source and confidence tag (`Taxonomy/emission-factors.tsv`).
public struct EmissionFactor: Hashable, Sendable, Encodable, CustomStringConvertible {
    /// `electricity`, `fuel`, `conversion` or `heat`.
    public let kind: String
    public let id: String
    /// E.g. `MEE/NBS average`, `MEE enterprise GHG reporting grid factor`.
    public let series: String
    public let region: String
    /// The data year; nil for factors without one (fuel coefficients).
    public let year: Int?
    public let value: Double
    /// E.g. `tCO2/MWh`.
    public let unit: String
    public let confidence: Confidence
    public let source: String
    public let note: String?

    init(_ record: FactorRecord) {
        kind = record.kind
        id = record.id
        series = record.series
        region = record.region
        year = Int(record.year)
        value = record.value
        unit = record.unit
        confidence = record.confidence
        source = record.source
        note = record.note.isEmpty ? nil : record.note
    }

    /// A user-supplied factor (`--grid-factor VALUE`): tagged unverified, with the user named as its source.
    public static func userGridFactor(_ value: Double) -> EmissionFactor {
        EmissionFactor(
            FactorRecord(
                "user-grid-factor", "electricity", "supplied on the command line", "as supplied", "", value,
                "tCO2/MWh",
                .unverified, "--grid-factor", "", ""))
    }

    /// `mee-avg-south-2022 = 0.3869 tCO2/MWh (MEE/NBS average, 南方 South (incl. Guangdong), 2022) [V]`
    public var description: String {
        "\(id) = \(value) \(unit) (\(series), \(region)\(year.map { ", \($0)" } ?? "")) \(confidence.tag)"
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, series, region, year, value, unit, confidence, source, note
    }
}

extension Taxonomy {
    /// Every factor, in file order.
    public var emissionFactors: [EmissionFactor] { GeneratedTables.factors.map(EmissionFactor.init) }

    /// The default grid factor for Shenzhen (Scope 2 and the `average` baseline): the newest verified
    /// Southern-region average — 2022, 0.3869 tCO2/MWh [V]; the 2023 value (0.4042) is only reported by third
    /// parties [P] (the generator refuses a default that a newer [V] row of its series and region supersedes).
    public var defaultGridFactor: EmissionFactor {
        EmissionFactor(GeneratedTables.factors.first { $0.role == "default-grid" }!)
    }

    /// The national thermal-power supply coal consumption (gce/kWh) the CBRC guideline baseline uses by
    /// default; nil when the reference data has none.
    public var defaultSupplyCoalConsumption: EmissionFactor? {
        GeneratedTables.factors.first { $0.role == "default-supply-coal" }.map(EmissionFactor.init)
    }

    /// tCO2 per tce by fuel name (`raw-coal`, `diesel`, `natural-gas` …), from the `tce-co2-FUEL` rows.
    public var tceToCO2ByFuel: [String: EmissionFactor] {
        Dictionary(
            GeneratedTables.factors.filter { $0.id.hasPrefix("tce-co2-") }.map {
                (String($0.id.dropFirst("tce-co2-".count)), EmissionFactor($0))
            },
            uniquingKeysWith: { first, _ in first })
    }

    /// The factor `id`; throws ``TaxonomyError`` with the nearest ids for an unknown one.
    public func emissionFactor(_ id: String) throws -> EmissionFactor {
        if let record = GeneratedTables.factors.first(where: { $0.id == id }) {
            return EmissionFactor(record)
        }
        let ranked = GeneratedTables.factors.map { ($0.id, Suggestions.distance(id, $0.id)) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
        throw TaxonomyError(
            kind: .unknownFactor, message: "unknown emission factor '\(id)'", suggestions: ranked)
    }
}

extension EmissionFactor {
    /// A user-supplied thermal-power supply coal consumption (`--supply-coal VALUE`), tagged unverified.
    public static func userSupplyCoal(_ value: Double) -> EmissionFactor {
        EmissionFactor(
            FactorRecord(
                "user-supply-coal", "conversion", "supplied on the command line", "as supplied", "", value,
                "gce/kWh", .unverified, "--supply-coal", "", ""))
    }

    /// A user-supplied fuel density (`--density FUEL=KG_PER_L`), tagged unverified.
    public static func userDensity(fuel: String, kilogramsPerLitre value: Double) -> EmissionFactor {
        EmissionFactor(
            FactorRecord(
                "user-density-\(fuel)", "conversion", "\(fuel) density supplied on the command line",
                "as supplied",
                "", value, "kg/L", .unverified, "--density", "", ""))
    }
}
