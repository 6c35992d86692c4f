import Foundation
import GRDB
import GreenDisclosure

extension FilingStore {
    /// The schema version this build writes (SQLite: `user_version`; PostgreSQL: the highest row of
    /// `schema_migration`); a database with a higher one was written by a newer GreenLedger and is refused.
    /// Version 3 indexes filings by period, so a quarter's roll-up reads that quarter only.
    public static let schemaVersion = 3
}

extension SQLiteDatabase {
    /// How long a writer waits for another process's transaction before giving up, in seconds.
    static let busyTimeoutSeconds: TimeInterval = 10

    /// WAL (readers do not block the writer) and a busy timeout, so that two `ingest` processes on one
    /// history take turns instead of failing with "database is locked".
    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        // Transactions span several accesses (each statement is one), opened and closed by `transaction`.
        configuration.allowsUnsafeTransactions = true
        return configuration
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
        // Marks the schema in the file header, where any later build checks it before using the file.
        migrator.registerMigration("v1-user-version") { db in
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        // The filing service: accounts (token hashes only), receipts (every filing received, with its
        // findings and archived bytes), and the append-only audit log (triggers refuse UPDATE and DELETE).
        migrator.registerMigration("v2-accounts-receipts-audit") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        role TEXT NOT NULL CHECK (role IN ('lender', 'district', 'city', 'admin')),
                        uscc TEXT,
                        district TEXT,
                        name TEXT NOT NULL,
                        token_sha256 TEXT NOT NULL UNIQUE,
                        created_at TEXT NOT NULL,
                        revoked_at TEXT
                    );
                    CREATE TABLE receipt (
                        id TEXT PRIMARY KEY,
                        filing_id INTEGER,
                        status TEXT NOT NULL CHECK (status IN ('stored', 'rejected')),
                        verdict TEXT NOT NULL,
                        lender_uscc TEXT NOT NULL,
                        lender_name TEXT,
                        period TEXT,
                        revision INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        bytes INTEGER NOT NULL,
                        loans INTEGER NOT NULL,
                        errors INTEGER NOT NULL,
                        warnings INTEGER NOT NULL,
                        received_at TEXT NOT NULL,
                        account TEXT NOT NULL,
                        supersedes TEXT,
                        findings TEXT NOT NULL,
                        archived INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE UNIQUE INDEX receipt_filing ON receipt(filing_id) WHERE filing_id IS NOT NULL;
                    CREATE INDEX receipt_period ON receipt(period);
                    CREATE INDEX receipt_sha256 ON receipt(sha256);
                    CREATE INDEX receipt_revision ON receipt(lender_uscc, period, revision);
                    CREATE TABLE audit (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        account TEXT NOT NULL,
                        role TEXT NOT NULL,
                        action TEXT NOT NULL,
                        receipt TEXT,
                        sha256 TEXT,
                        detail TEXT NOT NULL
                    );
                    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    PRAGMA user_version = 2;
                    """)
        }
        // A quarter's roll-up and the trend read filings by period through this index, not by a scan.
        migrator.registerMigration("v3-filing-period") { db in
            try db.execute(
                sql: """
                    CREATE INDEX filing_period ON filing(period, lender_uscc, revision);
                    PRAGMA user_version = 3;
                    """)
        }
        return migrator
    }

    /// Refuses a database written by a newer GreenLedger: a higher `user_version` or a migration this
    /// build does not know.
    static func checkNotNewer(_ queue: DatabaseQueue, path: String) throws {
        let (version, unknown) = try queue.read { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations).sorted()
            return (version, unknown)
        }
        var found: [String] = []
        if version > FilingStore.schemaVersion { found.append("schema version \(version)") }
        if !unknown.isEmpty { found.append("unknown migrations \(unknown.joined(separator: ", "))") }
        if !found.isEmpty { throw StoreError.newerSchema(path: path, found: found.joined(separator: ", ")) }
    }

    /// Brings the schema up to date. Processes opening a new history at once may each find a migration
    /// missing; a loser's attempt fails on the winner's rows or tables. Each such failure means another
    /// process applied a migration, so it looks again — until every migration is applied, or `attempts` are
    /// spent (a failure that is not a race: its error is thrown). Once was not enough: a loser could look
    /// between the winner's first and second migration (seen in CI as "UNIQUE constraint failed:
    /// grdb_migrations.identifier").
    static func migrate(_ queue: DatabaseQueue, attempts: Int = 20) throws {
        for attempt in 1... {
            do {
                try migrator.migrate(queue)
                return
            } catch {
                if try queue.read(migrator.hasCompletedMigrations) { return }
                if attempt >= attempts { throw error }
                usleep(20_000)  // let the other process finish its migration
            }
        }
    }

    /// Refuses a path that exists but is not a regular file (a directory, a FIFO, a device): SQLite cannot
    /// use it, and opening a FIFO would wait forever for a writer.
    static func checkRegularFile(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { return }  // absent: SQLite creates it
        let type = status.st_mode & S_IFMT
        guard type != S_IFREG else { return }
        let kind = FileKind.describe(type)
        throw StoreError("\(path): is \(kind), not a filing history file")
    }
}

extension StoreError {
    /// A database written by a newer GreenLedger; `found` says how it shows.
    static func newerSchema(path: String, found: String) -> StoreError {
        StoreError(
            "\(path): written by a newer GreenLedger (\(found)); this build knows schema version "
                + "\(FilingStore.schemaVersion); refusing to use it — upgrade greenledger")
    }
}
