/// ACCEPT or REJECT.
public enum Verdict: String, Hashable, Sendable, Codable {
    case accept = "ACCEPT"
    case reject = "REJECT"
}

/// Everything one pass over a filing found: its header and declared figures, loan totals, and the findings.
public struct ValidationReport: Sendable, Encodable {
    public let file: String
    public var bytesRead: Int = 0
    /// Whether the pass read the document to its end. A pass that stopped early for any reason (a
    /// malformed or undecodable byte, a refused encoding, a size limit, a parser halt) never gives ACCEPT.
    public var completed = false
    /// SHA-256 of the bytes read, lower-case hex, when ``ReaderOptions/computeSHA256`` was set.
    public var sha256: String?
    public var header: FilingHeader?
    public var portfolio: Portfolio?
    public var operations: OperationsFigures?
    /// Number of `Loan` elements read.
    public var loanCount = 0
    /// Whether the filing has a `Loans` section.
    public var hasLoans = false
    /// Stored findings, in file order; at most ``ReaderOptions/storedFindingsPerRule`` per rule.
    public var diagnostics: [Diagnostic] = []
    /// Every finding counted, stored or not, by rule id.
    public var countsByRule: [String: Int] = [:]
    /// Violations of the format-v1 XSD the engine found, including those reported under a more specific
    /// rule (amounts, USCCs) and those past a finding that ended the pass: zero when the document, as far
    /// as it was read, is valid against the XSD.
    public var schemaViolations = 0

    public init(file: String) { self.file = file }

    public var errorCount: Int { count(.error) }
    public var warningCount: Int { count(.warning) }

    func count(_ severity: Severity) -> Int {
        countsByRule.reduce(0) { $0 + (Rules.rule($1.key)?.severity == severity ? $1.value : 0) }
    }

    /// REJECT when the pass did not complete, when any error was found, or any warning under `strict`.
    public func verdict(strict: Bool = false) -> Verdict {
        !completed || errorCount > 0 || (strict && warningCount > 0) ? .reject : .accept
    }

    enum CodingKeys: String, CodingKey {
        case file, sha256, header, portfolio, operations, diagnostics, completed
        case bytesRead = "bytes"
        case loanCount = "loans"
        case hasLoans = "has_loans"
        case countsByRule = "counts_by_rule"
    }
}

/// Collects findings during a pass: counts every one, stores up to a cap per rule.
struct DiagnosticSink {
    let file: String
    let storedPerRule: Int
    var stored: [Diagnostic] = []
    var counts: [String: Int] = [:]

    init(file: String, storedPerRule: Int) {
        self.file = file
        self.storedPerRule = storedPerRule
    }

    mutating func report(
        _ rule: Rule, at location: SourceLocation, _ message: @autoclosure () -> String, hint: String? = nil,
        loanID: String? = nil
    ) {
        let count = counts[rule.id, default: 0] + 1
        counts[rule.id] = count
        if count <= storedPerRule {
            stored.append(
                Diagnostic(
                    rule: rule, file: file, location: location, message: message(), hint: hint, loanID: loanID
                ))
        }
    }
}
