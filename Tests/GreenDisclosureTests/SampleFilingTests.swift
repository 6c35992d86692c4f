import Foundation
import GreenDisclosure
import Testing

/// The shipped Samples/: the quarter's filings get the verdicts the README states, and each broken file
/// produces its rule on the line marked `<!-- RULE -->`.
@Suite struct SampleFilingTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    static func files(_ folder: String) -> [String] {
        let path = samples.appendingPathComponent(folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter {
            $0.hasSuffix(".xml")
        }.sorted()
    }

    static func validate(_ folder: String, _ name: String) throws -> ValidationReport {
        try DisclosureReader.validate(.file(path: samples.appendingPathComponent("\(folder)/\(name)").path))
    }

    @Test func theQuarterHasEightFilingsFromSevenLenders() throws {
        let reports = try Self.files("2026-Q3").map { try Self.validate("2026-Q3", $0) }
        #expect(reports.count == 8)
        #expect(Set(reports.compactMap { $0.header?.lenderUSCC }).count == 7)
        #expect(Set(reports.compactMap { $0.header?.lenderKind }).count >= 6)
        #expect(reports.allSatisfy { $0.header?.period?.description == "2026-Q3" })
        #expect(reports.contains { $0.header?.revision == 2 })
    }

    @Test("every filing of the quarter is accepted", arguments: files("2026-Q3"))
    func quarterFiling(name: String) throws {
        let report = try Self.validate("2026-Q3", name)
        #expect(report.verdict() == .accept, "\(report.diagnostics.map(\.description))")
        let expectedWarnings = name == "example-rural-commercial-bank.xml" ? ["GL-GREEN-008"] : []
        #expect(report.diagnostics.map(\.ruleID) == expectedWarnings)
    }

    @Test(
        "every filing of the quarters before is accepted",
        arguments: files("2026-Q2").map { ("2026-Q2", $0) }
            + ["2025-Q3", "2025-Q4", "2026-Q1"].flatMap { period in
                files("history/\(period)").map { ("history/\(period)", $0) }
            })
    func earlierQuarterFiling(folder: String, name: String) throws {
        let report = try Self.validate(folder, name)
        #expect(report.verdict(strict: false) == .accept)
        // The rural bank's solar loan without benefits was on its books before 2026-Q3 too (GL-GREEN-008);
        // nothing else is found.
        let expected = name == "example-rural-commercial-bank.xml" ? ["GL-GREEN-008"] : []
        #expect(report.diagnostics.map(\.ruleID) == expected, "\(report.diagnostics.map(\.description))")
        #expect(report.header?.period?.description == (folder as NSString).lastPathComponent)
    }

    @Test func strictModeRejectsTheFilingWithAWarning() throws {
        let report = try Self.validate("2026-Q3", "example-rural-commercial-bank.xml")
        #expect(report.verdict(strict: true) == .reject)
    }

    @Test(
        "each broken file reports its rule on the marked line",
        arguments: files("invalid").filter { $0.hasPrefix("GL-") })
    func brokenFile(name: String) throws {
        let rule = name.split(separator: "-").prefix(3).joined(separator: "-")
        let text = try String(
            contentsOf: Self.samples.appendingPathComponent("invalid/\(name)"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let marked = try #require(lines.firstIndex { $0.contains("<!-- \(rule) -->") }) + 1
        let report = try Self.validate("invalid", name)
        let severity = try #require(Rules.rule(rule), "no rule \(rule) in the registry").severity
        // Errors reject; warnings reject under --strict; a note (GL-GREEN-009) never changes the verdict.
        #expect(report.verdict(strict: true) == (severity == .note ? .accept : .reject))
        if severity == .error { #expect(report.verdict() == .reject) }
        #expect(
            report.diagnostics.contains { $0.ruleID == rule && $0.line == marked },
            "\(rule) expected on line \(marked): \(report.diagnostics.map(\.description))")
    }

    @Test func theBaseOfTheBrokenFilesIsClean() throws {
        let report = try Self.validate("invalid", "valid-base.xml")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.loanCount == 5)
    }

    @Test func everyRuleHasABrokenSample() {
        let covered = Set(
            Self.files("invalid").map { $0.split(separator: "-").prefix(3).joined(separator: "-") })
        #expect(Set(Rules.all.map(\.id)).subtracting(covered).isEmpty)
    }
}
