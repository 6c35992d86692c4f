import Foundation
import GreenMetrics
import GreenTaxonomy
import Testing

@testable import GreenStore

/// The PBoC evaluation indicators of `aggregate --db` on the sample history (2025-Q3 … 2026-Q3), against a
/// recomputation from the files read with Foundation's XMLParser (``RollUpTests/read(_:)``).
@Suite struct EvaluationRollUpTests {
    static let folders = ["history/2025-Q3", "history/2025-Q4", "history/2026-Q1", "2026-Q2", "2026-Q3"]

    @Test func indicatorsAndRanksMatchARecomputationFromTheFiles() async throws {
        let store = try FilingStoreTests.temporaryStore()
        var filed: [RollUpTests.Filed] = []
        for folder in Self.folders {
            let directory = FilingStoreTests.samples.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter({ $0.hasSuffix(".xml") }).sorted()
            {
                filed.append(try RollUpTests.read(directory.appendingPathComponent(name)))
                _ = try await store.ingest(
                    try FilingStoreTests.figures("\(folder)/\(name)"), ingestedAt: "2026-10-20T08:00:00Z")
            }
        }
        let report = try await store.rollUp(
            period: "2026-Q3", district: nil, targets: .defaults, grid: Taxonomy.standard.defaultGridFactor)
        let evaluation = try #require(report.evaluation)
        let now = RollUpTests.current(filed, period: "2026-Q3")
        let yearAgo = Dictionary(
            uniqueKeysWithValues: RollUpTests.current(filed, period: "2025-Q3").map { ($0.uscc, $0) })
        #expect(evaluation.lenders.count == now.count)
        #expect(now.count == 7)
        let allGreen = now.reduce(Int128(0)) { $0 + ($1.greenFen ?? 0) }
        let shares = Dictionary(
            uniqueKeysWithValues: now.map { ($0.uscc, Double($0.greenFen ?? 0) / Double($0.totalFen)) })
        for filing in now {
            let lender = try #require(evaluation.lenders.first { $0.uscc == filing.uscc })
            let green = Double(filing.greenFen ?? 0)
            #expect(lender.greenShare.value == shares[filing.uscc])
            #expect(lender.shareOfAllGreen.value == green / Double(allGreen))
            // Rank: 1 + the lenders with a strictly higher share.
            let higher = shares.values.filter { $0 > shares[filing.uscc]! }.count
            #expect(lender.greenShare.peerRank == IndicatorRank(rank: higher + 1, of: 7))
            if let then = yearAgo[filing.uscc]?.greenFen, then > 0 {
                #expect(lender.yearOnYearGrowth.value == (green - Double(then)) / Double(then))
            } else {
                #expect(lender.yearOnYearGrowth.value == nil)
            }
            // Four stored quarters before 2026-Q3: the previous three are there for every lender.
            #expect(lender.greenShare.previousPeriods.allSatisfy { $0 != nil })
            #expect(lender.greenShare.ownRank?.of == 4)
        }
        // The bank branch files its Portfolio only: its green risk ratio is not computable, and says why.
        let branch = try #require(evaluation.lenders.first { $0.nameZh == "示例银行股份有限公司深圳分行" })
        #expect(branch.greenRiskRatio.value == nil)
        #expect(branch.greenRiskRatio.notComputable?.contains("no Loans section") == true)
        // A district roll-up has no evaluation (the indicators are lender-wide).
        let district = try await store.rollUp(
            period: "2026-Q3", district: "440307", targets: .defaults,
            grid: Taxonomy.standard.defaultGridFactor)
        #expect(district.evaluation == nil)
    }
}
