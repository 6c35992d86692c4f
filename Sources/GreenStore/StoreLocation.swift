import Foundation

/// Where the filing history lives: a SQLite file (a plain path) or a PostgreSQL database
/// (`postgres://…`, see ``PostgresLocation``), checked before anything is opened.
///
/// SQLite also accepts names that keep nothing on disk — the empty name (a temporary database),
/// `:memory:` and `file:` URIs such as `file:history?mode=memory` — and an ingest into one of those would
/// report "stored" for filings that vanish when the process ends. Those are refused here as usage errors
/// (``StoreLocationError``); a file literally named `file:…` is given as `./file:…`.
public struct StoreLocation: Hashable, Sendable {
    /// The path as given, to pass to ``FilingStore/init(path:create:)``; for PostgreSQL, the URL without its
    /// password.
    public let path: String
    /// The PostgreSQL database, when the location is a URL.
    public let postgres: PostgresLocation?

    /// Checks `argument` (the `--db` value) and throws ``StoreLocationError`` when it would keep nothing or
    /// is a PostgreSQL URL that cannot be used.
    public init(_ argument: String) throws(StoreLocationError) {
        if PostgresLocation.isURL(argument) {
            let postgres = try PostgresLocation(argument)
            self.postgres = postgres
            path = postgres.label
            return
        }
        postgres = nil
        if argument.isEmpty { throw .empty }
        if argument == ":memory:" { throw .inMemory(argument) }
        if argument.lowercased().hasPrefix("file:") { throw .uri(argument) }
        path = argument
    }
}

/// A `--db` value that names no file on disk; `description` is the sentence shown.
public struct StoreLocationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String

    /// The empty path, which SQLite turns into a temporary database deleted on close.
    public static let empty = StoreLocationError(
        description: "--db is empty; give the path of the history file, e.g. --db greenledger.sqlite")

    /// `:memory:`, an in-memory database that keeps nothing.
    public static func inMemory(_ argument: String) -> StoreLocationError {
        StoreLocationError(
            description:
                "--db \(argument) would keep nothing (an in-memory database); give the path of a file")
    }

    /// A `file:` URI, which may name an in-memory or temporary database.
    public static func uri(_ argument: String) -> StoreLocationError {
        StoreLocationError(
            description: "--db \(argument): URI forms (file:…) are not accepted; give a plain path "
                + "(./\(argument) for a file named so)")
    }
}
