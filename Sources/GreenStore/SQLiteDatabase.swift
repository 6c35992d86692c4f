import Foundation
import GRDB

/// The embedded store: one SQLite file (GRDB), in WAL mode with a busy timeout, so several processes can
/// ingest into one history. Statements run on Dispatch's threads, never blocking the cooperative pool; one
/// transaction at a time per process (``AsyncLock``), and `BEGIN IMMEDIATE` between processes.
public final class SQLiteDatabase: StoreDatabase {
    let queue: DatabaseQueue
    let lock = AsyncLock()
    public let path: String
    public var label: String { path }
    public var insertionOrder: String { "rowid" }

    /// Opens the database at `path` (creating it when `create` is true) and brings its schema up to date.
    ///
    /// Refuses (throws ``StoreError``) a path that keeps nothing on disk (see ``StoreLocation``), one that
    /// is not a regular file, a missing file when `create` is false (commands that only read the history
    /// must not leave an empty one behind a typo), and a database written by a newer GreenLedger.
    public init(path: String, create: Bool = true) throws {
        self.path = path
        guard !path.isEmpty, path != ":memory:", !path.lowercased().hasPrefix("file:") else {
            throw StoreError("\(path): not a file path; the history must be kept in a file")
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
            throw StoreError("\(path): cannot open the filing history: \(Self.message(error))")
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

    static func message(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        if let error = error as? StoreError { return error.description }
        return "\(error)"
    }

    public func describe(_ error: any Error) -> String { Self.message(error) }

    public func serializeWriters(_ key: String) -> SQL? { nil }

    public func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    }

    public func read<T: Sendable>(_ body: @Sendable (any StoreConnection) async throws -> T) async throws -> T
    {
        try await transaction("BEGIN DEFERRED", body)
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreConnection) async throws -> T) async throws
        -> T
    {
        try await transaction("BEGIN IMMEDIATE", body)
    }

    /// Closes the connection, which checkpoints the WAL into the file (and removes it) when this is the last
    /// connection — as the process's end did when the store was released before it. Waits for a transaction
    /// in progress.
    public func close() async {
        _ = try? await lock.withLock { try await offPool { try self.queue.close() } }
    }

    /// Runs `body` between `begin` and COMMIT (ROLLBACK when it throws), holding the process's lock.
    private func transaction<T: Sendable>(
        _ begin: String, _ body: @Sendable (any StoreConnection) async throws -> T
    ) async throws -> T {
        let connection = Connection(queue: queue)
        // On Dispatch's threads, between statements too: a cooperative pool kept busy by other work must not
        // hold up a transaction that holds the file's write lock (other processes wait for it).
        return try await withTaskExecutorPreference(DispatchExecutor.shared) {
            try await transactionHoldingLock(begin, connection, body)
        }
    }

    private func transactionHoldingLock<T: Sendable>(
        _ begin: String, _ connection: Connection, _ body: @Sendable (any StoreConnection) async throws -> T
    ) async throws -> T {
        try await lock.withLock {
            try await connection.run(begin)
            do {
                let result = try await body(connection)
                try await connection.run("COMMIT")
                return result
            } catch {
                try? await connection.run("ROLLBACK")
                // SQLite may have rolled back already; a transaction still open would keep the write lock.
                if try await connection.isInsideTransaction { try? await connection.run("ROLLBACK") }
                throw error
            }
        }
    }

    /// The one connection, used by the holder of the lock; each statement runs on a Dispatch thread.
    struct Connection: StoreConnection {
        let queue: DatabaseQueue

        var isInsideTransaction: Bool {
            get async throws {
                try await offPool { try queue.writeWithoutTransaction { $0.isInsideTransaction } }
            }
        }

        func run(_ statement: String) async throws {
            try await offPool { try queue.writeWithoutTransaction { try $0.execute(sql: statement) } }
        }

        func execute(_ sql: SQL) async throws {
            let (text, values) = sql.rendered { _ in "?" }
            try await offPool {
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: text, arguments: StatementArguments(values.map(\.databaseValue)))
                }
            }
        }

        func rows(_ sql: SQL) async throws -> [StoreRow] {
            let (text, values) = sql.rendered { _ in "?" }
            return try await offPool {
                try queue.writeWithoutTransaction { db in
                    try Row.fetchAll(
                        db, sql: text, arguments: StatementArguments(values.map(\.databaseValue))
                    ).map(StoreRow.init(sqlite:))
                }
            }
        }
    }
}

/// Runs tasks' jobs on Dispatch's global pool (as a task executor preference).
final class DispatchExecutor: TaskExecutor {
    static let shared = DispatchExecutor()

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        DispatchQueue.global().async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// Runs a blocking call (SQLite, which may wait up to the busy timeout for another process) on Dispatch's
/// global pool rather than a thread of the cooperative pool.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

extension StoreValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .bool(let value): (value ? 1 : 0).databaseValue
        }
    }
}

extension StoreRow {
    init(sqlite row: Row) {
        var values: [String: StoreValue] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: values[column] = .null
            case .int64(let number): values[column] = .integer(number)
            case .string(let text): values[column] = .text(text)
            // Never written by this build: kept as text so reading it as a number fails with the row named.
            case .double(let number): values[column] = .text(String(number))
            case .blob: values[column] = .text("<blob>")
            }
        }
        self.init(values)
    }
}
