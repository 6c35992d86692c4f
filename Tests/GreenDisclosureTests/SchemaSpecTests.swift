import Foundation
import Testing

/// The XSD is kept in step with the spec page (`shared/spec/disclosure-format-v1.md`, beside the repository
/// in CI): every element, attribute and enumerated value of one appears in the other.
@Suite struct SchemaSpecTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let specURL = root.appendingPathComponent("../shared/spec/disclosure-format-v1.md")
    static let hasSpec = FileManager.default.fileExists(atPath: specURL.path)

    static func matches(_ pattern: String, in text: String) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static var xsd: String {
        get throws {
            try String(contentsOf: root.appendingPathComponent("Schemas/disclosure-v1.xsd"), encoding: .utf8)
        }
    }
    static var spec: String { get throws { try String(contentsOf: specURL, encoding: .utf8) } }

    /// GreenLedger's documented extensions of the format (`Docs/format-extensions.md`): backticked
    /// identifiers of its table.
    static var extensionTokens: Set<String> {
        get throws {
            let text = try String(
                contentsOf: root.appendingPathComponent("Docs/format-extensions.md"), encoding: .utf8)
            let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
            return Set(try rows.flatMap { try matches("`([^`]+)`", in: String($0)) })
        }
    }

    /// Every identifier written in backticks in the spec, split at '/', '@', spaces and punctuation.
    static var specTokens: Set<String> {
        get throws {
            // Code fences (```) would pair backticks wrongly: take them out first.
            let prose = try spec.replacingOccurrences(of: "```xml", with: "").replacingOccurrences(
                of: "```", with: "")
            let spans = try matches("`([^`\n]+)`", in: prose)
            var tokens = Set<String>()
            for span in spans {
                for token in span.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }) {
                    tokens.insert(String(token))
                }
            }
            // The skeleton's tags and attributes count too.
            tokens.formUnion(try matches("<([A-Za-z0-9]+)[ >/]", in: spec))
            tokens.formUnion(try matches(" ([A-Za-z0-9]+)=\"", in: spec))
            return tokens
        }
    }

    @Test(.enabled(if: hasSpec)) func everySchemaElementAndAttributeIsInTheSpec() throws {
        let xsd = try Self.xsd
        let extensions = try Self.extensionTokens
        let tokens = try Self.specTokens.union(extensions)
        // Each documented extension attribute is in the XSD and not in the spec.
        #expect(extensions.contains("fuel"))
        #expect(!(try Self.specTokens).contains("fuel"))
        #expect(xsd.contains("<xs:attribute name=\"fuel\" type=\"Fuel\"/>"))
        let elements = Set(try Self.matches("<xs:element name=\"([A-Za-z0-9]+)\"", in: xsd))
        let attributes = Set(try Self.matches("<xs:attribute name=\"([A-Za-z0-9]+)\"", in: xsd))
        #expect(elements.count >= 50)
        #expect(elements.subtracting(tokens).isEmpty, "elements missing from the spec")
        #expect(attributes.subtracting(tokens).isEmpty, "attributes missing from the spec")
    }

    @Test(.enabled(if: hasSpec)) func everyEnumeratedValueIsInTheSpec() throws {
        let values = Set(try Self.matches("<xs:enumeration value=\"([^\"]+)\"", in: try Self.xsd))
        #expect(values.contains("wind-offshore"))
        let documented = try Self.specTokens.union(Self.extensionTokens)
        #expect(values.subtracting(documented).subtracting(["1.0"]).isEmpty)
    }

    @Test(.enabled(if: hasSpec)) func everyTagOfTheSpecSkeletonIsInTheSchema() throws {
        let fenced = try Self.spec.components(separatedBy: "```xml")
        try #require(fenced.count > 1, "the spec has no ```xml skeleton")
        let skeleton = fenced[1].components(separatedBy: "```")[0]
        let xsd = try Self.xsd
        let tags = Set(try Self.matches("<([A-Za-z0-9]+)[ >/]", in: skeleton))
        let attributes = Set(try Self.matches(" ([A-Za-z0-9]+)=\"", in: skeleton)).subtracting([
            "xmlns", "encoding",
        ])
        let elements = Set(try Self.matches("<xs:element name=\"([A-Za-z0-9]+)\"", in: xsd))
        let schemaAttributes = Set(try Self.matches("<xs:attribute name=\"([A-Za-z0-9]+)\"", in: xsd))
        #expect(tags.count > 30)
        #expect(tags.subtracting(elements).isEmpty)
        #expect(attributes.subtracting(schemaAttributes).isEmpty)
    }
}
