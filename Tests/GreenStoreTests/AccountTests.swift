import Foundation
import GRDB
import Testing

@testable import GreenStore

@Suite struct AccountTests {
    @Test func aTokenIsShownOnceAndOnlyItsHashIsStored() throws {
        let store = try FilingStoreTests.temporaryStore()
        let (account, token) = try store.addAccount(
            try NewAccount(role: .lender, uscc: "91440300708461136T", district: nil, name: "示例银行深圳分行"))
        #expect(token.hasPrefix("glt_"))
        // 32 random bytes in base64url without padding: 43 characters.
        #expect(token.count == 4 + 43)
        #expect(try store.account(forToken: token) == account)
        let stored = try store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT token_sha256 FROM account")
        }
        #expect(stored == [AccessToken.hash(token)])
        #expect(stored[0].count == 64 && !stored[0].contains(token))
        // Every text column of the database: the token is nowhere.
        let dump = try store.queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT name || created_at || role || COALESCE(uscc, '') FROM account")
                + String.fetchAll(db, sql: "SELECT detail FROM audit")
        }
        #expect(!dump.contains { $0.contains(token) })
    }

    @Test func wrongAndRevokedTokensFindNoAccount() throws {
        let store = try FilingStoreTests.temporaryStore()
        let (account, token) = try store.addAccount(
            try NewAccount(role: .city, uscc: nil, district: nil, name: "市局"))
        #expect(try store.account(forToken: token + "x") == nil)
        #expect(try store.account(forToken: String(token.dropFirst(4))) == nil)
        #expect(try store.account(forToken: "glt_" + String(repeating: "A", count: 10_000)) == nil)
        let revoked = try store.revokeAccount(account.id)
        #expect(revoked.revokedAt != nil)
        #expect(try store.account(forToken: token) == nil)
        #expect(throws: AccountError.self) { try store.revokeAccount(account.id) }
        #expect(throws: AccountError.self) { try store.revokeAccount("99") }
        #expect(try store.auditEvents().map(\.action) == [.accountAdd, .accountRevoke])
    }

    @Test func scopesMustFitRoles() {
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

    @Test func tokensAreDistinctAndComparedWithoutEarlyExit() {
        let tokens = Set((0..<200).map { _ in AccessToken.generate() })
        #expect(tokens.count == 200)
        #expect(AccessToken.constantTimeEqual("abc", "abc"))
        #expect(!AccessToken.constantTimeEqual("abc", "abd"))
        #expect(!AccessToken.constantTimeEqual("abc", "abcd"))
    }

    @Test func theAuditLogRefusesUpdatesAndDeletes() throws {
        let store = try FilingStoreTests.temporaryStore()
        _ = try store.addAccount(try NewAccount(role: .admin, uscc: nil, district: nil, name: "运维"))
        #expect(throws: (any Error).self) {
            try store.queue.write { db in try db.execute(sql: "UPDATE audit SET detail = 'edited'") }
        }
        #expect(throws: (any Error).self) {
            try store.queue.write { db in try db.execute(sql: "DELETE FROM audit") }
        }
        #expect(try store.auditEvents().count == 1)
        #expect(try store.auditEvents(since: Date().addingTimeInterval(3600)).isEmpty)
        #expect(try store.auditEvents(since: Date().addingTimeInterval(-3600)).count == 1)
    }
}
