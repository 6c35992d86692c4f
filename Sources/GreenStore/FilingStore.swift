import Foundation
import GreenDisclosure
import GreenMetrics

/// A database that cannot be opened or written, or a filing it refuses; `description` is the sentence shown.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// What ingesting one filing did.
public enum IngestOutcome: Hashable, Sendable {
    /// Stored under `id`; `supersedes` lists stored revisions of the same lender and period it replaces in
    /// aggregates (they stay in the history); `supersededBy` a stored higher revision, if any.
    case stored(id: Int64, supersedes: [Int], supersededBy: Int?)
    /// The same content (SHA-256) is already stored: nothing was written.
    case alreadyStored(id: Int64, file: String, ingestedAt: String)
    /// The same content was stored by an earlier GreenLedger, without the figures this one records (benefits,
    /// carbon effect, credit risk, baseline): its stored figures were replaced by this build's.
    case refreshed(id: Int64, file: String)
    /// Rejected by validation: nothing was written.
    case rejected(errors: Int)
}

/// A stored filing: its figures and when it was ingested.
public struct StoredFiling: Hashable, Sendable {
    public let id: Int64
    public let ingestedAt: String
    public let figures: FilingFigures
}

/// The filing history: every accepted filing's figures (not the XML) with its content hash, lender, period,
/// revision and ingest time, with accounts, receipts and the audit log — in an embedded SQLite file or a
/// shared PostgreSQL database (``StoreDatabase``; every query and decision here is written once for both).
/// One transaction per filing, so a failure leaves nothing behind. A higher revision supersedes in
/// aggregates; the history keeps every revision.
public final class FilingStore: Sendable {
    public let database: any StoreDatabase
    /// The store's name in messages and report sources: the SQLite path, or the PostgreSQL URL without its
    /// password.
    public var path: String { database.label }

    public init(database: any StoreDatabase) { self.database = database }

    /// Opens the SQLite history at `path` (creating it when `create` is true); see
    /// ``SQLiteDatabase/init(path:create:)``.
    public convenience init(path: String, create: Bool = true) throws {
        do {
            _ = try StoreLocation(path)
        } catch {
            throw StoreError(error.description)
        }
        self.init(database: try SQLiteDatabase(path: path, create: create))
    }

    /// Opens the history at `location` — a SQLite file or a PostgreSQL database — bringing its schema up to
    /// date; when `create` is false a location holding no history is refused. ``close()`` it when done.
    public static func open(_ location: StoreLocation, create: Bool = true) async throws -> FilingStore {
        if let postgres = location.postgres {
            return FilingStore(database: try await PostgresDatabase.open(postgres, create: create))
        }
        return try FilingStore(path: location.path, create: create)
    }

