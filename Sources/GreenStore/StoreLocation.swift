import Foundation

/// Where the filing history lives: a plain file path, checked before anything is opened.
///
/// SQLite also accepts names that keep nothing on disk — the empty name (a temporary database),
/// `:memory:` and `file:` URIs such as `file:history?mode=memory` — and an ingest into one of those would
/// report "stored" for filings that vanish when the process ends. Those are refused here as usage errors
/// (``StoreLocationError``); a file literally named `file:…` is given as `./file:…`.
public struct StoreLocation: Hashable, Sendable {
    /// The path as given, to pass to ``FilingStore/init(path:)``.
    public let path: String

    /// Checks `argument` (the `--db` value) and throws ``StoreLocationError`` when it would keep nothing.
    public init(_ argument: String) throws(StoreLocationError) {
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
