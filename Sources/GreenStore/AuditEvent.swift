/// One entry of the append-only audit log (`greenledger-audit/1`): who did what, when, to which receipt.
public struct AuditEvent: Hashable, Sendable, Codable {
    /// What happened.
    public enum Action: String, Hashable, Sendable, Codable, CaseIterable {
        /// A filing was stored.
        case file
        /// A filing was rejected by validation.
        case reject
        /// A filing named another lender than the filing account's.
        case forbid
        /// A filing's lender, period and revision were stored before with other content.
        case conflict
        /// The same bytes were filed again.
        case duplicate
        case accountAdd = "account-add"
        case accountRevoke = "account-revoke"
    }

    /// When (RFC 3339, UTC).
    public let at: String
    /// The account that acted (`cli` for the command line).
    public let account: String
    /// Its role (`operator` for the command line).
    public let role: String
    public let action: Action
    public let receipt: String?
    public let sha256: String?
    public let detail: String

    public init(
        at: String, account: String, role: String, action: Action, receipt: String?, sha256: String?,
        detail: String
    ) {
        self.at = at
        self.account = account
        self.role = role
        self.action = action
        self.receipt = receipt
        self.sha256 = sha256
        self.detail = detail
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(at, forKey: .at)
        try container.encode(account, forKey: .account)
        try container.encode(role, forKey: .role)
        try container.encode(action, forKey: .action)
        try container.encode(receipt, forKey: .receipt)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(detail, forKey: .detail)
    }
}

/// Who is filing or acting: an account of the service, or the operator at the command line.
public struct Actor: Hashable, Sendable {
    /// The account id, or `cli`.
    public let id: String
    /// The role's name, or `operator`.
    public let role: String
    /// The lender this actor may file for; nil for the operator, who may ingest any lender's filing.
    public let uscc: String?

    public init(id: String, role: String, uscc: String?) {
        self.id = id
        self.role = role
        self.uscc = uscc
    }

    /// The operator at the command line (`greenledger ingest`, `greenledger accounts`).
    public static let commandLine = Actor(id: "cli", role: "operator", uscc: nil)

    /// The actor an account acts as.
    public init(_ account: Account) {
        self.init(
            id: account.id, role: account.role.rawValue, uscc: account.role == .lender ? account.uscc : nil)
    }
}
