import Foundation
import GreenDisclosure
import GreenMetrics
import GreenTaxonomy
import Testing

@testable import GreenStore

@Suite struct FilingStoreTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    static func figures(_ relative: String) throws -> FilingFigures {
        FilingFigures(
            try FilingSummarizer.summarize(.file(path: samples.appendingPathComponent(relative).path)))
    }

    static func temporaryStore() throws -> FilingStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "history-\(UUID().uuidString).sqlite"
        ).path
        return try FilingStore(path: path)
    }

    @Test func storesOnceAndSaysSoOnReingest() async throws {
        let store = try Self.temporaryStore()
        let filing = try Self.figures("2026-Q3/pengcheng-microcredit.xml")
        guard
            case .stored(let id, [], nil) = try await store.ingest(filing, ingestedAt: "2026-10-20T08:00:00Z")
        else {
            Issue.record("expected stored")
            return
        }
        #expect(
            try await store.ingest(filing, ingestedAt: "2026-10-21T08:00:00Z")
                == .alreadyStored(id: id, file: filing.file, ingestedAt: "2026-10-20T08:00:00Z"))
        let stored = try await store.filings()
        #expect(stored.count == 1)
        #expect(stored[0].figures == filing)  // figures round-trip exactly
        #expect(try await store.revision() == 1)
    }

    @Test func aHigherRevisionSupersedesWhileHistoryKeepsBoth() async throws {
        let store = try Self.temporaryStore()
        let r1 = try Self.figures("2026-Q3/pingshan-village-bank-r1.xml")
        let r2 = try Self.figures("2026-Q3/pingshan-village-bank-r2.xml")
        _ = try await store.ingest(r2, ingestedAt: "t2")
        guard case .stored(_, [], 2) = try await store.ingest(r1, ingestedAt: "t1") else {
            Issue.record("expected r1 stored as superseded by revision 2")
            return
        }
        #expect(try await store.filings(period: "2026-Q3").map(\.figures.revision) == [2, 1])
        let report = Aggregator.aggregate(try await store.filings().map(\.figures))
        #expect(report.filings.first { $0.revision == 1 }?.treatment == .superseded)
        #expect(report.book.total.fen == r2.totalFen)
    }

    @Test func rejectedAndConflictingFilingsLeaveNothingBehind() async throws {
        let store = try Self.temporaryStore()
        let rejected = try Self.figures("invalid/GL-REC-001-total.xml")
        #expect(try await store.ingest(rejected, ingestedAt: "t") == .rejected(errors: 1))
        #expect(try await store.filings().isEmpty)
        // Same lender, period and revision, different content: refused, nothing written.
        var original = try Self.figures("2026-Q3/longgang-village-bank.xml")
        _ = try await store.ingest(original, ingestedAt: "t")
        original.sha256 = String(repeating: "0", count: 64)
        original.totalFen += 1
        let error = await #expect(throws: StoreError.self) {
            try await store.ingest(original, ingestedAt: "t")
        }
        #expect(
            error?.description.contains(
                "already stored with different content; a corrected filing carries a higher revision") == true
        )
        #expect(try await store.filings().count == 1)
    }

    @Test func anUnopenableDatabaseIsAClearError() async {
        let error = #expect(throws: StoreError.self) {
            try FilingStore(path: "/nonexistent-dir/history.sqlite")
        }
        #expect(
            error?.description.hasPrefix("/nonexistent-dir/history.sqlite: cannot open the filing history")
                == true)
    }

    @Test func historyGivesQuarterOnQuarterChanges() async throws {
        let store = try Self.temporaryStore()
        // A Q2 filing: the bank's Portfolio-only filing restated for 2026-Q2.
        let url = Self.samples.appendingPathComponent("2026-Q3/example-bank-shenzhen-branch.xml")
        let q2Text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "<Period>2026-Q3</Period>", with: "<Period>2026-Q2</Period>")
            .replacingOccurrences(
                of: "<GreenLoans>6912000000.00</GreenLoans>", with: "<GreenLoans>6500000000.00</GreenLoans>")
        let q2 = FilingFigures(
            try FilingSummarizer.summarize(.bytes(Array(q2Text.utf8), name: "bank-q2.xml")))
        #expect(q2.accepted)
        _ = try await store.ingest(q2, ingestedAt: "t")
        _ = try await store.ingest(
            try Self.figures("2026-Q3/example-bank-shenzhen-branch.xml"), ingestedAt: "t")
        #expect(try await store.periods() == ["2026-Q2", "2026-Q3"])
        let stored = try await store.filings().map(\.figures)
        var report = Aggregator.aggregate(stored, period: "2026-Q3")
        report.history = try await store.periods().map { period in
            HistoryPoint(
                period: period,
                share: Aggregator.aggregate(stored, period: period).shares.first {
                    $0.share.indicator == .green
                }?.share)
        }
        // (6,912,000,000 − 6,500,000,000) / 81,250,000,000 = 0.507… percentage points.
        let expected = (6_912_000_000.0 - 6_500_000_000.0) / 81_250_000_000.0 * 100
        #expect(abs(report.quarterOnQuarter! - expected) < 1e-9)
        #expect(report.yearOnYear == nil)
    }
}
