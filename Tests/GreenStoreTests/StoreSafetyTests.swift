import Foundation
import GRDB
import GreenMetrics
import GreenTaxonomy
import Synchronization
import Testing

@testable import GreenStore

/// A history that keeps nothing, a database from a newer build, damaged rows and writers that overlap:
/// each is a clear ``StoreError`` (or a correct outcome), never a trap or a silent loss.
@Suite struct StoreSafetyTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString).sqlite")
            .path
    }

    /// Runs `sql` on the database at `path` with a plain connection (as another program would).
    static func alter(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
    }

    static func storeWithOneFiling() async throws -> (FilingStore, String) {
        let path = temporaryPath()
        let store = try FilingStore(path: path)
        _ = try await store.ingest(
            try FilingStoreTests.figures("2026-Q3/pengcheng-microcredit.xml"), ingestedAt: "t")
        return (store, path)
    }

    @Test(arguments: [
        ("", "--db is empty; give the path of the history file, e.g. --db greenledger.sqlite"),
        (":memory:", "--db :memory: would keep nothing (an in-memory database); give the path of a file"),
        (
            "file:history?mode=memory",
            "--db file:history?mode=memory: URI forms (file:…) are not accepted; give a plain path "
                + "(./file:history?mode=memory for a file named so)"
        ),
        (
            "FILE:/tmp/h.sqlite?vfs=unix",
            "--db FILE:/tmp/h.sqlite?vfs=unix: URI forms (file:…) are not accepted; give a plain path "
                + "(./FILE:/tmp/h.sqlite?vfs=unix for a file named so)"
        ),
    ])
    func locationsThatKeepNothingAreRefused(argument: String, message: String) throws {
        let error = #expect(throws: StoreLocationError.self) { try StoreLocation(argument) }
        #expect(error?.description == message)
        // The store refuses them too, with the same sentence, and writes nothing.
        let storeError = #expect(throws: StoreError.self) { try FilingStore(path: argument) }
        #expect(storeError?.description == message)
        #expect(try StoreLocation("./file:history").path == "./file:history")
        #expect(try StoreLocation("history.sqlite").path == "history.sqlite")
    }

    /// Reading commands (aggregate --db, report --db) open without creating: a mistyped path is an error
    /// and leaves no empty history behind.
    @Test func aMissingHistoryIsNotCreatedForReading() async throws {
        let path = Self.temporaryPath()
        let error = #expect(throws: StoreError.self) { try FilingStore(path: path, create: false) }
        #expect(
            error?.description == "\(path): there is no filing history here; 'greenledger ingest' creates one"
        )
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = try FilingStore(path: path)
        _ = try FilingStore(path: path, create: false)
    }

    @Test func aDirectoryOrAFIFOIsNotAHistory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let error = #expect(throws: StoreError.self) { try FilingStore(path: directory.path) }
        #expect(error?.description == "\(directory.path): is a directory, not a filing history file")
        let fifo = directory.appendingPathComponent("history.sqlite").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let fifoError = #expect(throws: StoreError.self) { try FilingStore(path: fifo) }
        #expect(fifoError?.description == "\(fifo): is a FIFO (named pipe), not a filing history file")
    }

    @Test func aHigherUserVersionIsRefused() async throws {
        let (_, path) = try await Self.storeWithOneFiling()
        try Self.alter(path, "PRAGMA user_version = 99")
        let error = #expect(throws: StoreError.self) { try FilingStore(path: path) }
        #expect(
            error?.description
                == "\(path): written by a newer GreenLedger (schema version 99); this build knows schema version 3; "
                + "refusing to use it — upgrade greenledger")
    }

    @Test func anUnknownMigrationIsRefused() async throws {
        let (_, path) = try await Self.storeWithOneFiling()
        try Self.alter(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v7-carbon-ledger')")
        let error = #expect(throws: StoreError.self) { try FilingStore(path: path) }
        #expect(
            error?.description
                == "\(path): written by a newer GreenLedger (unknown migrations v7-carbon-ledger); this build knows "
                + "schema version 3; refusing to use it — upgrade greenledger")
    }

    @Test func aNewHistoryRecordsItsSchemaVersion() async throws {
        let (_, path) = try await Self.storeWithOneFiling()
        let version = try await DatabaseQueue(path: path).read {
            try Int.fetchOne($0, sql: "PRAGMA user_version")
        }
        #expect(version == FilingStore.schemaVersion)
        let journal = try await DatabaseQueue(path: path).read {
            try String.fetchOne($0, sql: "PRAGMA journal_mode")
        }
        #expect(journal == "wal")
    }

    @Test func aRowWithAPeriodThatIsNotOneIsNamed() async throws {
        let (store, path) = try await Self.storeWithOneFiling()
        try Self.alter(path, "UPDATE filing SET period = 'x' WHERE id = 1")
        let expected =
            "\(path): filing row 1 is damaged: its period 'x' is not a period; the history was altered outside greenledger"
        await #expect(throws: StoreError(expected)) { try await store.periods() }
        await #expect(throws: StoreError(expected)) { try await store.filings() }
    }

    @Test func figuresThatAreNotJSONAreNamed() async throws {
        let (store, path) = try await Self.storeWithOneFiling()
        try Self.alter(path, "UPDATE filing SET figures = '{\"totalFen\": \"lots\"' WHERE id = 1")
        await #expect(
            throws: StoreError(
                "\(path): filing row 1 is damaged: its figures are not the JSON this build stores; "
                    + "the history was altered outside greenledger")
        ) { try await store.filings() }
    }

    @Test func figuresOfAnotherPeriodAreNamed() async throws {
        let (store, path) = try await Self.storeWithOneFiling()
        try Self.alter(path, "UPDATE filing SET period = '2026-Q2' WHERE id = 1")
        await #expect(
            throws: StoreError(
                "\(path): filing row 1 is damaged: its figures are for 2026-Q3, not 2026-Q2; "
                    + "the history was altered outside greenledger")
        ) { try await store.filings() }
    }

    /// Figures no filing can produce (a count near Int.max, infinite tonnes) are a damaged row, named,
    /// before a roll-up sums them (they made `aggregate --db` and `report` trap; found by a hostile review).
    @Test(arguments: [
        ("$.financed.loans", "9223372036854775807", "its count of financed loans is 9223372036854775807"),
        ("$.avoided.greenLoans", "-1", "its count of avoided green loans is -1"),
        (
            "$.avoided.notEstimated.x", "9223372036854775807",
            "its count of loans not estimated (x) is 9223372036854775807"
        ),
        ("$.avoided.declaredTonnes", "1e308", "its declared tonnes are 1e+308"),
        // The loan-level figures stored since issue 10 (they made the new sums trap; found by a hostile review).
        (
            "$.creditRisk.possibly_understated_npl_loans", "9223372036854775807",
            "its count of possibly understated loans is 9223372036854775807"
        ),
        (
            "$.benefits.total[0].loans", "9223372036854775807",
            "its count of loans declaring co2e is 9223372036854775807"
        ),
        ("$.benefits.total[1].attributed", "-5", "its attributed standard_coal are -5.0"),
        (
            "$.carbonEffect.direct.balance", "'99999999999999999999999999999999999.00'",
            "its direct balance is 99999999999999999999999999999999999.00 yuan"
        ),
        ("$.avoided.assumptions.x", "-3", "its count of loans estimated under an assumption (x) is -3"),
    ])
    func implausibleFiguresAreADamagedRow(key: String, value: String, problem: String) async throws {
        let (store, path) = try await Self.storeWithOneFiling()
        try Self.alter(path, "UPDATE filing SET figures = json_set(figures, '\(key)', \(value)) WHERE id = 1")
        await #expect(
            throws: StoreError(
                "\(path): filing row 1 is damaged: \(problem); the history was altered outside greenledger")
        ) { try await store.filings() }
    }

    /// A schema altered by hand: the same columns without their NOT NULL constraints, holding NULLs.
    @Test(arguments: ["figures", "period", "ingested_at"])
    func aNullWhereTheSchemaHasNoneIsNamed(column: String) async throws {
        let (store, path) = try await Self.storeWithOneFiling()
        try Self.alter(
            path,
            """
            CREATE TABLE loose AS SELECT * FROM filing;
            DROP TABLE filing_district;
            DROP TABLE filing;
            ALTER TABLE loose RENAME TO filing;
            UPDATE filing SET \(column) = NULL;
            """)
        let expected =
            "\(path): filing row 1 is damaged: its \(column) is missing or not text; "
            + "the history was altered outside greenledger"
        await #expect(throws: StoreError(expected)) { try await store.filings() }
        if column == "period" {
            await #expect(throws: StoreError(expected)) { try await store.periods() }
        }
    }

    @Test func aRowWithoutAnIdIsNamedAsSuch() async throws {
        let (store, path) = try await Self.storeWithOneFiling()
        try Self.alter(
            path,
            """
            CREATE TABLE loose AS SELECT * FROM filing;
            DROP TABLE filing_district;
            DROP TABLE filing;
            ALTER TABLE loose RENAME TO filing;
            UPDATE filing SET id = NULL;
            """)
        await #expect(
            throws: StoreError(
                "\(path): filing row without an id is damaged: its id is missing or not an integer; "
                    + "the history was altered outside greenledger")
        ) { try await store.filings() }
    }

    /// Two stores on one file, as two processes would have: every filing of both sets is stored once,
    /// and the filings both try to store are stored by one and "already stored" for the other.
    @Test func twoConnectionsWritingAtOnceLoseNothing() async throws {
        let path = Self.temporaryPath()
        let names = try FileManager.default.contentsOfDirectory(
            atPath: FilingStoreTests.samples.appendingPathComponent("2026-Q3").path
        ).filter { $0.hasSuffix(".xml") }.sorted()
        let figures = try names.map { try FilingStoreTests.figures("2026-Q3/\($0)") }
        let results = await withTaskGroup(of: ([IngestOutcome], String?).self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var outcomes: [IngestOutcome] = []
                    do {
                        let store = try FilingStore(path: path)
                        for filing in figures {
                            outcomes.append(try await store.ingest(filing, ingestedAt: "t"))
                        }
                        return (outcomes, nil)
                    } catch {
                        return (outcomes, "\(error)")
                    }
                }
            }
            var results: [([IngestOutcome], String?)] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results.compactMap(\.1) == [])
        let all = results.flatMap(\.0)
        let stored = all.filter { if case .stored = $0 { true } else { false } }
        let already = all.filter { if case .alreadyStored = $0 { true } else { false } }
        #expect(stored.count == figures.count)
        #expect(already.count == figures.count)
        #expect(try await FilingStore(path: path).filings().count == figures.count)
    }
}

