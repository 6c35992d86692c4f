import Foundation
import GreenDisclosure
import Testing

/// Documents a hostile review made the two XSD engines disagree on, each now decided as `xmllint --schema`
/// decides it, by both engines.
@Suite struct XSDEngineReviewTests {
    static func verdicts(replacing old: String, with new: String) throws -> [XSDEngine: ValidationReport] {
        let base = try String(
            contentsOf: SampleFilingTests.samples.appendingPathComponent("valid-base.xml"), encoding: .utf8)
        let range = try #require(base.range(of: old))
        let bytes = Array(base.replacingCharacters(in: range, with: new).utf8)
        var reports: [XSDEngine: ValidationReport] = [:]
        for engine in XSDEngine.allCases {
            var options = ReaderOptions()
            options.xsdEngine = engine
            reports[engine] = try DisclosureReader.validate(.bytes(bytes, name: "r.xml"), options: options)
        }
        return reports
    }

    /// An xsi:type prefix is matched byte for byte: U+212A KELVIN SIGN is not `K` (Swift's `String` equality
    /// says it is).
    @Test func anXSITypePrefixIsComparedByteForByte() throws {
        let kelvin = "\u{212A}"
        let wrong = try Self.verdicts(
            replacing: "<TotalLoans>3139045.25</TotalLoans>",
            with: "<TotalLoans xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:K=\"urn:x\" "
                + "xmlns:\(kelvin)=\"urn:greenledger:disclosure:1\" xsi:type=\"K:PositiveMoney\">3139045.25</TotalLoans>"
        )
        for (engine, report) in wrong {
            #expect(report.verdict() == .reject, "\(engine)")
            #expect(report.schemaViolations > 0, "\(engine)")
        }
        let right = try Self.verdicts(
            replacing: "<TotalLoans>3139045.25</TotalLoans>",
            with:
                "<TotalLoans xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:\(kelvin)=\"urn:x\" "
                + "xmlns:K=\"urn:greenledger:disclosure:1\" xsi:type=\"K:PositiveMoney\">3139045.25</TotalLoans>"
        )
        for (engine, report) in right {
            #expect(report.schemaViolations == 0, "\(engine): \(report.diagnostics)")
        }
    }

    /// `&amp;` reaches the XSD as one character even when a combining mark follows it: 22 characters are
    /// within the Loan id's 64.
    @Test func anAmpersandBeforeACombiningMarkIsOneCharacter() throws {
        let id = String(repeating: "&amp;&#x301;", count: 11)
        let reports = try Self.verdicts(replacing: "<Loan id=\"TST-000001\">", with: "<Loan id=\"\(id)\">")
        for (engine, report) in reports {
            #expect(report.schemaViolations == 0, "\(engine): \(report.diagnostics)")
            #expect(!report.diagnostics.contains { $0.ruleID == "GL-XSD-001" }, "\(engine)")
        }
    }

    /// A value that quotes the text an engine used to recognise amount and USCC refusals by is still the
    /// XSD's finding to report.
    @Test(arguments: [
        ("<Project name=\"龙岗屋顶分布式光伏项目\"", "<Project name=\"&#10;'USCC'\""),
        ("<Classification>normal</Classification>", "<Classification>[0-9A-Z]{18}</Classification>"),
    ])
    func aRefusedValueQuotingUSCCIsStillReported(old: String, new: String) throws {
        for (engine, report) in try Self.verdicts(replacing: old, with: new) {
            #expect(report.verdict() == .reject, "\(engine)")
            #expect(report.diagnostics.contains { $0.ruleID == "GL-XSD-001" && $0.line > 0 }, "\(engine)")
        }
    }
}
