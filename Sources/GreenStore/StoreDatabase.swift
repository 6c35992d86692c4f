/// The store protocol: what the filing history needs of a database. ``FilingStore`` holds every query and
/// decision of the domain, once; ``SQLiteDatabase`` (GRDB, the embedded default) and ``PostgresDatabase``
/// (PostgresNIO, for a city's shared store) only run its statements, in transactions, and keep their schema.
public protocol StoreDatabase: Sendable {
    /// What the store is called in messages and report sources: the SQLite path, or the PostgreSQL URL
    /// without its password.
    var label: String { get }

    /// The name of a column that orders a table's rows as inserted (`rowid` on SQLite, `seq` on PostgreSQL).
    var insertionOrder: String { get }

    /// Runs `body` with a connection that sees one consistent snapshot.
    func read<T: Sendable>(_ body: @Sendable (any StoreConnection) async throws -> T) async throws -> T

    /// Runs `body` in a transaction that holds the write lock from its start (SQLite `BEGIN IMMEDIATE`; on
    /// PostgreSQL, constraints settle races): committed when it returns, rolled back when it throws.
    func write<T: Sendable>(_ body: @Sendable (any StoreConnection) async throws -> T) async throws -> T

    /// A statement that makes writers of the same `key` (a lender and period) take turns until their
    /// transactions end, or nil where writers always do (SQLite's `BEGIN IMMEDIATE`).
    func serializeWriters(_ key: String) -> SQL?

    /// Whether `error` is a UNIQUE constraint refusing a row another writer stored first.
    func isUniqueViolation(_ error: any Error) -> Bool

    /// The sentence for a database error (never a password, never a stack trace).
    func describe(_ error: any Error) -> String

    /// Stops using the database (PostgreSQL: closes the connection pool).
    func close() async
}

/// A connection inside ``StoreDatabase/read(_:)`` or ``StoreDatabase/write(_:)``.
public protocol StoreConnection: Sendable {
    /// Runs a statement that returns no rows.
    func execute(_ sql: SQL) async throws

    /// Runs a query and returns its rows (each is small: figures of one filing at most).
    func rows(_ sql: SQL) async throws -> [StoreRow]
}

extension StoreConnection {
    /// The first row of a query, or nil.
    func row(_ sql: SQL) async throws -> StoreRow? { try await rows(sql).first }
}
