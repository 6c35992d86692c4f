import Foundation
import GreenTaxonomy
import Testing

/// The compiled-in tables must say exactly what the reviewable TSVs say.
@Suite struct CatalogueContentTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Rows of a TSV under `Taxonomy/catalogues`, read here independently of the generator.
    static func rows(_ edition: String) throws -> [[String]] {
        let url = packageRoot.appendingPathComponent("Taxonomy/catalogues/\(edition).tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test(
        "level counts are exactly those of the catalogues",
        arguments: [
            ("gfsp-2025", [9, 38, 271]), ("gicc-2019", [6, 30, 211]), ("glct-2024", [7, 0, 0]),
        ])
    func counts(edition: String, expected: [Int]) throws {
        #expect(try Taxonomy.standard.catalogue(edition).counts == expected)
    }

    @Test(
        "every code, name, industry class, mark and confidence matches the TSV",
        arguments: ["gfsp-2025", "gicc-2019", "glct-2024"])
    func matchesTSV(edition: String) throws {
        let catalogue = try Taxonomy.standard.catalogue(edition)
        let rows = try Self.rows(edition)
        #expect(rows.count == catalogue.items.count)
        for (row, item) in zip(rows, catalogue.items) {
            #expect(item.code.description == row[0])
            #expect(String(item.level) == row[1])
            #expect((item.code.parent?.description ?? "") == row[2])
            #expect(item.nameZh == row[3])
            #expect(item.nameEn == row[4])
            #expect(item.industryClasses.map(\.display).joined(separator: "; ") == row[5])
            #expect(item.source.removingPercentEncoding == row[6].removingPercentEncoding)
            #expect(item.confidence.rawValue == row[7])
            #expect((item.ghgContribution?.rawValue ?? "") == row[8])
        }
    }

    /// `Taxonomy/` is a reviewed copy of the shared catalogues; CI has `shared/` beside the clone.
    @Test(
        "Taxonomy/ catalogues are identical to the shared domain catalogues",
        .enabled(
            if: FileManager.default.fileExists(
                atPath: packageRoot.appendingPathComponent("../shared/domain/catalogues").path)),
        arguments: ["gfsp-2025", "gicc-2019", "glct-2024"])
    func identicalToShared(edition: String) throws {
        let ours = try Data(
            contentsOf: Self.packageRoot.appendingPathComponent("Taxonomy/catalogues/\(edition).tsv"))
        let shared = try Data(
            contentsOf: Self.packageRoot.appendingPathComponent("../shared/domain/catalogues/\(edition).tsv"))
        #expect(ours == shared)
    }

    @Test func editionMetadataKeepsConfidenceTags() throws {
        let taxonomy = Taxonomy.standard
        #expect(taxonomy.editions.map(\.id) == [.gfsp2025, .gicc2019, .glct2024])
        let current = taxonomy.currentEdition
        #expect(current.id == .gfsp2025)
        #expect(current.effectiveFrom.value == CalendarDate("2025-10-01"))
        #expect(current.effectiveFrom.confidence == .verified)
        #expect(current.documentNumber.value == "银发〔2025〕132号")
        #expect(current.issuers.value == ["PBoC", "NFRA", "CSRC"])
        let gicc = try taxonomy.catalogue("gicc-2019").edition
        #expect(gicc.documentNumber.confidence == .partial)
        #expect(!gicc.hasIndustryCodes)
        let glct = try taxonomy.catalogue("glct-2024")
        #expect(!glct.edition.isComplete)
        #expect(glct.edition.effectiveFrom.value == nil)
        #expect(glct.edition.effectiveFrom.confidence == .unverified)
        #expect(glct.incompletenessWarning?.contains("glct-2024 is incomplete") == true)
        #expect(try taxonomy.catalogue("gfsp-2025").incompletenessWarning == nil)
    }

    @Test func knownCaveatsAreAttached() throws {
        let item = try Taxonomy.standard.item(edition: "gfsp-2025", code: "1.1.10")
        #expect(item.industryClasses.first?.display == "3411 泵及真空设备制造 [√]")
        #expect(item.caveats.contains { $0.text.contains("3441") })
        let lost = try Taxonomy.standard.item(edition: "gfsp-2025", code: "6.4.2").industryClasses
        #expect(lost.contains { $0.codeLostInSource && $0.name == "物业管理" && $0.code == nil })
    }
}
