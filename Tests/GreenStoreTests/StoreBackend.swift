import Foundation
import Testing

@testable import GreenStore

/// The two stores every test of ``StoreBackendTests`` runs against. PostgreSQL needs
/// `GREENLEDGER_TEST_POSTGRES=postgres://user:password@127.0.0.1:port/db` (a role that may create databases:
/// each test gets a database of its own, dropped afterwards); `scripts/with-postgres` starts a throw-away
/// cluster and sets it. Without the variable the PostgreSQL half is skipped with a note — except under CI
/// (`CI` set), where that is a failure: CI must run both halves.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["GREENLEDGER_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether this backend can run here; records a failure when CI lacks PostgreSQL.
    var isAvailable: Bool {
        guard self == .postgres, Self.postgresURL == nil else { return true }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record(
                "GREENLEDGER_TEST_POSTGRES is not set: CI must run the PostgreSQL half (scripts/with-postgres)"
            )
        } else {
            print(
                "note: GREENLEDGER_TEST_POSTGRES is not set; the PostgreSQL half of the store tests is skipped"
            )
        }
        return false
    }

    /// A new, empty location of this backend: a temporary SQLite path, or a new PostgreSQL database.
    func newLocation() async throws -> StoreLocation {
        switch self {
        case .sqlite:
            return try StoreLocation(
                FileManager.default.temporaryDirectory.appendingPathComponent(
                    "history-\(UUID().uuidString).sqlite"
                ).path)
        case .postgres:
            let base = try PostgresLocation(try #require(Self.postgresURL))
            let name = "gl_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let admin = PostgresDatabase.connect(base)
            do {
                try await admin.executeOutsideTransaction(SQL(stringLiteral: "CREATE DATABASE \(name)"))
            } catch {
                await admin.close()
                throw StoreError("cannot create a test database: \(admin.describe(error))")
            }
            await admin.close()
            return try StoreLocation(Self.url(base, database: name))
        }
    }

    /// The URL of `base` naming another database (with the password).
    static func url(_ base: PostgresLocation, database: String) -> String {
        let user = base.user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? base.user
        let password =
            base.password.flatMap {
                $0.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed)
            }.map { ":" + $0 } ?? ""
        return
            "postgres://\(user)\(password)@\(base.host ?? "127.0.0.1"):\(base.port)/\(database)?sslmode=disable"
    }

    /// Runs `body` with a new store of this backend, then closes it (and drops a PostgreSQL database).
    func withStore<T: Sendable>(_ body: (FilingStore, StoreLocation) async throws -> T) async throws -> T? {
        guard isAvailable else { return nil }
        let location = try await newLocation()
        do {
            let result = try await FilingStore.with(location) { try await body($0, location) }
            await Self.drop(location)
            return result
        } catch {
            await Self.drop(location)
            throw error
        }
    }

    /// Drops a test's PostgreSQL database (nothing for SQLite; temporary files stay in the temporary folder).
    static func drop(_ location: StoreLocation) async {
        guard let postgres = location.postgres, let url = postgresURL, let base = try? PostgresLocation(url)
        else {
            return
        }
        let admin = PostgresDatabase.connect(base)
        try? await admin.executeOutsideTransaction(
            SQL(stringLiteral: "DROP DATABASE IF EXISTS \(postgres.database) WITH (FORCE)"))
        await admin.close()
    }
}

/// `--db postgres://…` as the command line reads it.
@Suite struct PostgresLocationTests {
    @Test func aURLIsReadAndItsPasswordNeverShown() throws {
        let location = try PostgresLocation(
            "postgresql://gl%40city:p%2Fss%3Fw@[::1]:6543/history?sslmode=require")
        #expect(location.user == "gl@city" && location.password == "p/ss?w" && location.host == "::1")
        #expect(location.port == 6543 && location.database == "history" && location.tls == .require)
        #expect(location.label == "postgres://gl%40city@[::1]:6543/history?sslmode=require")
        let socket = try PostgresLocation("postgres://gl@/history?host=/run/pg")
        #expect(socket.host == nil && socket.socketDirectory == "/run/pg" && socket.port == 5432)
    }

    @Test(arguments: [
        "postgres://u:12/secret@h/db", "postgres://u:12?secret@h/db", "postgres://u:pw@h",
        "postgres://:pw@h/db", "postgres://u:pw@h/db?sslmode=yes", "postgres://u:pw@h/db?password=secret",
        "postgres://u:pw@h:99999/db",
    ])
    func aBadURLIsRefusedWithoutRepeatingASecret(url: String) throws {
        let error = #expect(throws: StoreLocationError.self) { try PostgresLocation(url) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix("--db: the PostgreSQL URL "))
        #expect(!message.contains("secret") && !message.contains("pw"))
    }
}
