import Foundation
import GreenDisclosure
import Testing

/// Untrusted input: clear findings, never a crash, a hang, a leaked file or unbounded memory.
@Suite(.timeLimit(.minutes(3))) struct HostileInputTests {
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
        var generator = SplitMix64(seed: 20_261_124)  // seeded, so a failure replays
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
            (
                String(repeating: "9", count: 40),
                "the amount is too large (at most 16 digits before the point)"
            ),
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

/// Regression and smoke tests for stopping mid-document (a libxml2 use-after-free was found here).
@Suite(.timeLimit(.minutes(3))) struct StopAndMutationTests {
    /// Samples/invalid/valid-base.xml; a missing file is a thrown error in the test, not a trap.
    static func readBase() throws -> [UInt8] {
        Array(
            try Data(contentsOf: SampleFilingTests.samples.appendingPathComponent("invalid/valid-base.xml")))
    }

    @Test func foreignRootWithAttributesStopsCleanly() throws {
        let text =
            "<?xml version=\"1.0\"?>\n<html lang=\"en\" class=\"x\"><body a=\"1\">"
            + String(repeating: "<p b=\"2\"/>", count: 5000) + "</body></html>"
        let report = try HostileInputTests.validate(text)
        #expect(report.diagnostics.map(\.ruleID) == ["GL-XML-003"])
    }

    @Test func tooManyPortfolioRowsAreRefused() throws {
        var text = String(decoding: try Self.readBase(), as: UTF8.self)
        let row =
            "<District code=\"440307\"><TotalLoans>1</TotalLoans><GreenLoans>0</GreenLoans></District>\n"
        let anchor = try #require(text.range(of: "    <District"))
        text.insert(contentsOf: String(repeating: row, count: 1200), at: anchor.lowerBound)
        let report = try HostileInputTests.validate(text)
        #expect(
            report.diagnostics.contains {
                $0.ruleID == "GL-PORT-002" && $0.message.hasPrefix("more than 1000 District rows")
            })
        #expect(report.verdict() == .reject)
    }

    @Test func deepNestingWithAttributesStopsCleanly() throws {
        let text = HostileInputTests.header + String(repeating: "<Header a=\"1\" b=\"2\">", count: 5000)
        let report = try HostileInputTests.validate(text)
        #expect(report.diagnostics.contains { $0.ruleID == "GL-XML-001" })
    }

    /// Seeded corruptions of a valid filing: flipped, deleted and inserted bytes, and truncations. Each must
    /// give a report (never a crash or hang); most are rejected.
    @Test func corruptedFilingsNeverCrash() throws {
        var generator = SplitMix64(seed: 20_261_123)
        let specials: [UInt8] = Array("<>&;\"'/=!?[]-.0 \n\u{0}".utf8) + [0xC3, 0xFF, 0xE4]
        let base = try Self.readBase()
        var rejected = 0
        for round in 0..<400 {
            var bytes = base
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 4 {
                case 0: bytes[position] = specials[Int(generator.next() % UInt64(specials.count))]
                case 1: bytes.remove(at: position)
                case 2: bytes.insert(specials[Int(generator.next() % UInt64(specials.count))], at: position)
                default: bytes = Array(bytes.prefix(max(1, position)))
                }
            }
            let report = try DisclosureReader.validate(.bytes(bytes, name: "mutant-\(round).xml"))
            if report.verdict() == .reject { rejected += 1 }
        }
        #expect(rejected > 300)
    }
}

/// A small deterministic generator for reproducible corruptions.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
