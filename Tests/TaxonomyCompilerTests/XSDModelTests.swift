import Foundation
import Testing

@testable import TaxonomyCompiler

/// The XSD compiler behind the reader's compiled XSD engine: patterns as automata, content models as
/// automata over element names, and a refusal (never an approximation) for what it does not support.
@Suite struct XSDModelTests {
    static func schema() throws -> XSDModel {
        let url = TaxonomyDirectoryTests.packageRoot.appendingPathComponent("Schemas/disclosure-v1.xsd")
        return try XSDModel(text: try String(contentsOf: url, encoding: .utf8), file: "disclosure-v1.xsd")
    }

    @Test(arguments: [
        (
            "[0-9]{1,16}(\\.[0-9]{1,2})?", ["0", "12.5", "1234567890123456.99"],
            ["", "1.", ".5", "1.000", "12345678901234567", "+1", "１"]
        ),
        ("[0-9]{4}(-Q[1-4])?", ["2026", "2026-Q1", "2026-Q4"], ["2026-Q5", "2026-q1", "202", " 2026"]),
        (".*\\S.*", ["a", " a ", "绿色", "\u{00A0}", "\ta"], ["", "   ", "a\nb", "\na", "a\r"]),
        ("[0-9]{6}|other", ["440305", "other"], ["other ", "Other", "4403051", "44030"]),
        ("[a-z]+-[0-9]{4}", ["gfsp-2025"], ["GFSP-2025", "gfsp2025", "-2025"]),
        ("[^a-c]x*|\\.", ["d", "dxxx", "."], ["a", "", "ax"]),
    ])
    func patternsMatchWholeValues(pattern: String, matching: [String], refused: [String]) throws {
        let compiled = try XSDPattern(pattern)
        for value in matching { #expect(compiled.matches(value), "\(pattern) should match '\(value)'") }
        for value in refused { #expect(!compiled.matches(value), "\(pattern) should refuse '\(value)'") }
    }

    @Test(arguments: ["\\d+", "\\p{L}", "[a-z-[aeiou]]", "a{2,1}", "(ab", "[ab", "*a"])
    func unsupportedOrMalformedPatternsAreRefused(pattern: String) {
        #expect(throws: (any Error).self) { try XSDPattern(pattern) }
    }

    @Test func theLoanContentModelIsASequenceWithOptionalTail() throws {
        let model = try Self.schema()
        let loan = try #require(model.elements.firstIndex { $0.name == "Loan" })
        let type = try #require(model.elements[loan].complexType)
        guard case .elements(let start) = model.complexTypes[type].content else {
            Issue.record("Loan has no element content")
            return
        }
        /// Walks the automaton over `names`; nil when a name is not allowed, else whether it may end there.
        func run(_ names: [String]) -> Bool? {
            var state = start
            for name in names {
                guard let step = model.steps.first(where: { $0.state == state && $0.element == name }) else {
                    return nil
                }
                state = step.target
            }
            return model.accepting[state]
        }
        let required = ["Borrower", "Balance", "Originated", "Maturity"]
        #expect(run(required) == true)
        #expect(run(required + ["Classification", "Segments", "Green", "Emissions"]) == true)
        #expect(run(required + ["Green", "Classification"]) == nil)
        #expect(run(Array(required.dropLast())) == false)
        #expect(run(["Balance"]) == nil)
        #expect(run(required + ["Emissions", "Emissions"]) == nil)
    }

    @Test func simpleTypesCarryTheirFacetsAndAncestry() throws {
        let model = try Self.schema()
        let positive = try #require(model.simpleTypes.first { $0.ancestry.first == "PositiveMoney" })
        #expect(positive.builtin == "decimal")
        #expect(positive.ancestry == ["PositiveMoney", "Money", "xs:decimal"])
        #expect(positive.bounds == [.init(facet: "minExclusive", value: "0")])
        #expect(positive.patterns.count == 1)
        let quality = try #require(model.simpleTypes.first { $0.ancestry.first == "Quality" })
        #expect(quality.bounds.map(\.value) == ["1", "5"])
        let segments = try #require(model.simpleTypes.first { $0.ancestry.first == "Segments" })
        #expect(segments.item.map { model.simpleTypes[$0].enumerations.first?.count } == 3)
        let revision = try #require(model.elements.first { $0.name == "Revision" })
        #expect(revision.defaultValue == "1")
    }

    @Test(arguments: [
        ("<xs:element name=\"A\" type=\"xs:string\" nillable=\"true\"/>", "nillable"),
        ("<xs:element name=\"A\" type=\"xs:duration\"/>", "xs:duration"),
        (
            "<xs:element name=\"A\"><xs:complexType><xs:all><xs:element name=\"B\" type=\"xs:string\"/></xs:all></xs:complexType></xs:element>",
            "xs:all"
        ),
        (
            "<xs:element name=\"A\"><xs:simpleType><xs:restriction base=\"xs:string\"><xs:pattern value=\"\\w+\"/></xs:restriction></xs:simpleType></xs:element>",
            "\\w"
        ),
        (
            "<xs:element name=\"A\"><xs:complexType><xs:sequence><xs:any/></xs:sequence></xs:complexType></xs:element>",
            "xs:any"
        ),
    ])
    func unsupportedConstructsAreRefusedWithTheirLine(declaration: String, named: String) {
        let text = """
            <?xml version="1.0"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x" xmlns="urn:x"
                       elementFormDefault="qualified">
              \(declaration)
            </xs:schema>
            """
        do {
            _ = try XSDModel(text: text, file: "test.xsd")
            Issue.record("compiled what it does not support: \(declaration)")
        } catch let diagnostic as TaxonomyDiagnostic {
            #expect(diagnostic.line >= 4, "\(diagnostic)")
            #expect(diagnostic.message.contains(named), "\(diagnostic)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
