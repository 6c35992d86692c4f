import Foundation
import GreenTaxonomy
import Testing

@Suite struct EmissionFactorTests {
    let taxonomy = Taxonomy.standard

    @Test func theDefaultGridFactorIsTheSouthernRegion2022Average() {
        let factor = taxonomy.defaultGridFactor
        #expect(factor.id == "mee-avg-south-2022")
        #expect(factor.value == 0.3869)
        #expect(factor.unit == "tCO2/MWh")
        #expect(factor.year == 2022)
        #expect(factor.confidence == .verified)
        #expect(
            factor.description
                == "mee-avg-south-2022 = 0.3869 tCO2/MWh (MEE/NBS average, 南方 South (incl. Guangdong), 2022) [V]"
        )
    }

    @Test(
        "reference values keep their confidence tags",
        arguments: [
            ("mee-avg-national-2022", 0.5366, Confidence.verified), ("mee-avg-south-2021", 0.4326, .partial),
            ("mee-avg-guangdong-2022", 0.4403, .partial), ("mee-enterprise-grid-2022", 0.5703, .verified),
            // Fuel CO2 coefficients come from a third-party table (GB/T 2589 gives standard-coal ones only).
            ("fuel-co2-diesel", 3.0959, .partial), ("fuel-tce-diesel", 1.4571, .verified),
            ("tce-co2-raw-coal", 2.66, .derived), ("tce-co2-natural-gas", 1.6257, .derived),
            ("heat-default", 0.11, .partial), ("mee-avg-south-2023", 0.4042, .partial),
            ("supply-coal-national-2020", 305.5, .partial), ("electricity-tce-calorific", 0.1229, .verified),
        ])
    func factor(id: String, value: Double, confidence: Confidence) throws {
        let factor = try taxonomy.emissionFactor(id)
        #expect(factor.value == value)
        #expect(factor.confidence == confidence)
        #expect(!factor.source.isEmpty)
    }

    @Test func everyFactorRowIsCompiledIn() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Taxonomy/emission-factors.tsv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(taxonomy.emissionFactors.count == rows.count)
        for (row, factor) in zip(rows, taxonomy.emissionFactors) {
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(String(columns[0]) == factor.id)
            #expect(Double(columns[5]) == factor.value)
        }
    }

    @Test func unknownFactorsSuggestTheNearest() {
        let error = #expect(throws: TaxonomyError.self) { try taxonomy.emissionFactor("mee-avg-south-2024") }
        #expect(
            ["mee-avg-south-2021", "mee-avg-south-2022", "mee-avg-south-2023"].contains(
                error?.suggestions.first ?? ""))
        #expect(EmissionFactor.userGridFactor(0.5).confidence == .unverified)
    }
}
