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

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        do {
            queue = try DatabaseQueue(path: path)
            try Self.migrator.migrate(queue)
        } catch {
            throw StoreError("\(path): cannot open the filing history: \(Self.describe(error))")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE filing (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        sha256 TEXT NOT NULL UNIQUE,
                        file TEXT NOT NULL,
                        lender_uscc TEXT NOT NULL,
                        lender_name TEXT,
                        period TEXT NOT NULL,
                        revision INTEGER NOT NULL,
                        ingested_at TEXT NOT NULL,
                        total_fen INTEGER NOT NULL,
                        green_fen INTEGER,
                        figures TEXT NOT NULL
                    );
                    CREATE UNIQUE INDEX filing_revision ON filing(lender_uscc, period, revision);
                    CREATE TABLE filing_district (
                        filing_id INTEGER NOT NULL REFERENCES filing(id) ON DELETE CASCADE,
                        code TEXT NOT NULL,
                        total_fen INTEGER NOT NULL,
                        green_fen INTEGER NOT NULL,
                        PRIMARY KEY (filing_id, code)
                    );
                    """)
        }
        return migrator
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Stores an accepted filing's figures in one transaction.
    ///
    /// Refuses (throws ``StoreError``) a filing without a period or lender, and a different filing with the
    /// same lender, period and revision as a stored one: a corrected filing needs a higher revision.
    public func ingest(_ figures: FilingFigures, ingestedAt: String) throws -> IngestOutcome {
        guard figures.accepted else { return .rejected(errors: figures.errors) }
        guard let sha256 = figures.sha256 else {
            throw StoreError("\(figures.file): no content hash was computed")
        }
        guard let period = figures.period, !figures.lenderUSCC.isEmpty else {
            throw StoreError("\(figures.file): the filing names no lender or period")
        }
        let json = String(decoding: try JSONEncoder.sorted.encode(figures), as: UTF8.self)
        do {
            return try queue.write { db -> IngestOutcome in
                if let row = try Row.fetchOne(
                    db, sql: "SELECT id, file, ingested_at FROM filing WHERE sha256 = ?", arguments: [sha256])
                {
                    return .alreadyStored(id: row["id"], file: row["file"], ingestedAt: row["ingested_at"])
                }
                let revisions = try Int.fetchAll(
                    db,
                    sql: "SELECT revision FROM filing WHERE lender_uscc = ? AND period = ? ORDER BY revision",
                    arguments: [figures.lenderUSCC, period])
                if revisions.contains(figures.revision) {
                    throw StoreError(
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
                for (code, pair) in figures.districtsFen.sorted(by: { $0.key < $1.key }) where pair.count == 2
                {
                    try db.execute(
                        sql:
                            "INSERT INTO filing_district (filing_id, code, total_fen, green_fen) VALUES (?, ?, ?, ?)",
                        arguments: [id, code, pair[0], pair[1]])
                }
                return .stored(
                    id: id, supersedes: revisions.filter { $0 < figures.revision },
                    supersededBy: revisions.filter { $0 > figures.revision }.max())
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot store \(figures.file): \(Self.describe(error))")
        }
    }

    /// Every stored filing (all revisions), optionally of one period, oldest first.
    public func filings(period: String? = nil) throws -> [StoredFiling] {
        do {
            return try queue.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT id, ingested_at, figures FROM filing"
                        + (period == nil ? "" : " WHERE period = ?")
                        + " ORDER BY id",
                    arguments: period.map { [$0] } ?? [])
                return try rows.map { row in
                    let text: String = row["figures"]
                    return StoredFiling(
                        id: row["id"], ingestedAt: row["ingested_at"],
                        figures: try JSONDecoder().decode(FilingFigures.self, from: Data(text.utf8)))
                }
            }
        } catch {
            throw StoreError("\(path): cannot read the filing history: \(Self.describe(error))")
        }
    }

    /// The periods with stored filings, in order.
    public func periods() throws -> [String] {
        do {
            return try queue.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT period FROM filing") }
                .sorted {
                    (ReportingPeriod(text: $0) ?? .init(text: "0001")!)
                        < (ReportingPeriod(text: $1) ?? .init(text: "0001")!)
                }
        } catch {
            throw StoreError("\(path): cannot read the filing history: \(Self.describe(error))")
        }
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

extension JSONEncoder {
    /// Deterministic JSON for stored figures.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
