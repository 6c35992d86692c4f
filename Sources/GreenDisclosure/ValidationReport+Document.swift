/// One filing's entry of `greenledger-validate/1`: what `greenledger validate --format json` prints per file
/// and `POST /v1/validate` answers.
public struct ValidationDocument: Encodable, Sendable {
    public let file: String
    public let verdict: Verdict
    public let errors: Int
    public let warnings: Int
    public let loans: Int
    public let bytes: Int
    public let header: FilingHeader?
    public let countsByRule: [String: Int]
    public let findings: [Diagnostic]

    /// The entry of `report`; `strict` counts warnings as errors for the verdict.
    public init(_ report: ValidationReport, strict: Bool = false) {
        file = report.file
        verdict = report.verdict(strict: strict)
        errors = report.errorCount
        warnings = report.warningCount
        loans = report.loanCount
        bytes = report.bytesRead
        header = report.header
        countsByRule = report.countsByRule
        findings = report.diagnostics
    }

    enum CodingKeys: String, CodingKey {
        case file, verdict, errors, warnings, loans, bytes, header, findings
        case countsByRule = "counts_by_rule"
    }
}
