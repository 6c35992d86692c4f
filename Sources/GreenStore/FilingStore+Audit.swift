import Foundation

extension FilingStore {
    /// Appends `event` to the audit log inside the caller's transaction (so an event is written exactly when
    /// what it records is). The log has no update or delete path: triggers in the schema refuse both.
    func appendAudit(_ event: AuditEvent, _ db: any StoreConnection) async throws {
        try await db.execute(
            """
            INSERT INTO audit (at, account, role, action, receipt, sha256, detail)
            VALUES (\(event.at), \(event.account), \(event.role), \(event.action.rawValue), \(event.receipt),
                    \(event.sha256), \(event.detail))
            """)
    }

    /// Records `event` in a transaction of its own (a refused upload: nothing else is written).
    public func audit(_ event: AuditEvent) async throws {
        try await writeRetryingOnce("an audit event") { db in try await self.appendAudit(event, db) }
    }

    /// The audit log, oldest first; with `since`, only events at or after that moment.
    public func auditEvents(since: Date? = nil) async throws -> [AuditEvent] {
        let rows = try await read("the audit log") { db in
            try await db.rows("SELECT * FROM audit ORDER BY seq")
        }
        return try rows.compactMap { found -> AuditEvent? in
            let row = found.from(path, table: "audit", key: "seq")
            let at = try row.text("at")
            let actionText = try row.text("action")
            guard let action = AuditEvent.Action(rawValue: actionText), let moment = Timestamp.parse(at)
            else {
                throw row.damaged("its time or action is not one this build writes")
            }
            if let since, moment < since { return nil }
            return AuditEvent(
                at: at, account: try row.text("account"), role: try row.text("role"), action: action,
                receipt: try row.optionalText("receipt"), sha256: try row.optionalText("sha256"),
                detail: try row.text("detail"))
        }
    }
}
