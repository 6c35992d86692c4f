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
            ("fuel-co2-diesel", 3.0959, .verified), ("tce-co2-raw-coal", 2.66, .derived),
            ("heat-default", 0.11, .partial),
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
        let error = #expect(throws: TaxonomyError.self) { try taxonomy.emissionFactor("mee-avg-south-2023") }
        #expect(
            error?.suggestions.first == "mee-avg-south-2021"
                || error?.suggestions.first == "mee-avg-south-2022")
        #expect(EmissionFactor.userGridFactor(0.5).confidence == .unverified)
    }
}
