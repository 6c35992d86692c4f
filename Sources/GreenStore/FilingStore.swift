import Foundation
import GRDB
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
/// revision and ingest time, in an embedded SQLite database. One transaction per filing, so a failure
/// leaves nothing behind. A higher revision supersedes in aggregates; the history keeps every revision.
public final class FilingStore: Sendable {
    let queue: DatabaseQueue
    public let path: String

    /// Opens the database at `path` (creating it when `create` is true) and brings its schema up to date.
    ///
    /// Refuses (throws ``StoreError``) a path that keeps nothing on disk (see ``StoreLocation``), one that
    /// is not a regular file, a missing file when `create` is false (commands that only read the history
    /// must not leave an empty one behind a typo), and a database written by a newer GreenLedger. The
    /// database is in WAL mode with a busy timeout, so several processes can ingest into it at once.
    public init(path: String, create: Bool = true) throws {
        self.path = path
        do {
            _ = try StoreLocation(path)
        } catch {
            throw StoreError(error.description)
        }
        try Self.checkRegularFile(path)
        if !create && access(path, F_OK) != 0 {
            throw StoreError("\(path): there is no filing history here; 'greenledger ingest' creates one")
        }
        do {
            queue = try Self.open(path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot open the filing history: \(Self.describe(error))")
        }
    }

    /// Opens the database, switches it to WAL and brings its schema up to date. Two processes creating or
    /// opening one history at the same moment can find it locked while the other switches the journal
    /// mode or migrates (SQLite does not wait on a busy handler there): that is retried, with a short
    /// pause, for up to ``busyTimeoutSeconds``.
    static func open(_ path: String) throws -> DatabaseQueue {
        let deadline = Date().addingTimeInterval(busyTimeoutSeconds)
        while true {
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try checkNotNewer(queue, path: path)
                try migrate(queue)
                return queue
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED)
                && Date() < deadline
            {
                usleep(UInt32.random(in: 20_000...120_000))
            }
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Runs `body` in a transaction that takes the write lock when it begins (`BEGIN IMMEDIATE`), so what it
    /// reads cannot change before it writes; another process's writer waits up to the busy timeout.
    func immediateWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            guard let result else { throw StoreError("\(path): the transaction returned nothing") }
            return result
        }
    }

    /// Stores an accepted filing's figures in one transaction.
    ///
    /// Refuses (throws ``StoreError``) a filing without a period or lender, and a different filing with the
    /// same lender, period and revision as a stored one: a corrected filing needs a higher revision.
    /// When another process stores the same filing at the same time, one stores it and the other answers
    /// ``IngestOutcome/alreadyStored(id:file:ingestedAt:)``.
    public func ingest(_ figures: FilingFigures, ingestedAt: String) throws -> IngestOutcome {
        guard figures.accepted else { return .rejected(errors: figures.errors) }
        guard let sha256 = figures.sha256 else {
            throw StoreError("\(figures.file): no content hash was computed")
        }
        guard let period = figures.period, !figures.lenderUSCC.isEmpty else {
            throw StoreError("\(figures.file): the filing names no lender or period")
        }
        let json = String(decoding: try JSONEncoder.sorted.encode(figures), as: UTF8.self)
        let outcome = try writeRetryingOnce(figures.file) { db in
            try insert(figures, sha256: sha256, period: period, json: json, ingestedAt: ingestedAt, db)
        }
        switch outcome {
        case .outcome(let outcome): return outcome
        case .conflict(let reason): throw StoreError(reason)
        }
    }

    /// Runs `body` in an immediate transaction; when a UNIQUE constraint caught a concurrent writer's row,
    /// runs it once more, which now finds that row (and answers "already stored" or the revision conflict).
    /// Errors other than ``StoreError`` become one naming `file`.
    func writeRetryingOnce<T>(_ file: String, _ body: (Database) throws -> T) throws -> T {
        do {
            do {
                return try immediateWrite(body)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                return try immediateWrite(body)
            }
        } catch let error as StoreError {
            throw error
        } catch let error as AccountError {
            throw error
        } catch {
            throw StoreError("\(path): cannot store \(file): \(Self.describe(error))")
        }
    }

    /// What inserting a filing's figures found: an ingest outcome, or a revision conflict (why, as shown).
    enum InsertResult {
        case outcome(IngestOutcome)
        case conflict(String)
    }

