import Foundation
import GreenDisclosure
import GreenMetrics
import GreenTaxonomy
import Testing

@testable import GreenStore

/// A history of twelve accepted filings with the largest totals the schema allows rolls up exactly (957e033
/// trapped on the Int64 sum, so every later `aggregate --db` and `report` died).
@Suite struct RollUpOverflowTests {
    /// Figures as `ingest` stores them, every amount 999,999,999,999,999,999 fen (9,999,999,999,999,999.99 yuan).
    static func figures(_ lender: Int) throws -> FilingFigures {
        let fen: Int64 = 999_999_999_999_999_999
        let json = """
            {"file": "lender-\(lender).xml", "sha256": "sha-\(lender)", "bytes": 1, "lenderUSCC": "L\(lender)",
             "lenderKind": "microcredit", "period": "2026-Q3", "revision": 1, "accepted": true, "errors": 0,
             "warnings": 0, "loans": 1, "hasLoans": true, "gridFactorID": "mee-avg-south-2022",
             "totalFen": \(fen), "numeratorsFen": {"green": \(fen)}, "districtsFen": {"440307": [\(fen), \(fen)]},
             "categoriesFen": {"gfsp-2025 4": \(fen)},
             "avoided": {"greenLoans": 1, "greenBalanceFen": \(fen), "estimatedBalanceFen": \(fen),
                         "estimatedLoans": 1, "declaredTonnes": 1, "estimatedProjectTonnes": 1,
                         "attributedTonnes": 1, "attributedDeclaredTonnes": 1, "notEstimated": {}},
             "financed": {"loans": 1, "totalBalanceFen": \(fen), "coveredBalanceFen": \(fen), "coveredLoans": 1,
                          "financedTonnes": 1, "qualityWeighted": 1, "qualityBalance": 1}}
            """
        return try JSONDecoder().decode(FilingFigures.self, from: Data(json.utf8))
    }

    @Test func twelveMaximalFilingsRollUpExactly() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "history-\(UUID().uuidString).sqlite"
        ).path
        let store = try FilingStore(path: path)
        for lender in 1...12 {
            _ = try await store.ingest(try Self.figures(lender), ingestedAt: "2026-10-20T08:00:00Z")
        }
        let report = try await store.rollUp(
            period: nil, district: nil, targets: .defaults, grid: Taxonomy.standard.defaultGridFactor)
        // 12 × 999,999,999,999,999,999 fen = 11,999,999,999,999,999,988 fen.
        #expect(report.book.total.fen == 11_999_999_999_999_999_988)
        #expect(report.book.total.description == "119999999999999999.88")
        #expect(report.history.map(\.period) == ["2026-Q3"])
        #expect(report.history.first?.share?.share == 1)
        let district = try await store.rollUp(
            period: "2026-Q3", district: "440307", targets: .defaults,
            grid: Taxonomy.standard.defaultGridFactor)
        #expect(district.book.total.description == "119999999999999999.88")
    }
}