    /// Opens the history at `location`, runs `body` with it and closes it, whether `body` returns or throws.
    public static func with<T: Sendable>(
        _ location: StoreLocation, create: Bool = true, _ body: (FilingStore) async throws -> T
    ) async throws -> T {
        let store = try await open(location, create: create)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Stops using the database (closes PostgreSQL's connections).
    public func close() async { await database.close() }

    /// Stores an accepted filing's figures in one transaction.
    ///
    /// Refuses (throws ``StoreError``) a filing without a period or lender, and a different filing with the
    /// same lender, period and revision as a stored one: a corrected filing needs a higher revision.
    /// When another process stores the same filing at the same time, one stores it and the other answers
    /// ``IngestOutcome/alreadyStored(id:file:ingestedAt:)``.
    public func ingest(_ figures: FilingFigures, ingestedAt: String) async throws -> IngestOutcome {
        guard figures.accepted else { return .rejected(errors: figures.errors) }
        guard let sha256 = figures.sha256 else {
            throw StoreError("\(figures.file): no content hash was computed")
        }
        guard let period = figures.period, !figures.lenderUSCC.isEmpty else {
            throw StoreError("\(figures.file): the filing names no lender or period")
        }
        let json = String(decoding: try JSONEncoder.sorted.encode(figures), as: UTF8.self)
        let outcome = try await writeRetryingOnce(figures.file) { db in
            try await self.insert(
                figures, sha256: sha256, period: period, json: json, ingestedAt: ingestedAt, db)
        }
        switch outcome {
        case .outcome(let outcome): return outcome
        case .conflict(let reason): throw StoreError(reason)
        }
    }

    /// Runs `body` in a write transaction; when a UNIQUE constraint caught a concurrent writer's row, runs it
    /// once more, which now finds that row (and answers "already stored" or the revision conflict).
    /// Errors other than ``StoreError`` and ``AccountError`` become one naming `file`.
    func writeRetryingOnce<T: Sendable>(
        _ file: String, _ body: @Sendable (any StoreConnection) async throws -> T
    ) async throws -> T {
        do {
            do {
                return try await database.write(body)
            } catch  where database.isUniqueViolation(error) {
                return try await database.write(body)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as AccountError {
            throw error
        } catch {
            throw StoreError("\(path): cannot store \(file): \(database.describe(error))")
        }
    }

    /// Reads in one snapshot; database errors become a ``StoreError`` naming `what`.
    func read<T: Sendable>(_ what: String, _ body: @Sendable (any StoreConnection) async throws -> T)
        async throws -> T
    {
        do {
            return try await database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot read \(what): \(database.describe(error))")
        }
    }

    /// What inserting a filing's figures found: an ingest outcome, or a revision conflict (why, as shown).
    enum InsertResult: Sendable {
        case outcome(IngestOutcome)
        case conflict(String)
    }

    func insert(
        _ figures: FilingFigures, sha256: String, period: String, json: String, ingestedAt: String,
        _ db: any StoreConnection
    ) async throws -> InsertResult {
        if let lock = database.serializeWriters("\(figures.lenderUSCC)|\(period)") {
            try await db.execute(lock)
        }
        if let found = try await db.row(
            "SELECT id, file, ingested_at, figures FROM filing WHERE sha256 = \(sha256)")
        {
            let row = found.from(path, table: "filing")
            let id = try row.integer("id")
            let stored = try row.text("figures")
            if let old = try? JSONDecoder().decode(FilingFigures.self, from: Data(stored.utf8)),
                old.baseline == nil,
                figures.baseline != nil
            {
                // Stored before the loan-level figures were recorded: the same bytes give this build's figures.
                try await db.execute("UPDATE filing SET figures = \(json) WHERE id = \(id)")
                return .outcome(.refreshed(id: id, file: try row.text("file")))
            }
            return .outcome(
                .alreadyStored(id: id, file: try row.text("file"), ingestedAt: try row.text("ingested_at")))
        }
        let rows = try await db.rows(
            """
            SELECT id, revision, sha256, file, ingested_at FROM filing
            WHERE lender_uscc = \(figures.lenderUSCC) AND period = \(period)
            ORDER BY revision
            """
        ).map { $0.from(path, table: "filing") }
        // On PostgreSQL each statement sees what was committed before it began: a concurrent writer of the same
        // filing may have committed between the lookup by hash above and this one.
        if let same = try rows.first(where: { try $0.text("sha256") == sha256 }) {
            return .outcome(
                .alreadyStored(
                    id: try same.integer("id"), file: try same.text("file"),
                    ingestedAt: try same.text("ingested_at")))
        }
        let revisions = try rows.map { try $0.int("revision") }
        if revisions.contains(figures.revision) {
            return .conflict(
                "\(figures.file): revision \(figures.revision) of \(figures.lenderUSCC) for \(period) is already "
                    + "stored with different content; a corrected filing carries a higher revision")
        }
        guard
            let inserted = try await db.row(
                """
                INSERT INTO filing (sha256, file, lender_uscc, lender_name, period, revision, ingested_at,
                                    total_fen, green_fen, figures)
                VALUES (\(sha256), \(figures.file), \(figures.lenderUSCC), \(figures.lenderName), \(period),
                        \(figures.revision), \(ingestedAt), \(figures.totalFen), \(figures.numeratorsFen["green"]),
                        \(json))
                RETURNING id
                """)
        else { throw StoreError("\(path): storing \(figures.file) returned no id") }
        let id = try inserted.from(path, table: "filing", key: nil).integer("id")
        for (code, pair) in figures.districtsFen.sorted(by: { $0.key < $1.key }) where pair.count == 2 {
            try await db.execute(
                """
                INSERT INTO filing_district (filing_id, code, total_fen, green_fen)
                VALUES (\(id), \(code), \(pair[0]), \(pair[1]))
                """)
        }
        return .outcome(
            .stored(
                id: id, supersedes: revisions.filter { $0 < figures.revision },
                supersededBy: revisions.filter { $0 > figures.revision }.max()))
    }

    /// Every stored filing (all revisions), optionally of one period, oldest first.
    ///
    /// Throws ``StoreError`` naming the row when a row cannot be what this build stored: a NULL or
    /// mistyped column, a period that is not one, figures that do not decode or name another period.
    public func filings(period: String? = nil) async throws -> [StoredFiling] {
        try await filings(periods: period.map { [$0] })
    }

    /// The stored filings of `periods` (all when nil), oldest first; see ``filings(period:)``.
    public func filings(periods: [String]?) async throws -> [StoredFiling] {
        let rows = try await read("the filing history") { db in
            try await self.filingRows(periods: periods, db)
        }
        return try decodeFilings(rows)
    }

    /// The rows of ``filings(periods:)``, read in the caller's transaction.
    func filingRows(periods: [String]?, _ db: any StoreConnection) async throws -> [StoreRow] {
        if let periods, periods.isEmpty { return [] }
        let filter: SQL =
            periods.map { periods in
                var sql: SQL = " WHERE period IN ("
                for (index, period) in periods.enumerated() {
                    sql = sql + (index == 0 ? "\(period)" : ", \(period)")
                }
                return sql + ")"
            } ?? ""
        return try await db.rows(
            "SELECT id, period, ingested_at, figures FROM filing" + filter + " ORDER BY id")
    }

    /// Stored filings from their rows; a row this build cannot have written is refused, named.
    func decodeFilings(_ rows: [StoreRow]) throws -> [StoredFiling] {
        return try rows.map { found in
            let row = found.from(path, table: "filing")
            let rowPeriod = try row.text("period")
            guard ReportingPeriod(text: rowPeriod) != nil else {
                throw row.damaged("its period '\(rowPeriod)' is not a period")
            }
            let text = try row.text("figures")
            let figures: FilingFigures
            do {
                figures = try JSONDecoder().decode(FilingFigures.self, from: Data(text.utf8))
            } catch {
                throw row.damaged("its figures are not the JSON this build stores")
            }
            if let problem = figures.implausibility { throw row.damaged(problem) }
            guard figures.period == rowPeriod else {
                throw row.damaged("its figures are for \(figures.period ?? "no period"), not \(rowPeriod)")
            }
            return StoredFiling(
                id: try row.integer("id"), ingestedAt: try row.text("ingested_at"), figures: figures)
        }
    }

    /// The periods with stored filings, in order; throws ``StoreError`` naming a row whose period is not one.
    public func periods() async throws -> [String] {
        let rows = try await read("the filing history") { db in
            try await db.rows("SELECT MIN(id) AS id, period FROM filing GROUP BY period")
        }
        return try Self.sortedPeriods(rows, store: path)
    }

    /// The database's revision: the number of filings stored (ids may skip numbers on PostgreSQL, whose
    /// sequences are not rolled back; the count is what a snapshot holds).
    static let revisionQuery: SQL = "SELECT COUNT(*) AS revision FROM filing"

    /// The database's revision: the number of filings ingested so far (named in report manifests).
    public func revision() async throws -> Int {
        try await read("the filing history") { db in
            try await db.row(Self.revisionQuery)?.from(
                self.path, table: "filing", key: nil
            ).int("revision") ?? 0
        }
    }
}

extension StoreError {
    /// A `filing` row this build cannot have written.
    static func badRow(path: String, table: String = "filing", id: String?, _ problem: String) -> StoreError {
        StoreError(
            "\(path): \(table) row \(id ?? "without an id") is damaged: \(problem); "
                + "the history was altered outside greenledger")
    }
}

extension JSONEncoder {
    /// Deterministic JSON for stored figures.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
