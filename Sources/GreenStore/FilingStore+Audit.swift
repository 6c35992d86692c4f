import Foundation
import GRDB

extension FilingStore {
    /// Appends `event` to the audit log inside the caller's transaction (so an event is written exactly when
    /// what it records is). The log has no update or delete path: triggers in the schema refuse both.
    func appendAudit(_ event: AuditEvent, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO audit (at, account, role, action, receipt, sha256, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                event.at, event.account, event.role, event.action.rawValue, event.receipt, event.sha256,
                event.detail,
            ])
    }

    /// Records `event` in a transaction of its own (a refused upload: nothing else is written).
    public func audit(_ event: AuditEvent) throws {
        try writeRetryingOnce("an audit event") { db in try appendAudit(event, db) }
    }

    /// The audit log, oldest first; with `since`, only events at or after that moment.
    public func auditEvents(since: Date? = nil) throws -> [AuditEvent] {
        try read("the audit log") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq").compactMap { row -> AuditEvent? in
                let seq: Int64 = try column(row, "seq", of: nil, table: "audit")
                let at: String = try column(row, "at", of: seq, table: "audit")
                let actionText: String = try column(row, "action", of: seq, table: "audit")
                guard let action = AuditEvent.Action(rawValue: actionText), let moment = Timestamp.parse(at)
                else {
                    throw StoreError.badRow(
                        path: path, table: "audit", id: seq, "its time or action is not one this build writes"
                    )
                }
                if let since, moment < since { return nil }
                return AuditEvent(
                    at: at, account: try column(row, "account", of: seq, table: "audit"),
                    role: try column(row, "role", of: seq, table: "audit"), action: action,
                    receipt: row["receipt"], sha256: row["sha256"],
                    detail: try column(row, "detail", of: seq, table: "audit"))
            }
        }
    }
}
