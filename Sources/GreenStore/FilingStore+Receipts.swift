import Foundation
import GRDB
import GreenDisclosure

extension FilingStore {
    /// The receipt with this id (with its findings), or nil.
    public func receipt(_ id: String) throws -> Receipt? {
        guard id.utf8.count <= 64 else { return nil }
        return try read("the receipts") { db in
            try Row.fetchOne(
                db, sql: "SELECT *, \(Self.supersededBy) FROM receipt WHERE id = ?", arguments: [id]
            ).map { try receipt($0, findings: true) }
        }
    }

    /// The `superseded_by` column of a receipt row: the highest stored revision above it, if it was stored.
    static let supersededBy = """
        (SELECT higher.id FROM receipt AS higher
         WHERE receipt.filing_id IS NOT NULL AND higher.filing_id IS NOT NULL
           AND higher.lender_uscc = receipt.lender_uscc AND higher.period = receipt.period
           AND higher.revision > receipt.revision
         ORDER BY higher.revision DESC LIMIT 1) AS superseded_by
        """

    /// Every receipt (without findings), optionally of one period (matched exactly: `2026` is the annual
    /// filings, as in roll-ups) and of one lender — its USCC, or filed by its account (a rejected filing may
    /// name no lender) — in the order received.
    public func receipts(period: String? = nil, lenderUSCC: String? = nil, account: String? = nil) throws
        -> [Receipt]
    {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let period {
            conditions.append("period = ?")
            arguments.append(period)
        }
        if let lenderUSCC {
            conditions.append(account == nil ? "lender_uscc = ?" : "(lender_uscc = ? OR account = ?)")
            arguments.append(lenderUSCC)
            if let account { arguments.append(account) }
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try read("the receipts") { db in
            try Row.fetchAll(
                db, sql: "SELECT *, \(Self.supersededBy) FROM receipt\(filter) ORDER BY received_at, rowid",
                arguments: StatementArguments(arguments)
            ).map { try receipt($0, findings: false) }
        }
    }

    /// Whether the filed bytes of a receipt are in the archive.
    public func isArchived(_ id: String) throws -> Bool {
        try read("the receipts") { db in
            try Bool.fetchOne(db, sql: "SELECT archived FROM receipt WHERE id = ?", arguments: [id]) ?? false
        }
    }

    func insertReceipt(_ receipt: Receipt, filingID: Int64?, archived: Bool, _ db: Database) throws {
        let findings = String(
            decoding: try JSONEncoder.sorted.encode(receipt.findings ?? []), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO receipt (id, filing_id, status, verdict, lender_uscc, lender_name, period, revision,
                    sha256, bytes, loans, errors, warnings, received_at, account, supersedes, findings, archived)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                receipt.receipt, filingID, receipt.status.rawValue, receipt.verdict.rawValue,
                receipt.lender.uscc,
                receipt.lender.name, receipt.period, receipt.revision, receipt.sha256, receipt.bytes,
                receipt.loans, receipt.errors, receipt.warnings, receipt.receivedAt, receipt.account,
                receipt.supersedes, findings, archived,
            ])
    }

    /// The receipt of a stored filing, or nil (stored by `ingest` before receipts existed).
    func receipt(ofFiling id: Int64, _ db: Database) throws -> Receipt? {
        try Row.fetchOne(
            db, sql: "SELECT *, \(Self.supersededBy) FROM receipt WHERE filing_id = ?", arguments: [id]
        ).map {
            try receipt($0, findings: true)
        }
    }

    /// The receipt of the stored revision `revision` of a lender and period, or nil.
    func receiptID(lender: String, period: String, revision: Int, _ db: Database) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT receipt.id FROM receipt JOIN filing ON filing.id = receipt.filing_id
                WHERE filing.lender_uscc = ? AND filing.period = ? AND filing.revision = ?
                """, arguments: [lender, period, revision])
    }

    func receipt(_ row: Row, findings: Bool) throws -> Receipt {
        let id: String = try row.decode(String.self, forColumn: "id")
        func value<Value: DatabaseValueConvertible>(_ name: String) throws -> Value {
            do {
                return try row.decode(Value.self, forColumn: name)
            } catch {
                throw StoreError(
                    "\(path): receipt \(id) is damaged: its \(name) is missing or not \(Value.self)")
            }
        }
        let statusText: String = try value("status")
        let verdictText: String = try value("verdict")
        guard let status = Receipt.Status(rawValue: statusText), let verdict = Verdict(rawValue: verdictText)
        else { throw StoreError("\(path): receipt \(id) is damaged: its status or verdict is not one") }
        var decoded: [Receipt.Finding]?
        if findings {
            let text: String = try value("findings")
            do {
                decoded = try JSONDecoder().decode([Receipt.Finding].self, from: Data(text.utf8))
            } catch {
                throw StoreError(
                    "\(path): receipt \(id) is damaged: its findings are not the JSON this build stores")
            }
        }
        return Receipt(
            receipt: id, status: status, verdict: verdict,
            lender: .init(uscc: try value("lender_uscc"), name: row["lender_name"]), period: row["period"],
            revision: try value("revision"), sha256: try value("sha256"), bytes: try value("bytes"),
            loans: try value("loans"), errors: try value("errors"), warnings: try value("warnings"),
            receivedAt: try value("received_at"), account: try value("account"),
            supersedes: row["supersedes"],
            supersededBy: row.hasColumn("superseded_by") ? (row["superseded_by"] as String?) : nil,
            findings: decoded)
    }
}
