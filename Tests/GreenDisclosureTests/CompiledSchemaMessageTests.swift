import Foundation
import GreenDisclosure
import Testing

/// The compiled XSD engine's findings, rendered exactly: each names the element or attribute, the value,
/// and what the format expects, at the line and column of the start tag (or of the stray text).
@Suite struct CompiledSchemaMessageTests {
    /// valid-base.xml with the first occurrence of `old` replaced by `new`: its error findings.
    static func errors(replacing old: String, with new: String) throws -> [String] {
        let base = try String(
            contentsOf: SampleFilingTests.samples.appendingPathComponent("valid-base.xml"), encoding: .utf8)
        let range = try #require(base.range(of: old))
        let text = base.replacingCharacters(in: range, with: new)
        let report = try DisclosureReader.validate(.bytes(Array(text.utf8), name: "m.xml"))
        #expect(report.verdict() == .reject)
        return report.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test(arguments: [
        (
            "<Maturity>2035-05-14</Maturity>", "",
            "m.xml:31:7: error[GL-XSD-001]: <Classification> is not allowed at this point in <Loan>; expected <Maturity> here"
        ),
        (
            "<Originated>2025-05-14</Originated>", "<Originated> 2025-05-14</Originated>",
            "m.xml:29:7: error[GL-XSD-001]: <Originated> ' 2025-05-14' is not a date YYYY-MM-DD with an optional time "
                + "zone, without spaces around it (xs:date)"
        ),
        (
            "size=\"small\"", "size=\"tiny\"",
            "m.xml:27:7: error[GL-XSD-001]: Borrower/@size 'tiny' is not one of large, medium, small, micro, individual"
        ),
        (
            "kind=\"microcredit\"", "kind=\"microcredit\" color=\"red\"",
            "m.xml:4:5: error[GL-XSD-001]: <Lender> has the attribute 'color', which format v1 does not define there"
        ),
        (
            "<Period>2026-Q3</Period>", "<Period>2026-Q5</Period>",
            "m.xml:8:5: error[GL-XSD-001]: <Period> '2026-Q5' does not match the pattern [0-9]{4}(-Q[1-4])? (type Period)"
        ),
        (
            "<Revision>1</Revision>", "<Revision>  </Revision>",
            "m.xml:9:5: error[GL-XSD-001]: <Revision> '  ' is not a whole number from 1 (xs:positiveInteger, at most 24 digits)"
        ),
        (
            "<Balance>822935.00</Balance>", "<Balance>822935.00</Balance>stray",
            "m.xml:29:7: error[GL-XSD-001]: <Loan> holds the text 'stray' where only elements may stand"
        ),
        (
            "<Loan id=\"TST-000001\">",
            "<Loan id=\"TST-000001\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\">",
            "m.xml:26:5: error[GL-XSD-001]: <Loan> has xsi:nil, but no element of format v1 may be nil"
        ),
    ])
    func aSchemaViolationReadsAsASentenceAtItsPlace(old: String, new: String, expected: String) throws {
        #expect(try Self.errors(replacing: old, with: new) == [expected])
    }

    @Test func aMissingRequiredAttributeIsNamed() throws {
        #expect(
            try Self.errors(replacing: "uscc=\"91440300LXAHTNUH70\" ", with: "").contains(
                "m.xml:4:5: error[GL-XSD-001]: <Lender> lacks the required attribute uscc"))
    }
}
