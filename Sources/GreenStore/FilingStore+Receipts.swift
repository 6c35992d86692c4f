import Foundation
import GreenDisclosure

extension FilingStore {
    /// The receipt with this id (with its findings), or nil.
    public func receipt(_ id: String) async throws -> Receipt? {
        guard id.utf8.count <= 64 else { return nil }
        return try await read("the receipts") { db in
            try await db.row("SELECT *, \(raw: Self.supersededBy) FROM receipt WHERE id = \(id)").map {
                try self.receipt($0, findings: true)
            }
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
    public func receipts(period: String? = nil, lenderUSCC: String? = nil, account: String? = nil)
        async throws
        -> [Receipt]
    {
        var conditions: [SQL] = []
        if let period { conditions.append("period = \(period)") }
        if let lenderUSCC {
            if let account {
                conditions.append("(lender_uscc = \(lenderUSCC) OR account = \(account))")
            } else {
                conditions.append("lender_uscc = \(lenderUSCC)")
            }
        }
        var query: SQL = "SELECT *, \(raw: Self.supersededBy) FROM receipt"
        for (index, condition) in conditions.enumerated() {
            query = query + (index == 0 ? " WHERE " : " AND ") + condition
        }
        query = query + " ORDER BY received_at, \(raw: database.insertionOrder)"
        let rows = try await read("the receipts") { [query] db in try await db.rows(query) }
        return try rows.map { try receipt($0, findings: false) }
    }

    /// Whether the filed bytes of a receipt are in the archive.
    public func isArchived(_ id: String) async throws -> Bool {
        try await read("the receipts") { db in
            try await db.row("SELECT archived FROM receipt WHERE id = \(id)")?.from(
                self.path, table: "receipt"
            ).bool("archived") ?? false
        }
    }

    func insertReceipt(_ receipt: Receipt, filingID: Int64?, archived: Bool, _ db: any StoreConnection)
        async throws
    {
        let findings = String(decoding: try JSONEncoder.sorted.encode(receipt.findings ?? []), as: UTF8.self)
        try await db.execute(
            """
            INSERT INTO receipt (id, filing_id, status, verdict, lender_uscc, lender_name, period, revision,
                sha256, bytes, loans, errors, warnings, received_at, account, supersedes, findings, archived)
            VALUES (\(receipt.receipt), \(filingID), \(receipt.status.rawValue), \(receipt.verdict.rawValue),
                \(receipt.lender.uscc), \(receipt.lender.name), \(receipt.period), \(receipt.revision),
                \(receipt.sha256), \(receipt.bytes), \(receipt.loans), \(receipt.errors), \(receipt.warnings),
                \(receipt.receivedAt), \(receipt.account), \(receipt.supersedes), \(findings), \(archived))
            """)
    }

    /// The receipt of a stored filing, or nil (stored by `ingest` before receipts existed).
    func receipt(ofFiling id: Int64, _ db: any StoreConnection) async throws -> Receipt? {
        try await db.row("SELECT *, \(raw: Self.supersededBy) FROM receipt WHERE filing_id = \(id)").map {
            try receipt($0, findings: true)
        }
    }

    /// The receipt of the stored revision `revision` of a lender and period, or nil.
    func receiptID(lender: String, period: String, revision: Int, _ db: any StoreConnection) async throws
        -> String?
    {
        try await db.row(
            """
            SELECT receipt.id FROM receipt JOIN filing ON filing.id = receipt.filing_id
            WHERE filing.lender_uscc = \(lender) AND filing.period = \(period) AND filing.revision = \(revision)
            """
        )?.from(path, table: "receipt").text("id")
    }

    func receipt(_ found: StoreRow, findings: Bool) throws -> Receipt {
        let row = found.from(path, table: "receipt")
        let statusText = try row.text("status")
        let verdictText = try row.text("verdict")
        guard let status = Receipt.Status(rawValue: statusText), let verdict = Verdict(rawValue: verdictText)
        else { throw row.damaged("its status or verdict is not one") }
        var decoded: [Receipt.Finding]?
        if findings {
            let text = try row.text("findings")
            do {
                decoded = try JSONDecoder().decode([Receipt.Finding].self, from: Data(text.utf8))
            } catch {
                throw row.damaged("its findings are not the JSON this build stores")
            }
        }
        return Receipt(
            receipt: try row.text("id"), status: status, verdict: verdict,
            lender: .init(uscc: try row.text("lender_uscc"), name: try row.optionalText("lender_name")),
            period: try row.optionalText("period"), revision: try row.int("revision"),
            sha256: try row.text("sha256"), bytes: try row.int("bytes"), loans: try row.int("loans"),
            errors: try row.int("errors"), warnings: try row.int("warnings"),
            receivedAt: try row.text("received_at"), account: try row.text("account"),
            supersedes: try row.optionalText("supersedes"),
            supersededBy: try row.optionalText("superseded_by"), findings: decoded)
    }
}
