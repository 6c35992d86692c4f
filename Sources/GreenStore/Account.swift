import Crypto
import Foundation
import GreenDisclosure
import GreenTaxonomy

/// What an account may do: file for one lender, read one district, read the city, or administer.
public enum AccountRole: String, Hashable, Sendable, Codable, CaseIterable {
    case lender, district, city, admin
}

/// An account of the filing service: a role and its scope (a lender's USCC, a district code). Its bearer
/// token is never stored; only the token's SHA-256 is.
public struct Account: Hashable, Sendable, Codable {
    /// The account's id, as named in receipts and the audit log.
    public let id: String
    public let role: AccountRole
    /// The lender's unified social credit code, for a `lender` account.
    public let uscc: String?
    /// The district code (440303–440311), for a `district` account.
    public let district: String?
    public let name: String
    /// When the account was added (RFC 3339, UTC).
    public let createdAt: String
    /// When the account was revoked, if it was.
    public let revokedAt: String?

    public init(
        id: String, role: AccountRole, uscc: String?, district: String?, name: String, createdAt: String,
        revokedAt: String?
    ) {
        self.id = id
        self.role = role
        self.uscc = uscc
        self.district = district
        self.name = name
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, role, uscc, district, name
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
    }

    /// The scope as one phrase: the USCC, the district code, or `all`.
    public var scope: String { uscc ?? district ?? "all" }
}

/// The request to add an account, checked before anything is stored.
public struct NewAccount: Hashable, Sendable {
    public let role: AccountRole
    public let uscc: String?
    public let district: String?
    public let name: String

    /// Checks that the scope fits the role: a lender names a valid USCC, a district a Shenzhen district code
    /// (440303–440311), city and admin neither; the name is 1–200 characters without control characters.
    /// Throws ``AccountError`` otherwise.
    public init(role: AccountRole, uscc: String?, district: String?, name: String) throws(AccountError) {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200,
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw AccountError("an account's --name is 1 to 200 characters without control characters") }
        switch role {
        case .lender:
            guard let uscc else { throw AccountError("a lender account needs --uscc, the lender's USCC") }
            if let problem = USCC.problem(uscc) { throw AccountError("--uscc \(uscc): \(problem)") }
            guard district == nil else { throw AccountError("a lender account takes --uscc, not --district") }
        case .district:
            guard let district else { throw AccountError("a district account needs --district, e.g. 440307") }
            guard Self.districtCodes.contains(district) else {
                throw AccountError(
                    "--district \(district) is not a Shenzhen district code: "
                        + Self.districtCodes.joined(separator: ", "))
            }
            guard uscc == nil else { throw AccountError("a district account takes --district, not --uscc") }
        case .city, .admin:
            guard uscc == nil, district == nil else {
                throw AccountError(
                    "a \(role.rawValue) account covers the whole city: no --uscc or --district")
            }
        }
        self.role = role
        self.uscc = uscc
        self.district = district
        self.name = name
    }

    /// The district codes an account may be bound to (from the reference data).
    public static var districtCodes: [String] { Taxonomy.standard.districts.map(\.code).sorted() }
}

/// An account that cannot be added or revoked; `description` is the sentence shown.
public struct AccountError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// A bearer token: `glt_` and 32 random bytes in base64url, shown once; the store keeps its SHA-256.
public enum AccessToken {
    /// The prefix every token carries.
    public static let prefix = "glt_"

    /// A new token from the system's cryptographic random source (32 bytes).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64
    }

    /// The SHA-256 of a token, in lower-case hex: what the store keeps and looks up.
    public static func hash(_ token: String) -> String {
        Hex.string(SHA256.hash(data: Data(token.utf8)))
    }

    /// Whether two digests are equal, comparing every byte whatever the first difference (no early exit).
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
