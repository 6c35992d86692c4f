/// How serious a finding is.
public enum Severity: String, Hashable, Sendable, Encodable, Comparable {
    /// Must be fixed before filing: the file is rejected.
    case error
    /// Must be explained; rejected only under `--strict`.
    case warning
    /// For information.
    case note

    var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A problem found in a filing, located by file, line and column, with the rule that found it.
///
/// Rendered compiler-style: `bank-a.xml:42:7: error[GL-LOAN-003]: message (hint)`.
public struct Diagnostic: Hashable, Sendable, Encodable, CustomStringConvertible {
    public let ruleID: String
    public let severity: Severity
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    /// How to fix it, or nil.
    public let hint: String?
    /// The loan the finding is about, when there is one.
    public let loanID: String?

    public init(
        rule: Rule, file: String, location: SourceLocation, message: String, hint: String? = nil,
        loanID: String? = nil
    ) {
        ruleID = rule.id
        severity = rule.severity
        self.file = file
        line = location.line
        column = location.column
        self.message = message
        self.hint = hint
        self.loanID = loanID
    }

    public var description: String {
        "\(file):\(line):\(column): \(severity.rawValue)[\(ruleID)]: \(message)"
            + (hint.map { " (\($0))" } ?? "")
    }

    enum CodingKeys: String, CodingKey {
        case severity, file, line, column, message, hint
        case ruleID = "rule"
        case loanID = "loan_id"
    }
}
