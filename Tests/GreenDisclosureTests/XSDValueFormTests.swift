import Foundation
import GreenDisclosure
import Testing

/// Values in forms the XSD accepts (or refuses) must reach the rules as the XSD reads them: a boolean with
/// whitespace, a date with a time zone, an empty Revision with its default; and what the XSD refuses must
/// not be ACCEPTed because a rule skipped it (17-digit amounts, an empty USCC). Found by a hostile review.
@Suite struct XSDValueFormTests {
    static func sample(_ name: String) throws -> String {
        try String(
            contentsOf: SampleFilingTests.samples.appendingPathComponent("invalid/\(name)"), encoding: .utf8)
    }

    static func rules(_ text: String) throws -> [String] {
        try DisclosureReader.validate(.bytes(Array(text.utf8), name: "form.xml")).diagnostics.map(\.ruleID)
    }

    @Test func amountsHaveAtMostSixteenIntegerDigits() throws {
        let base = try Self.sample("valid-base.xml")
        for amount in ["00000000000822935.00", "92233720368547758.07"] {
            let text = base.replacingOccurrences(of: "<Balance>822935.00", with: "<Balance>\(amount)")
            #expect(try Self.rules(text).contains("GL-AMT-001"), "\(amount)")
        }
        let sixteen = base.replacingOccurrences(
            of: "<Balance>822935.00", with: "<Balance>0000000000822935.00")
        #expect(!(try Self.rules(sixteen)).contains("GL-AMT-001"))
    }

    @Test func anEmptyBorrowerUSCCIsAFinding() throws {
        let text = try Self.sample("valid-base.xml").replacingOccurrences(
            of: "uscc=\"914403005774Q28PCX\"", with: "uscc=\"\"")
        #expect(try Self.rules(text).contains("GL-LOAN-002"))
    }

    @Test func booleansAreReadWithWhitespaceCollapsed() throws {
        let facility = try Self.sample("GL-GREEN-006-carbon-facility.xml").replacingOccurrences(
            of: "carbonFacility=\"true\"", with: "carbonFacility=\" true\"")
        #expect(try Self.rules(facility).contains("GL-GREEN-006"))
        let evaluation = try Self.sample("GL-GREEN-007-investment-evaluation.xml").replacingOccurrences(
            of: "eiaRequired=\"true\"", with: "eiaRequired=\"true \"")
        #expect(try Self.rules(evaluation).contains("GL-GREEN-007"))
    }

    @Test func datesWithATimeZoneAreTheirCalendarDate() throws {
        let originated = try Self.sample("GL-LOAN-005-originated-after-period.xml").replacingOccurrences(
            of: "2026-10-02</Originated>", with: "2026-10-02Z</Originated>")
        #expect(try Self.rules(originated).contains("GL-LOAN-005"))
        let prepared = try Self.sample("GL-HDR-002-prepared-before-period-end.xml").replacingOccurrences(
            of: "2026-09-15</PreparedOn>", with: "2026-09-15+08:00</PreparedOn>")
        #expect(try Self.rules(prepared).contains("GL-HDR-002"))
        let maturity = try Self.sample("valid-base.xml").replacingOccurrences(
            of: "<Maturity>2035-05-14", with: "<Maturity>2020-05-14-05:00")
        #expect(try Self.rules(maturity).contains("GL-LOAN-006"))
        let badZone = try Self.sample("valid-base.xml").replacingOccurrences(
            of: "<Maturity>2035-05-14", with: "<Maturity>2035-05-14+15:00")
        #expect(
            try DisclosureReader.validate(.bytes(Array(badZone.utf8), name: "z.xml")).verdict() == .reject)
    }

    @Test func anEmptyRevisionTakesTheXSDDefault() throws {
        let text = try Self.sample("valid-base.xml").replacingOccurrences(
            of: "<Revision>1</Revision>", with: "<Revision/>")
        let report = try DisclosureReader.validate(.bytes(Array(text.utf8), name: "r.xml"))
        #expect(report.verdict() == .accept, "\(report.diagnostics)")
        #expect(report.header?.revision == 1)
    }

    @Test func theDeclarationIsReadWholeOrRefused() throws {
        let body = try #require(try Self.sample("valid-base.xml").split(separator: "?>", maxSplits: 1).last)
        let padded =
            "<?xml version=\"1.0\"" + String(repeating: " ", count: 600) + "encoding=\"ISO-8859-1\"?>" + body
        #expect(try Self.rules(padded) == ["GL-XML-004"])
        let unended = "<?xml version=\"1.0\"" + String(repeating: " ", count: 300_000) + "?>" + body
        let report = try DisclosureReader.validate(.bytes(Array(unended.utf8), name: "d.xml"))
        #expect(report.verdict() == .reject)
        #expect(
            report.diagnostics.first?.message.hasPrefix("the XML declaration does not end within") == true)
        let version = "<?xml version=\"1.1\" encoding=\"UTF-8\"?>" + body
        #expect(
            try DisclosureReader.validate(.bytes(Array(version.utf8), name: "v.xml")).diagnostics.map(
                \.description)
                == [
                    "v.xml:1:1: error[GL-XML-001]: XML version 1.1 is not accepted: filings are XML 1.0 (export the "
                        + "filing again with the declaration <?xml version=\"1.0\" encoding=\"UTF-8\"?>)"
                ])
    }
}
