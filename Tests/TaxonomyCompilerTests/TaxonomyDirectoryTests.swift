import Foundation
import Testing

@testable import TaxonomyCompiler

/// Whole-directory checks: the shipped data, its freshness, and cross-file problems.
@Suite struct TaxonomyDirectoryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func shippedDataLoadsCleanly() throws {
        let sources = try TaxonomySources.load(from: Self.packageRoot.appendingPathComponent("Taxonomy"))
        #expect(sources.editions.map(\.id) == ["gfsp-2025", "gicc-2019", "glct-2024"])
        #expect(sources.crosswalks.map(\.rows.count).reduce(0, +) == 187 + 8)
        #expect(sources.caveats.contains { $0.code == "1.1.10" })
    }

    /// The same check as `swift run generate-taxonomy --check`: regenerating must not change the tables.
    @Test func generatedTablesAreFresh() throws {
        let sources = try TaxonomySources.load(from: Self.packageRoot.appendingPathComponent("Taxonomy"))
        let rendered = SwiftTableRenderer.render(sources)
        #expect(rendered.count == 9)
        #expect(GeneratedFiles.staleFiles(rendered: rendered, packageRoot: Self.packageRoot) == [])
    }

    /// A copy of Taxonomy/ in a temporary folder, edited by `edit`, then loaded.
    static func loadEdited(_ edit: (URL) throws -> Void) throws -> [String] {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
            "taxonomy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let taxonomy = temporary.appendingPathComponent("Taxonomy")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Taxonomy"), to: taxonomy)
        try FileManager.default.copyItem(
            at: packageRoot.appendingPathComponent("Schemas"), to: temporary.appendingPathComponent("Schemas")
        )
        try edit(taxonomy)
        do {
            _ = try TaxonomySources.load(from: taxonomy)
            return []
        } catch let error as TaxonomyDataError {
            return error.diagnostics.map(\.description)
        }
    }

    static func replace(in url: URL, _ old: String, with new: String) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func aMissingItemBreaksTheCountOfACompleteEdition() throws {
        let diagnostics = try Self.loadEdited { dir in
            let url = dir.appendingPathComponent("catalogues/gicc-2019.tsv")
            let lines = try String(contentsOf: url, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            // Drop the last level-3 row (6.5.6), which nothing else refers to but the crosswalk might.
            let kept = lines.filter { !$0.hasPrefix("6.5.6\t") }
            try kept.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(
            diagnostics.contains(
                "Taxonomy/catalogues/gicc-2019.tsv: error: gicc-2019 has 6/30/210 items per level, but editions.tsv expects 6/30/211 for a complete edition"
            ))
    }

    @Test func crosswalkRowsMustNameRealItems() throws {
        let diagnostics = try Self.loadEdited { dir in
            try Self.replace(
                in: dir.appendingPathComponent("crosswalks/gicc-2019--gfsp-2025.tsv"),
                "3.2.2\t太阳能利用设施建设和运营\t4.2.2", with: "3.2.2\t太阳能利用设施建设和运营\t4.2.99")
        }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasSuffix("error: code '4.2.99' does not exist in gfsp-2025") == true)
    }

    @Test func theDefaultGridFactorIsTheNewestVerifiedOfItsRegion() throws {
        // Verifying the 2023 Southern value without moving the default to it is refused.
        let newer = try Self.loadEdited { dir in
            try Self.replace(
                in: dir.appendingPathComponent("emission-factors.tsv"), "2023\t0.4042\ttCO2/MWh\tP",
                with: "2023\t0.4042\ttCO2/MWh\tV")
        }
        #expect(
            newer.contains {
                $0.hasSuffix(
                    "error: 'mee-avg-south-2023' is a newer verified factor of the default's series and region: "
                        + "give it role default-grid instead of 'mee-avg-south-2022'")
            })
        // A default that is only reported by third parties is refused.
        let partial = try Self.loadEdited { dir in
            try Self.replace(
                in: dir.appendingPathComponent("emission-factors.tsv"), "2022\t0.3869\ttCO2/MWh\tV",
                with: "2022\t0.3869\ttCO2/MWh\tP")
        }
        #expect(partial.contains { $0.hasSuffix("error: the default grid factor must be verified (V)") })
        // A second default supply coal consumption is refused.
        let twoSupply = try Self.loadEdited { dir in
            let url = dir.appendingPathComponent("emission-factors.tsv")
            let text = try String(contentsOf: url, encoding: .utf8)
            let row = try #require(
                text.split(separator: "\n").first { $0.hasPrefix("supply-coal-national-2020\t") })
            try
                (text + "\n"
                + row.replacingOccurrences(of: "supply-coal-national-2020", with: "supply-coal-x"))
                .write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(
            twoSupply.contains {
                $0.hasSuffix("error: at most one factor may have role default-supply-coal (found 2)")
            })
    }

    @Test func editionFactsAreChecked() throws {
        let diagnostics = try Self.loadEdited { dir in
            try Self.replace(
                in: dir.appendingPathComponent("editions.tsv"), "effective_from\t2025-10-01",
                with: "effective_from\t2025-13-01")
        }
        #expect(
            diagnostics.contains {
                $0.hasSuffix("error: effective_from '2025-13-01' is not a valid YYYY-MM-DD date")
            })
    }

    @Test func aCatalogueWithoutAnEditionIsRejected() throws {
        let diagnostics = try Self.loadEdited { dir in
            try "x".write(
                to: dir.appendingPathComponent("catalogues/zzzz-2030.tsv"), atomically: true, encoding: .utf8)
        }
        #expect(
            diagnostics == [
                "Taxonomy/catalogues/zzzz-2030.tsv: error: no edition 'zzzz-2030' in editions.tsv"
            ])
    }

    @Test func caveatsMustNameExistingItems() throws {
        let diagnostics = try Self.loadEdited { dir in
            try Self.replace(
                in: dir.appendingPathComponent("caveats.tsv"), "gicc-2019\t4.2.5", with: "gicc-2019\t4.2.55")
        }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasSuffix("error: code '4.2.55' does not exist in gicc-2019") == true)
    }
}
