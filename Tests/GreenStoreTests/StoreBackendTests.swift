import Foundation
import GreenDisclosure
import GreenMetrics
import GreenTaxonomy
import Testing

@testable import GreenStore

/// The store protocol's one test suite, run against SQLite and PostgreSQL (see ``StoreBackend``).
@Suite struct StoreBackendTests {
    static let q3 = [
        "2026-Q3/example-bank-shenzhen-branch.xml", "2026-Q3/longgang-village-bank.xml",
        "2026-Q3/pingshan-village-bank-r1.xml", "2026-Q3/pingshan-village-bank-r2.xml",
    ]

    @Test(arguments: StoreBackend.allCases)
    func duplicatesConflictsAndRevisionsAreSettledByTheStore(backend: StoreBackend) async throws {
        _ = try await backend.withStore { store, _ in
            let r1 = try FilingStoreTests.figures("2026-Q3/pingshan-village-bank-r1.xml")
            let r2 = try FilingStoreTests.figures("2026-Q3/pingshan-village-bank-r2.xml")
            guard
                case .stored(let second, [], nil) = try await store.ingest(
                    r2, ingestedAt: "2026-10-20T08:00:00Z")
            else {
                Issue.record("r2 not stored")
                return
            }
            // The lower revision filed later is stored and knows it is superseded.
            #expect(
                try await store.ingest(r1, ingestedAt: "t")
                    == .stored(id: second + 1, supersedes: [], supersededBy: 2))
            #expect(
                try await store.ingest(r2, ingestedAt: "t")
                    == .alreadyStored(id: second, file: r2.file, ingestedAt: "2026-10-20T08:00:00Z"))
            // Different bytes, same lender, period and revision: refused, nothing written.
            var forged = r2
            forged.sha256 = String(repeating: "0", count: 64)
            await #expect(throws: StoreError.self) { try await store.ingest(forged, ingestedAt: "t") }
            #expect(try await store.filings().map(\.figures.revision) == [2, 1])
            #expect(try await store.periods() == ["2026-Q3"])
            #expect(try await store.revision() == 2)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aRollUpReadsTheQuarterAndTheTrendFromTheStore(backend: StoreBackend) async throws {
        _ = try await backend.withStore { store, _ in
            for file in Self.q3 + ["2026-Q2/example-bank-shenzhen-branch.xml"] {
                _ = try await store.ingest(try FilingStoreTests.figures(file), ingestedAt: "t")
            }
            let report = try await store.rollUp(
                period: nil, district: nil, targets: .defaults, grid: Taxonomy.standard.defaultGridFactor)
            #expect(report.period == "2026-Q3")
            #expect(report.history.map(\.period) == ["2026-Q2", "2026-Q3"])
            // The superseded revision is listed, not counted; other periods are not listed.
            #expect(report.filings.count == 4)
            #expect(report.lenders.count == 3)
            #expect(report.source == "\(store.path) (database revision 5)")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func migratingTwiceChangesNothingAndANewerSchemaIsRefused(backend: StoreBackend) async throws {
        _ = try await backend.withStore { store, location in
            _ = try await store.ingest(try FilingStoreTests.figures(Self.q3[0]), ingestedAt: "t")
            // A second open applies nothing and keeps the filing.
            let count = try await FilingStore.with(location, create: false) { try await $0.filings().count }
            #expect(count == 1)
            try await store.database.write { db in
                if location.postgres != nil {
                    try await db.execute("INSERT INTO schema_migration (version, name) VALUES (99, 'future')")
                } else {
                    try await db.execute("PRAGMA user_version = 99")
                }
            }
            let error = await #expect(throws: StoreError.self) {
                try await FilingStore.with(location, create: false) { _ in }
            }
            #expect(
                error?.description
                    == "\(location.path): written by a newer GreenLedger (schema version 99); this build knows "
                    + "schema version \(FilingStore.schemaVersion); refusing to use it — upgrade greenledger")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func accountsReceiptsAndTheAppendOnlyAuditLog(backend: StoreBackend) async throws {
        _ = try await backend.withStore { store, _ in
            let (account, token) = try await store.addAccount(
                try NewAccount(role: .lender, uscc: "91440300708461136T", district: nil, name: "示例银行深圳分行"))
            #expect(try await store.account(forToken: token) == account)
            #expect(try await store.isActive(account: account.id))
            _ = try await store.revokeAccount(account.id)
            #expect(try await store.account(forToken: token) == nil)
            await #expect(throws: AccountError.self) { try await store.revokeAccount(account.id) }
            #expect(try await store.auditEvents().map(\.action) == [.accountAdd, .accountRevoke])
            await #expect(throws: (any Error).self) {
                try await store.database.write { db in
                    try await db.execute("UPDATE audit SET detail = 'edited'")
                }
            }
            await #expect(throws: (any Error).self) {
                try await store.database.write { db in try await db.execute("DELETE FROM audit") }
            }
            #expect(try await store.auditEvents().count == 2)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func twoClientsFilingTheSameFilingsAtOnceStoreEachOnce(backend: StoreBackend) async throws {
        _ = try await backend.withStore { _, location in
            let figures = try Self.q3.map { try FilingStoreTests.figures($0) }
            // Two stores with connections of their own, as two processes would have.
            let outcomes = try await withThrowingTaskGroup(of: [IngestOutcome].self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await FilingStore.with(location) { store in
                            var outcomes: [IngestOutcome] = []
                            for filing in figures {
                                outcomes.append(try await store.ingest(filing, ingestedAt: "t"))
                            }
                            return outcomes
                        }
                    }
                }
                var all: [IngestOutcome] = []
                for try await outcomes in group { all += outcomes }
                return all
            }
            let stored = outcomes.filter { if case .stored = $0 { true } else { false } }
            let already = outcomes.filter { if case .alreadyStored = $0 { true } else { false } }
            #expect(stored.count == figures.count && already.count == figures.count)
            let count = try await FilingStore.with(location) { try await $0.filings().count }
            #expect(count == figures.count)
        }
    }

    /// The same filings in both stores give the same roll-up, byte for byte, but for the store's name.
    @Test func sqliteAndPostgreSQLRollUpsAreByteIdentical() async throws {
        var documents: [String] = []
        for backend in StoreBackend.allCases {
            guard
                let json = try await backend.withStore({ store, _ -> String in
                    for folder in ["history", "2026-Q2", "2026-Q3"] {
                        let directory = FilingStoreTests.samples.appendingPathComponent(folder)
                        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
                            .filter({ $0.hasSuffix(".xml") }).sorted()
                        {
                            _ = try await store.ingest(
                                try FilingStoreTests.figures("\(folder)/\(name)"),
                                ingestedAt: "2026-10-20T08:00:00Z")
                        }
                    }
                    var text = ""
                    for district in [nil, "440307"] {
                        var report = try await store.rollUp(
                            period: "2026-Q3", district: district, targets: .defaults,
                            grid: Taxonomy.standard.defaultGridFactor)
                        report.source = nil
                        let encoder = JSONEncoder()
                        encoder.outputFormatting = [.sortedKeys]
                        text += String(decoding: try encoder.encode(report), as: UTF8.self)
                    }
                    return text
                })
            else { return }
            documents.append(json)
        }
        #expect(documents.count == 2 && documents[0] == documents[1] && documents[0].count > 10_000)
    }
}
