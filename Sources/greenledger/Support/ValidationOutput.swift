import Foundation
import GreenDisclosure
import GreenReports

/// Renders validation reports as text, JSON or a CSV ledger.
enum ValidationOutput {
    static func printRules(format: Validate.Format) {
        switch format {
        case .json:
            try? Output.json(["rules": Rules.all])
        case .csv:
            print(CSV.row(["id", "severity", "title_zh", "title_en", "source"]), terminator: "")
            for rule in Rules.all {
                print(
                    CSV.row([rule.id, rule.severity.rawValue, rule.titleZh, rule.titleEn, rule.source]),
                    terminator: "")
            }
        case .text:
            for rule in Rules.all {
                print(
                    "\(rule.id.padding(toLength: 12)) \(rule.severity.rawValue.padding(toLength: 8)) \(rule.titleZh) / \(rule.titleEn)"
                )
                print("    source: \(rule.source)")
            }
        }
    }

    /// Compiler-style lines; file names and filing text are escaped for the terminal, so no line can look
    /// like another file's verdict.
    static func printText(_ reports: [ValidationReport], strict: Bool, maxPerRule: Int) {
        for report in reports {
            var shown: [String: Int] = [:]
            for diagnostic in report.diagnostics {
                let count = shown[diagnostic.ruleID, default: 0] + 1
                shown[diagnostic.ruleID] = count
                if count <= maxPerRule { print(TerminalText.escape(diagnostic.description)) }
            }
            let verdict = report.verdict(strict: strict)
            var facts = [
                "\(report.errorCount) \(plural(report.errorCount, "error"))",
                "\(report.warningCount) \(plural(report.warningCount, "warning"))",
            ]
            if report.hasLoans { facts.append("\(report.loanCount) \(plural(report.loanCount, "loan"))") }
            if let header = report.header, let period = header.period {
                facts.append("\(period) revision \(header.revision)")
                if let name = header.lenderNameZh { facts.append(name) }
            }
            print(
                TerminalText.escape("\(report.file): \(verdict.rawValue) (\(facts.joined(separator: "; ")))"))
            for (id, count) in report.countsByRule.sorted(by: { $0.key < $1.key }) {
                guard let rule = Rules.rule(id) else { continue }
                let hidden = count - min(count, maxPerRule)
                print(
                    "  \(id) \(rule.severity.rawValue): \(rule.titleZh) / \(rule.titleEn) — \(count)"
                        + (hidden > 0 ? " (\(hidden) not shown)" : "") + " [\(rule.source)]")
            }
        }
        if reports.count > 1 {
            let rejected = reports.filter { $0.verdict(strict: strict) == .reject }.count
            print("\(reports.count) filings: \(reports.count - rejected) accepted, \(rejected) rejected")
        }
    }

    static func plural(_ count: Int, _ word: String) -> String { count == 1 ? word : word + "s" }

    struct RunDocument: Encodable {
        let tool: String
        let version: String
        let schema: String
        let strict: Bool
        let files: [ValidationDocument]
        let unreadable: [String]
        let rules: [Rule]
    }

    static func printJSON(_ reports: [ValidationReport], unreadable: [FilingReadError], strict: Bool) throws {
        let files = reports.map { ValidationDocument($0, strict: strict) }
        let used = Set(reports.flatMap { $0.countsByRule.keys })
        try Output.json(
            RunDocument(
                tool: "greenledger", version: GreenLedger.version, schema: "greenledger-validate/1",
                strict: strict,
                files: files, unreadable: unreadable.map(\.description),
                rules: Rules.all.filter { used.contains($0.id) }))
    }

    /// One row per finding, keyed by loan id; UTF-8 with a byte-order mark so Excel shows Chinese; formula-like
    /// text neutralised by ``CSV/row(_:)``.
    static func printCSV(_ reports: [ValidationReport], strict: Bool) {
        var out =
            "\u{FEFF}"
            + CSV.row([
                "file", "loan_id", "verdict", "rule", "severity", "line", "column", "message", "hint",
                "title_zh", "title_en",
            ])
        for report in reports {
            let verdict = report.verdict(strict: strict).rawValue
            for diagnostic in report.diagnostics {
                let rule = Rules.rule(diagnostic.ruleID)
                out += CSV.row([
                    report.file, diagnostic.loanID ?? "", verdict, diagnostic.ruleID,
                    diagnostic.severity.rawValue,
                    String(diagnostic.line), String(diagnostic.column), diagnostic.message,
                    diagnostic.hint ?? "",
                    rule?.titleZh ?? "", rule?.titleEn ?? "",
                ])
            }
        }
        print(out, terminator: "")
    }
}
