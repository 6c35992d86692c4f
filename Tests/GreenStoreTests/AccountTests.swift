import Foundation
import GRDB
import Testing

@testable import GreenStore

@Suite struct AccountTests {
    @Test func aTokenIsShownOnceAndOnlyItsHashIsStored() async throws {
        let store = try FilingStoreTests.temporaryStore()
        let (account, token) = try await store.addAccount(
            try NewAccount(role: .lender, uscc: "91440300708461136T", district: nil, name: "示例银行深圳分行"))
        #expect(token.hasPrefix("glt_"))
        // 32 random bytes in base64url without padding: 43 characters.
        #expect(token.count == 4 + 43)
        #expect(try await store.account(forToken: token) == account)
        let stored = try await store.sqliteQueue.read { db in
            try String.fetchAll(db, sql: "SELECT token_sha256 FROM account")
        }
        #expect(stored == [AccessToken.hash(token)])
        #expect(stored[0].count == 64 && !stored[0].contains(token))
        // Every text column of the database: the token is nowhere.
        let dump = try await store.sqliteQueue.read { db in
            try String.fetchAll(
                db, sql: "SELECT name || created_at || role || COALESCE(uscc, '') FROM account")
                + String.fetchAll(db, sql: "SELECT detail FROM audit")
        }
        #expect(!dump.contains { $0.contains(token) })
    }

    @Test func wrongAndRevokedTokensFindNoAccount() async throws {
        let store = try FilingStoreTests.temporaryStore()
        let (account, token) = try await store.addAccount(
            try NewAccount(role: .city, uscc: nil, district: nil, name: "市局"))
        #expect(try await store.account(forToken: token + "x") == nil)
        #expect(try await store.account(forToken: String(token.dropFirst(4))) == nil)
        #expect(try await store.account(forToken: "glt_" + String(repeating: "A", count: 10_000)) == nil)
        let revoked = try await store.revokeAccount(account.id)
        #expect(revoked.revokedAt != nil)
        #expect(try await store.account(forToken: token) == nil)
        await #expect(throws: AccountError.self) { try await store.revokeAccount(account.id) }
        await #expect(throws: AccountError.self) { try await store.revokeAccount("99") }
        #expect(try await store.auditEvents().map(\.action) == [.accountAdd, .accountRevoke])
    }

    @Test func scopesMustFitRoles() async {
        #expect(throws: AccountError.self) {
            try NewAccount(role: .lender, uscc: nil, district: nil, name: "x")
        }
        #expect(throws: AccountError.self) {
            try NewAccount(
                role: .lender, uscc: "91440300708461136X", district: nil, name: "bad check character")
        }
        #expect(throws: AccountError.self) {
            try NewAccount(role: .district, uscc: nil, district: "110101", name: "x")
        }
        #expect(throws: AccountError.self) {
            try NewAccount(role: .city, uscc: nil, district: "440307", name: "x")
        }
        #expect(throws: AccountError.self) {
            try NewAccount(role: .admin, uscc: nil, district: nil, name: " ")
        }
        #expect(throws: AccountError.self) {
            try NewAccount(role: .admin, uscc: nil, district: nil, name: "a\u{1B}[2J")
        }
        #expect((try? NewAccount(role: .district, uscc: nil, district: "440307", name: "龙岗区金融工作局")) != nil)
    }

    @Test func tokensAreDistinctAndComparedWithoutEarlyExit() async {
        let tokens = Set((0..<200).map { _ in AccessToken.generate() })
        #expect(tokens.count == 200)
        #expect(AccessToken.constantTimeEqual("abc", "abc"))
        #expect(!AccessToken.constantTimeEqual("abc", "abd"))
        #expect(!AccessToken.constantTimeEqual("abc", "abcd"))
    }

    @Test func theAuditLogRefusesUpdatesAndDeletes() async throws {
        let store = try FilingStoreTests.temporaryStore()
        _ = try await store.addAccount(try NewAccount(role: .admin, uscc: nil, district: nil, name: "运维"))
        await #expect(throws: (any Error).self) {
            try await store.sqliteQueue.write { db in
                try db.execute(sql: "UPDATE audit SET detail = 'edited'")
            }
        }
        await #expect(throws: (any Error).self) {
            try await store.sqliteQueue.write { db in try db.execute(sql: "DELETE FROM audit") }
        }
        #expect(try await store.auditEvents().count == 1)
        #expect(try await store.auditEvents(since: Date().addingTimeInterval(3600)).isEmpty)
        #expect(try await store.auditEvents(since: Date().addingTimeInterval(-3600)).count == 1)
    }
}

extension FilingStore {
    /// The SQLite history's queue, for tests that tamper with the file as another program would.
    var sqliteQueue: DatabaseQueue {
        get throws {
            guard let database = database as? SQLiteDatabase else { throw StoreError("not a SQLite history") }
            return database.queue
        }
    }
}