    func insert(
        _ figures: FilingFigures, sha256: String, period: String, json: String, ingestedAt: String,
        _ db: Database
    ) throws -> InsertResult {
        if let row = try Row.fetchOne(
            db, sql: "SELECT id, file, ingested_at, figures FROM filing WHERE sha256 = ?", arguments: [sha256]
        ) {
            let id: Int64 = try column(row, "id", of: nil)
            let stored: String = try column(row, "figures", of: id)
            if let old = try? JSONDecoder().decode(FilingFigures.self, from: Data(stored.utf8)),
                old.baseline == nil,
                figures.baseline != nil
            {
                // Stored before the loan-level figures were recorded: the same bytes give this build's figures.
                try db.execute(sql: "UPDATE filing SET figures = ? WHERE id = ?", arguments: [json, id])
                return .outcome(.refreshed(id: id, file: try column(row, "file", of: id)))
            }
            return .outcome(
                .alreadyStored(
                    id: id, file: try column(row, "file", of: id),
                    ingestedAt: try column(row, "ingested_at", of: id)))
        }
        let revisions = try Row.fetchAll(
            db,
            sql: "SELECT id, revision FROM filing WHERE lender_uscc = ? AND period = ? ORDER BY revision",
            arguments: [figures.lenderUSCC, period]
        ).map { row -> Int in try column(row, "revision", of: try column(row, "id", of: nil)) }
        if revisions.contains(figures.revision) {
            return .conflict(
                "\(figures.file): revision \(figures.revision) of \(figures.lenderUSCC) for \(period) is already "
                    + "stored with different content; a corrected filing carries a higher revision")
        }
        try db.execute(
            sql: """
                INSERT INTO filing (sha256, file, lender_uscc, lender_name, period, revision, ingested_at,
                                    total_fen, green_fen, figures)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                sha256, figures.file, figures.lenderUSCC, figures.lenderName, period,
                figures.revision, ingestedAt,
                figures.totalFen, figures.numeratorsFen["green"], json,
            ])
        let id = db.lastInsertedRowID
        for (code, pair) in figures.districtsFen.sorted(by: { $0.key < $1.key }) where pair.count == 2 {
            try db.execute(
                sql:
                    "INSERT INTO filing_district (filing_id, code, total_fen, green_fen) VALUES (?, ?, ?, ?)",
                arguments: [id, code, pair[0], pair[1]])
        }
        return .outcome(
            .stored(
                id: id, supersedes: revisions.filter { $0 < figures.revision },
                supersededBy: revisions.filter { $0 > figures.revision }.max()))
    }

    /// A column of a `filing` row, or a ``StoreError`` naming the row when it is NULL or of the wrong type
    /// (a database altered by hand or by another program).
    func column<Value: DatabaseValueConvertible>(
        _ row: Row, _ name: String, of id: Int64?, table: String = "filing"
    ) throws -> Value {
        do {
            return try row.decode(Value.self, forColumn: name)
        } catch {
            throw StoreError.badRow(
                path: path, table: table, id: id, "its \(name) is missing or not \(Value.self)")
        }
    }

    /// Every stored filing (all revisions), optionally of one period, oldest first.
    ///
    /// Throws ``StoreError`` naming the row when a row cannot be what this build stored: a NULL or
    /// mistyped column, a period that is not one, figures that do not decode or name another period.
    public func filings(period: String? = nil) throws -> [StoredFiling] {
        let rows: [Row]
        do {
            rows = try queue.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT id, period, ingested_at, figures FROM filing"
                        + (period == nil ? "" : " WHERE period = ?")
                        + " ORDER BY id",
                    arguments: period.map { [$0] } ?? [])
            }
        } catch {
            throw StoreError("\(path): cannot read the filing history: \(Self.describe(error))")
        }
        return try rows.map { row in
            let id: Int64 = try column(row, "id", of: nil)
            let rowPeriod: String = try column(row, "period", of: id)
            guard ReportingPeriod(text: rowPeriod) != nil else {
                throw StoreError.badRow(path: path, id: id, "its period '\(rowPeriod)' is not a period")
            }
            let text: String = try column(row, "figures", of: id)
            let figures: FilingFigures
            do {
                figures = try JSONDecoder().decode(FilingFigures.self, from: Data(text.utf8))
            } catch {
                throw StoreError.badRow(path: path, id: id, "its figures are not the JSON this build stores")
            }
            if let problem = figures.implausibility {
                throw StoreError.badRow(path: path, id: id, problem)
            }
            guard figures.period == rowPeriod else {
                throw StoreError.badRow(
                    path: path, id: id,
                    "its figures are for \(figures.period ?? "no period"), not \(rowPeriod)")
            }
            return StoredFiling(id: id, ingestedAt: try column(row, "ingested_at", of: id), figures: figures)
        }
    }

    /// The periods with stored filings, in order; throws ``StoreError`` naming a row whose period is not one.
    public func periods() throws -> [String] {
        let rows: [Row]
        do {
            rows = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT MIN(id) AS id, period FROM filing GROUP BY period")
            }
        } catch {
            throw StoreError("\(path): cannot read the filing history: \(Self.describe(error))")
        }
        var periods: [(text: String, period: ReportingPeriod)] = []
        for row in rows {
            let id: Int64 = try column(row, "id", of: nil)
            let text: String = try column(row, "period", of: id)
            guard let period = ReportingPeriod(text: text) else {
                throw StoreError.badRow(path: path, id: id, "its period '\(text)' is not a period")
            }
            periods.append((text, period))
        }
        return periods.sorted { $0.period < $1.period }.map(\.text)
    }

    /// The database's revision: the number of filings ingested so far (named in report manifests).
    public func revision() throws -> Int {
        do {
            return try queue.read { db in
                try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM filing") ?? 0
            }
        } catch {
            throw StoreError("\(path): cannot read the filing history: \(Self.describe(error))")
        }
    }
}

extension StoreError {
    /// A `filing` row this build cannot have written.
    static func badRow(path: String, table: String = "filing", id: Int64?, _ problem: String) -> StoreError {
        StoreError(
            "\(path): \(table) row \(id.map(String.init) ?? "without an id") is damaged: \(problem); "
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
