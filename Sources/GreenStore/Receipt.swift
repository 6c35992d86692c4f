import GreenDisclosure

/// What the filing service answers for a filing (`greenledger-receipt/1`): its status, verdict, lender,
/// period, revision, content hash, counts and findings. Kept in the store; a receipt id is never reused.
public struct Receipt: Hashable, Sendable, Codable {
    /// The schema named in every receipt.
    public static let schema = "greenledger-receipt/1"

    /// What became of the filing.
    public enum Status: String, Hashable, Sendable, Codable {
        /// Accepted and stored.
        case stored
        /// The same bytes were stored before: this is the original receipt.
        case duplicate
        /// Rejected by validation: nothing was stored but the receipt and the filed bytes.
        case rejected
    }

    /// The lender the filing names.
    public struct Lender: Hashable, Sendable, Codable {
        public let uscc: String
        public let name: String?

        public init(uscc: String, name: String?) {
            self.uscc = uscc
            self.name = name
        }
    }

    /// One finding, with the fields of `greenledger-validate/1`.
    public struct Finding: Hashable, Sendable, Codable {
        public let rule: String
        public let severity: String
        public let file: String
        public let line: Int
        public let column: Int
        public let message: String
        public let hint: String?
        public let loanID: String?

        public init(_ diagnostic: Diagnostic) {
            rule = diagnostic.ruleID
            severity = diagnostic.severity.rawValue
            file = diagnostic.file
            line = diagnostic.line
            column = diagnostic.column
            message = diagnostic.message
            hint = diagnostic.hint
            loanID = diagnostic.loanID
        }

        enum CodingKeys: String, CodingKey {
            case rule, severity, file, line, column, message, hint
            case loanID = "loan_id"
        }
    }

    public var schema = Receipt.schema
    /// `GLR-` and 24 random hex digits.
    public let receipt: String
    public var status: Status
    public let verdict: Verdict
    public let lender: Lender
    /// The reporting period, or nil when the filing names none (a rejected filing).
    public let period: String?
    public let revision: Int
    public let sha256: String
    public let bytes: Int
    public let loans: Int
    public let errors: Int
    public let warnings: Int
    /// When the filing was received (RFC 3339, UTC).
    public let receivedAt: String
    /// The account that filed it (`cli` for `greenledger ingest`).
    public let account: String
    /// The receipt of the lower revision this filing superseded when it was stored, if any.
    public var supersedes: String?
    /// The receipt of the highest stored revision above this one (same lender and period), which replaces it
    /// in roll-ups whichever was filed first; nil when this one counts or was not stored. Found when read.
    public var supersededBy: String?
    /// Every finding kept (at most the reader's stored findings per rule; `errors` and `warnings` count all).
    /// Nil in lists of filings.
    public var findings: [Finding]?

    public init(
        receipt: String, status: Status, verdict: Verdict, lender: Lender, period: String?, revision: Int,
        sha256: String, bytes: Int, loans: Int, errors: Int, warnings: Int, receivedAt: String,
        account: String, supersedes: String?, supersededBy: String? = nil, findings: [Finding]?
    ) {
        self.receipt = receipt
        self.status = status
        self.verdict = verdict
        self.lender = lender
        self.period = period
        self.revision = revision
        self.sha256 = sha256
        self.bytes = bytes
        self.loans = loans
        self.errors = errors
        self.warnings = warnings
        self.receivedAt = receivedAt
        self.account = account
        self.supersedes = supersedes
        self.supersededBy = supersededBy
        self.findings = findings
    }

    enum CodingKeys: String, CodingKey {
        case schema, receipt, status, verdict, lender, period, revision, sha256, bytes, loans, errors
        case warnings, account, supersedes, findings
        case receivedAt = "received_at"
        case supersededBy = "superseded_by"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(receipt, forKey: .receipt)
        try container.encode(status, forKey: .status)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(lender, forKey: .lender)
        try container.encode(period, forKey: .period)
        try container.encode(revision, forKey: .revision)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(loans, forKey: .loans)
        try container.encode(errors, forKey: .errors)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(receivedAt, forKey: .receivedAt)
        try container.encode(account, forKey: .account)
        try container.encode(supersedes, forKey: .supersedes)
        try container.encode(supersededBy, forKey: .supersededBy)
        try container.encodeIfPresent(findings, forKey: .findings)
    }

    /// A new receipt id: `GLR-` and 12 random bytes in hex (the system's cryptographic random source).
    public static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return "GLR-" + Hex.string((0..<12).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
