import Foundation
import GreenDisclosure
import Testing

/// Untrusted input: clear findings, never a crash, a hang, a leaked file or unbounded memory.
@Suite(.timeLimit(.minutes(1))) struct HostileInputTests {
    static let header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Disclosure xmlns="urn:greenledger:disclosure:1" version="1.0">
        """

    static func validate(_ text: String) throws -> ValidationReport {
        try validate(Array(text.utf8))
    }

    static func validate(_ bytes: [UInt8]) throws -> ValidationReport {
        try DisclosureReader.validate(.bytes(bytes, name: "hostile.xml"))
    }

    static func rules(_ report: ValidationReport) -> Set<String> { Set(report.diagnostics.map(\.ruleID)) }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let report = try Self.validate(
            """
            <?xml version="1.0"?>
            <!DOCTYPE Disclosure [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <Disclosure xmlns="urn:greenledger:disclosure:1" version="1.0">&x;</Disclosure>
            """)
        #expect(Self.rules(report) == ["GL-XML-002"])
        #expect(report.verdict() == .reject)
        #expect(!report.diagnostics.contains { $0.message.contains("root:") })
    }

    @Test func billionLaughsFailsFast() throws {
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            entities +=
                "<!ENTITY lol\(level) \""
                + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        let clock = ContinuousClock()
        let start = clock.now
        let report = try Self.validate(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(entities)]>\n<lolz>&lol9;</lolz>")
        #expect(clock.now - start < .seconds(5))
        #expect(Self.rules(report) == ["GL-XML-002"])
    }

    @Test func emptyAndBinaryInput() throws {
        let empty = try Self.validate([])
        #expect(
            empty.diagnostics.map(\.description) == [
                "hostile.xml:1:1: error[GL-XML-001]: the file is empty (export the filing again)"
            ])
        var generator = SystemRandomNumberGenerator()
        let binary = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let report = try Self.validate(binary)
        #expect(report.verdict() == .reject)
        #expect(Self.rules(report).isSubset(of: ["GL-XML-001"]))
    }

    @Test func truncatedAnywhereIsAnErrorNotACrash() throws {
        let url = SampleFilingTests.samples.appendingPathComponent("invalid/valid-base.xml")
        let bytes = Array(try Data(contentsOf: url))
        for cut in stride(from: 1, to: bytes.count - 20, by: 97) {
            let report = try Self.validate(Array(bytes.prefix(cut)))
            #expect(report.verdict() == .reject, "cut at \(cut)")
            #expect(
                report.diagnostics.contains { $0.ruleID == "GL-XML-001" || $0.ruleID == "GL-AMT-001" },
                "cut at \(cut)")
        }
    }

    @Test func deepNestingIsRefused() throws {
        let open = String(repeating: "<Header>", count: 10_000)
        let report = try Self.validate(Self.header + open)
        #expect(report.verdict() == .reject)
        #expect(Self.rules(report).contains("GL-XML-001"))
    }

    @Test(
        "hostile amounts get GL-AMT-001 with the reason",
        arguments: [
            ("1234.567", "amounts have at most 2 decimal places (fen)"),
            ("1e9", "amounts are written without an exponent"),
            ("12.34abc", "'a' is not allowed in an amount"),
            ("1,234.56", "amounts have no thousands separators"),
            (String(repeating: "9", count: 40), "the amount is too large"),
            ("-100.00", "amounts carry no sign"),
        ])
    func hostileAmount(amount: String, reason: String) throws {
        let url = SampleFilingTests.samples.appendingPathComponent("invalid/valid-base.xml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let balance = try #require(text.firstRange(of: "<Balance>"))
        let end = try #require(text[balance.upperBound...].firstRange(of: "</Balance>"))
        let broken = text.replacingCharacters(in: balance.upperBound..<end.lowerBound, with: amount)
        let report = try Self.validate(broken)
        let finding = try #require(report.diagnostics.first { $0.ruleID == "GL-AMT-001" })
        #expect(finding.message.hasSuffix(reason))
        #expect(Self.rules(report) == ["GL-AMT-001"])
    }

    @Test func notADisclosureStopsAtTheRoot() throws {
        let report = try Self.validate(
            "<?xml version=\"1.0\"?>\n<html><body>" + String(repeating: "<p/>", count: 1000)
                + "</body></html>")
        #expect(
            report.diagnostics.map(\.description) == [
                "hostile.xml:2:1: error[GL-XML-003]: the root element is <html> without a namespace; a filing's root is "
                    + "<Disclosure> in urn:greenledger:disclosure:1 (is this a GreenLedger disclosure filing (format v1)?)"
            ])
    }

    @Test func declaredGB18030IsReadLikeUTF8() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures")
        var names: [String] = []
        let report = try DisclosureReader.validate(
            .file(path: fixtures.appendingPathComponent("valid-base-gb18030.xml").path)
        ) {
            names.append($0.borrowerName)
        }
        #expect(report.diagnostics.isEmpty)
        #expect(report.header?.lenderNameZh == "深圳示例检验小额贷款有限公司")
        #expect(names.count == 5)
        #expect(names[0].hasSuffix("\u{20000}"))
    }

    @Test func mislabelledEncodingIsLocated() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures")
        let report = try DisclosureReader.validate(
            .file(path: fixtures.appendingPathComponent("mislabelled-gbk.xml").path))
        let finding = try #require(report.diagnostics.first)
        #expect(finding.ruleID == "GL-XML-001")
        #expect(finding.line == 5)
        #expect(finding.column > 1)
        #expect(finding.message.hasPrefix("Input is not proper UTF-8"))
        #expect(!finding.description.contains("\n"))
    }

    @Test func parallelReadersKeepTheirFindingsApart() async throws {
        let names = SampleFilingTests.files("invalid").filter { $0.hasPrefix("GL-") }
        let reports = try await withThrowingTaskGroup(of: (String, ValidationReport).self) { group in
            for name in names {
                group.addTask {
                    (
                        name,
                        try DisclosureReader.validate(
                            .file(
                                path: SampleFilingTests.samples.appendingPathComponent("invalid/\(name)").path
                            ))
                    )
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        for (name, report) in reports {
            let rule = name.split(separator: "-").prefix(3).joined(separator: "-")
            #expect(report.diagnostics.contains { $0.ruleID == rule }, "\(name)")
            #expect(report.diagnostics.allSatisfy { $0.file.hasSuffix(name) })
        }
    }

    @Test func aMissingFileIsAReadErrorNotAFinding() {
        #expect(throws: FilingReadError.self) {
            try DisclosureReader.validate(.file(path: "/nonexistent/filing.xml"))
        }
        #expect(throws: FilingReadError.self) { try DisclosureReader.validate(.file(path: "/tmp")) }
    }
}