/// Rows stored before the loan-level figures were recorded are refreshed when the same file is ingested
/// again; a current row stays as it is.
@Suite struct StoreRefreshTests {
    @Test func ingestingTheSameFileAgainRefreshesARowOfAnEarlierBuild() async throws {
        let path = StoreSafetyTests.temporaryPath()
        let store = try FilingStore(path: path)
        let figures = try FilingStoreTests.figures("2026-Q3/longgang-village-bank.xml")
        guard case .stored(let id, _, _) = try await store.ingest(figures, ingestedAt: "t") else {
            Issue.record("not stored")
            return
        }
        // What a build before issue 10 stored: no baseline, benefits, carbon effect or credit risk.
        try StoreSafetyTests.alter(
            path,
            "UPDATE filing SET figures = json_remove(figures, '$.baseline', '$.benefits', '$.carbonEffect', "
                + "'$.creditRisk') WHERE id = \(id)")
        let old = try #require(try await store.filings().first?.figures)
        #expect(old.benefits == nil && old.baseline == nil)
        let report = try await store.rollUp(
            period: "2026-Q3", district: nil, targets: .defaults, grid: Taxonomy.standard.defaultGridFactor)
        #expect(report.loanLevelNotRecorded == 1 && report.benefitsFrom == 0)
        #expect(
            try await store.ingest(figures, ingestedAt: "later") == .refreshed(id: id, file: figures.file))
        let refreshed = try #require(try await store.filings().first?.figures)
        #expect(refreshed == figures)
        // Now current: a third ingest writes nothing.
        #expect(
            try await store.ingest(figures, ingestedAt: "later")
                == .alreadyStored(id: id, file: figures.file, ingestedAt: "t"))
    }
}
