import Foundation
import GRDB

extension FilingStore {
    /// Adds an account and returns it with its bearer token, which is shown once: the store keeps only the
    /// token's SHA-256. Audited as `account-add` by `actor`.
    public func addAccount(_ new: NewAccount, by actor: Actor = .commandLine, at now: Date = Date()) throws
        -> (account: Account, token: String)
    {
        let token = AccessToken.generate()
        let createdAt = Timestamp.text(now)
        let account = try writeRetryingOnce("account") { db -> Account in
            try db.execute(
                sql: """
                    INSERT INTO account (role, uscc, district, name, token_sha256, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    new.role.rawValue, new.uscc, new.district, new.name, AccessToken.hash(token), createdAt,
                ])
            let account = Account(
                id: String(db.lastInsertedRowID), role: new.role, uscc: new.uscc, district: new.district,
                name: new.name, createdAt: createdAt, revokedAt: nil)
            try appendAudit(
                AuditEvent(
                    at: createdAt, account: actor.id, role: actor.role, action: .accountAdd, receipt: nil,
                    sha256: nil,
                    detail: "account \(account.id): \(new.role.rawValue) \(account.scope) \(new.name)"), db)
            return account
        }
        return (account, token)
    }

    /// Every account, oldest first (never a token: only its hash is stored, and that is not returned).
    public func accounts() throws -> [Account] {
        try read("the accounts") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY id").map(account)
        }
    }

    /// Revokes an account: its token stops working at once. Audited as `account-revoke`. Throws
    /// ``AccountError`` for an unknown or already revoked account.
    public func revokeAccount(_ id: String, by actor: Actor = .commandLine, at now: Date = Date()) throws
        -> Account
    {
        guard let number = Int64(id) else { throw AccountError("no account \(id): account ids are numbers") }
        let revokedAt = Timestamp.text(now)
        return try writeRetryingOnce("account \(id)") { db -> Account in
            guard
                let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [number])
            else { throw AccountError("no account \(id); 'greenledger accounts list' shows them") }
            let account = try account(row)
            if let revoked = account.revokedAt {
                throw AccountError("account \(id) was already revoked at \(revoked)")
            }
            try db.execute(
                sql: "UPDATE account SET revoked_at = ? WHERE id = ?", arguments: [revokedAt, number])
            try appendAudit(
                AuditEvent(
                    at: revokedAt, account: actor.id, role: actor.role, action: .accountRevoke, receipt: nil,
                    sha256: nil, detail: "account \(id): \(account.role.rawValue) \(account.scope) revoked"),
                db)
            return Account(
                id: account.id, role: account.role, uscc: account.uscc, district: account.district,
                name: account.name, createdAt: account.createdAt, revokedAt: revokedAt)
        }
    }

    /// The unrevoked account whose token this is, or nil. The token is hashed, looked up by its hash, and the
    /// stored hash compared with it in constant time.
    public func account(forToken token: String) throws -> Account? {
        guard token.hasPrefix(AccessToken.prefix), token.utf8.count <= 256 else { return nil }
        let digest = AccessToken.hash(token)
        return try read("the accounts") { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM account WHERE token_sha256 = ? AND revoked_at IS NULL",
                    arguments: [digest]),
                let stored: String = row["token_sha256"],
                AccessToken.constantTimeEqual(stored, digest)
            else { return nil }
            return try account(row)
        }
    }

    func account(_ row: Row) throws -> Account {
        let id: Int64 = try column(row, "id", of: nil, table: "account")
        let roleText: String = try column(row, "role", of: id, table: "account")
        guard let role = AccountRole(rawValue: roleText) else {
            throw StoreError.badRow(path: path, table: "account", id: id, "its role '\(roleText)' is not one")
        }
        return Account(
            id: String(id), role: role, uscc: row["uscc"], district: row["district"],
            name: try column(row, "name", of: id, table: "account"),
            createdAt: try column(row, "created_at", of: id, table: "account"), revokedAt: row["revoked_at"])
    }

    /// Reads in a snapshot; database errors become a ``StoreError`` naming `what`.
    func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): cannot read \(what): \(Self.describe(error))")
        }
    }
}

/// RFC 3339 timestamps in UTC, to the second, as every receipt, account and audit event writes them.
public enum Timestamp {
    public static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Parses an RFC 3339 timestamp (with or without fractional seconds, any offset).
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

extension FilingStore {
    /// Whether the account exists and is not revoked (checked again before an upload that took a while is
    /// stored).
    public func isActive(account id: String) throws -> Bool {
        guard let number = Int64(id) else { return false }
        return try read("the accounts") { db in
            try Bool.fetchOne(
                db, sql: "SELECT COUNT(*) > 0 FROM account WHERE id = ? AND revoked_at IS NULL",
                arguments: [number])
                ?? false
        }
    }
}
