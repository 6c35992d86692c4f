import Foundation

extension FilingStore {
    /// Adds an account and returns it with its bearer token, which is shown once: the store keeps only the
    /// token's SHA-256. Audited as `account-add` by `actor`.
    public func addAccount(_ new: NewAccount, by actor: Actor = .commandLine, at now: Date = Date())
        async throws
        -> (account: Account, token: String)
    {
        let token = AccessToken.generate()
        let createdAt = Timestamp.text(now)
        let account = try await writeRetryingOnce("account") { db -> Account in
            guard
                let inserted = try await db.row(
                    """
                    INSERT INTO account (role, uscc, district, name, token_sha256, created_at)
                    VALUES (\(new.role.rawValue), \(new.uscc), \(new.district), \(new.name),
                            \(AccessToken.hash(token)), \(createdAt))
                    RETURNING id
                    """)
            else { throw StoreError("\(self.path): adding the account returned no id") }
            let account = Account(
                id: String(try inserted.from(self.path, table: "account", key: nil).integer("id")),
                role: new.role,
                uscc: new.uscc, district: new.district, name: new.name, createdAt: createdAt, revokedAt: nil)
            try await self.appendAudit(
                AuditEvent(
                    at: createdAt, account: actor.id, role: actor.role, action: .accountAdd, receipt: nil,
                    sha256: nil,
                    detail: "account \(account.id): \(new.role.rawValue) \(account.scope) \(new.name)"), db)
            return account
        }
        return (account, token)
    }

    /// Every account, oldest first (never a token: only its hash is stored, and that is not returned).
    public func accounts() async throws -> [Account] {
        try await read("the accounts") { db in
            try await db.rows("SELECT * FROM account ORDER BY id").map(self.account)
        }
    }

    /// Revokes an account: its token stops working at once. Audited as `account-revoke`. Throws
    /// ``AccountError`` for an unknown or already revoked account.
    public func revokeAccount(_ id: String, by actor: Actor = .commandLine, at now: Date = Date())
        async throws
        -> Account
    {
        guard let number = Int64(id) else { throw AccountError("no account \(id): account ids are numbers") }
        let revokedAt = Timestamp.text(now)
        return try await writeRetryingOnce("account \(id)") { db -> Account in
            guard let row = try await db.row("SELECT * FROM account WHERE id = \(number)") else {
                throw AccountError("no account \(id); 'greenledger accounts list' shows them")
            }
            let account = try self.account(row)
            if let revoked = account.revokedAt {
                throw AccountError("account \(id) was already revoked at \(revoked)")
            }
            // Only one of two revocations at once changes the row (and is audited).
            guard
                try await db.row(
                    """
                    UPDATE account SET revoked_at = \(revokedAt) WHERE id = \(number) AND revoked_at IS NULL
                    RETURNING id
                    """) != nil
            else { throw AccountError("account \(id) was revoked at the same moment by someone else") }
            try await self.appendAudit(
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
    public func account(forToken token: String) async throws -> Account? {
        guard token.hasPrefix(AccessToken.prefix), token.utf8.count <= 256 else { return nil }
        let digest = AccessToken.hash(token)
        return try await read("the accounts") { db in
            guard
                let row = try await db.row(
                    "SELECT * FROM account WHERE token_sha256 = \(digest) AND revoked_at IS NULL"),
                let stored = try? row.text("token_sha256"),
                AccessToken.constantTimeEqual(stored, digest)
            else { return nil }
            return try self.account(row)
        }
    }

    func account(_ found: StoreRow) throws -> Account {
        let row = found.from(path, table: "account")
        let roleText = try row.text("role")
        guard let role = AccountRole(rawValue: roleText) else {
            throw row.damaged("its role '\(roleText)' is not one")
        }
        return Account(
            id: String(try row.integer("id")), role: role, uscc: try row.optionalText("uscc"),
            district: try row.optionalText("district"), name: try row.text("name"),
            createdAt: try row.text("created_at"), revokedAt: try row.optionalText("revoked_at"))
    }

    /// Whether the account exists and is not revoked (checked again before an upload that took a while is
    /// stored).
    public func isActive(account id: String) async throws -> Bool {
        guard let number = Int64(id) else { return false }
        return try await read("the accounts") { db in
            try await db.row("SELECT id FROM account WHERE id = \(number) AND revoked_at IS NULL") != nil
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
