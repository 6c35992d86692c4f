import Foundation
import Logging
import NIOSSL
import PostgresNIO
import ServiceLifecycle

/// The shared store: one PostgreSQL database (PostgresNIO's `PostgresClient`, a connection pool, run under a
/// `ServiceGroup`) that every office's `ingest`, `aggregate`, `report`, `accounts` and `serve` can use at once.
/// Races between processes are settled by the database's constraints and an advisory lock on migrations.
public final class PostgresDatabase: StoreDatabase {
    let client: PostgresClient
    let group: ServiceGroup
    let running: Task<Void, Never>
    public let location: PostgresLocation
    public var label: String { location.label }
    public var insertionOrder: String { "seq" }

    /// Quiet: what goes wrong reaches the user as a thrown ``StoreError``, not as log lines on stdout.
    static let logger = Logger(label: "greenledger.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects to `location` and brings the schema up to date (or, when `create` is false, refuses a
    /// database that holds no filing history); throws ``StoreError`` with the server's reason otherwise.
    public static func open(_ location: PostgresLocation, create: Bool = true) async throws
        -> PostgresDatabase
    {
        let database = connect(location)
        do {
            try await database.probe()
            try await database.withDeadline(seconds: location.connectTimeoutSeconds + 5) {
                try await database.migrate(create: create)
            }
        } catch {
            await database.close()
            if let error = error as? StoreError { throw error }
            throw StoreError("\(location.label): cannot open the filing history: \(database.describe(error))")
        }
        return database
    }

    /// A client for `location`, running, with nothing asked of the server yet.
    static func connect(_ location: PostgresLocation) -> PostgresDatabase { PostgresDatabase(location) }

    /// Runs one statement outside any transaction (`CREATE DATABASE`, which cannot run in one).
    func executeOutsideTransaction(_ sql: SQL) async throws {
        try await client.withConnection { connection in
            try await Connection(connection: connection).execute(sql)
        }
    }

    /// Opens one connection outside the pool and closes it: the pool retries an unreachable server or a
    /// refused login until its deadline, where a single connection fails at once with the reason.
    func probe() async throws {
        var tls = PostgresConnection.Configuration.TLS.disable
        if location.tls != .disable, case let context = try NIOSSLContext(configuration: tlsConfiguration) {
            tls = location.tls == .prefer ? .prefer(context) : .require(context)
        }
        var configuration: PostgresConnection.Configuration
        if let host = location.host {
            configuration = .init(
                host: host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: tls)
        } else {
            configuration = .init(
                unixSocketPath: Self.socketPath(location), username: location.user,
                password: location.password,
                database: location.database)
        }
        configuration.options.connectTimeout = .seconds(Int64(location.connectTimeoutSeconds))
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 0, logger: Self.logger)
        try await connection.close()
    }

    /// The server's socket file in the location's socket directory.
    static func socketPath(_ location: PostgresLocation) -> String {
        "\(location.socketDirectory ?? "/var/run/postgresql")/.s.PGSQL.\(location.port)"
    }

    /// The TLS settings of the location's `sslmode` (libpq's meanings).
    var tlsConfiguration: TLSConfiguration { Self.tlsConfiguration(location) }

    static func tlsConfiguration(_ location: PostgresLocation) -> TLSConfiguration {
        var context = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        // libpq: `require` with a root certificate checks the certificate as `verify-ca` does.
        case .disable, .prefer, .require:
            context.certificateVerification =
                location.rootCertificate == nil ? .none : .noHostnameVerification
        case .verifyCA: context.certificateVerification = .noHostnameVerification
        case .verifyFull: context.certificateVerification = .fullVerification
        }
        if let root = location.rootCertificate { context.trustRoots = .file(root) }
        return context
    }

    private init(_ location: PostgresLocation) {
        self.location = location
        let tls: PostgresClient.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(Self.tlsConfiguration(location))
        default: tls = .require(Self.tlsConfiguration(location))
        }
        var configuration: PostgresClient.Configuration
        if let host = location.host {
            configuration = .init(
                host: host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: tls)
        } else {
            configuration = .init(
                unixSocketPath: Self.socketPath(location), username: location.user,
                password: location.password,
                database: location.database)
        }
        configuration.options.connectTimeout = .seconds(Int64(location.connectTimeoutSeconds))
        configuration.options.additionalStartupParameters = [("application_name", "greenledger")]
        client = PostgresClient(configuration: configuration, backgroundLogger: Self.logger)
        let group = ServiceGroup(services: [client], logger: Self.logger)
        self.group = group
        running = Task { try? await group.run() }
    }

    public func close() async {
        await group.triggerGracefulShutdown()
        await running.value
    }

    /// Runs `body`, failing with a clear error when it takes longer than `seconds` (an unreachable server
    /// makes the pool retry forever).
    func withDeadline<T: Sendable>(seconds: Int, _ body: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
                throw StoreError(
                    "\(label): no answer from the server within \(seconds) s (is it running, and the host and port right?)"
                )
            }
            throw CancellationError()
        }
    }

    public func read<T: Sendable>(_ body: @Sendable (any StoreConnection) async throws -> T) async throws -> T
    {
        try await transaction { connection in
            // One snapshot for every statement of the read.
            try await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try await body(connection)
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreConnection) async throws -> T) async throws
        -> T
    {
        try await transaction(body)
    }

    /// `withTransaction`, throwing what went wrong itself rather than the wrapper (so a ``StoreError`` thrown by
    /// the domain stays one, and a unique violation is recognised).
    private func transaction<T: Sendable>(
        _ body: @Sendable (any StoreConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await client.withTransaction(logger: Self.logger) { connection in
                try await body(Connection(connection: connection))
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
    }

    /// A transaction-scoped advisory lock on the key's hash: READ COMMITTED writers of two revisions of one
    /// lender and period would otherwise not see each other, and neither receipt would name the other.
    public func serializeWriters(_ key: String) -> SQL? {
        "SELECT pg_advisory_xact_lock(hashtextextended(\(key), 0))"
    }

    public func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }

    public func describe(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.description }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    /// A pooled connection inside a transaction.
    struct Connection: StoreConnection {
        let connection: PostgresConnection

        func execute(_ sql: SQL) async throws {
            _ = try await connection.query(query(sql), logger: PostgresDatabase.logger).collect()
        }

        func rows(_ sql: SQL) async throws -> [StoreRow] {
            var rows: [StoreRow] = []
            for try await row in try await connection.query(query(sql), logger: PostgresDatabase.logger) {
                var values: [String: StoreValue] = [:]
                for cell in row { values[cell.columnName] = try StoreValue(cell) }
                rows.append(StoreRow(values))
            }
            return rows
        }

        func query(_ sql: SQL) -> PostgresQuery {
            let (text, values) = sql.rendered { "$\($0)" }
            var bindings = PostgresBindings(capacity: values.count)
            for value in values {
                switch value {
                case .null: bindings.appendNull()
                case .integer(let number): bindings.append(number)
                case .text(let text): bindings.append(text)
                case .bool(let flag): bindings.append(flag)
                }
            }
            return PostgresQuery(unsafeSQL: text, binds: bindings)
        }
    }
}

extension StoreValue {
    /// A cell as read: integers of any width, booleans, text; anything else is read as text, so a column of
    /// an unexpected type fails when read as a number, with its row named.
    init(_ cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int2, .int4, .int8: self = .integer(try cell.decode(Int64.self))
        case .bool: self = .bool(try cell.decode(Bool.self))
        case .text, .varchar, .bpchar, .name: self = .text(try cell.decode(String.self))
        default: self = .text("<\(cell.dataType)>")
        }
    }
}
