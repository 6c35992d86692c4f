import Foundation
import Testing

/// The XSD is kept in step with the spec page (`shared/spec/disclosure-format-v1.md`, beside the repository
/// in CI): every element, attribute and enumerated value of one appears in the other.
@Suite struct SchemaSpecTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let specURL = root.appendingPathComponent("../shared/spec/disclosure-format-v1.md")
    static let hasSpec = FileManager.default.fileExists(atPath: specURL.path)

    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static var xsd: String {
        try! String(contentsOf: root.appendingPathComponent("Schemas/disclosure-v1.xsd"), encoding: .utf8)
    }
    static var spec: String { try! String(contentsOf: specURL, encoding: .utf8) }

    /// Every identifier written in backticks in the spec, split at '/', '@', spaces and punctuation.
    static var specTokens: Set<String> {
        // Code fences (```) would pair backticks wrongly: take them out first.
        let prose = spec.replacingOccurrences(of: "```xml", with: "").replacingOccurrences(
            of: "```", with: "")
        let spans = matches("`([^`\n]+)`", in: prose)
        var tokens = Set<String>()
        for span in spans {
            for token in span.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }) {
                tokens.insert(String(token))
            }
        }
        // The skeleton's tags and attributes count too.
        tokens.formUnion(matches("<([A-Za-z0-9]+)[ >/]", in: spec))
        tokens.formUnion(matches(" ([A-Za-z0-9]+)=\"", in: spec))
        return tokens
    }

    @Test(.enabled(if: hasSpec)) func everySchemaElementAndAttributeIsInTheSpec() {
        let elements = Set(Self.matches("<xs:element name=\"([A-Za-z0-9]+)\"", in: Self.xsd))
        let attributes = Set(Self.matches("<xs:attribute name=\"([A-Za-z0-9]+)\"", in: Self.xsd))
        #expect(elements.count >= 50)
        #expect(elements.subtracting(Self.specTokens).isEmpty, "elements missing from the spec")
        #expect(attributes.subtracting(Self.specTokens).isEmpty, "attributes missing from the spec")
    }

    @Test(.enabled(if: hasSpec)) func everyEnumeratedValueIsInTheSpec() {
        let values = Set(Self.matches("<xs:enumeration value=\"([^\"]+)\"", in: Self.xsd))
        #expect(values.contains("wind-offshore"))
        #expect(values.subtracting(Self.specTokens).subtracting(["1.0"]).isEmpty)
    }

    @Test(.enabled(if: hasSpec)) func everyTagOfTheSpecSkeletonIsInTheSchema() {
        let skeleton = Self.spec.components(separatedBy: "```xml")[1].components(separatedBy: "```")[0]
        let tags = Set(Self.matches("<([A-Za-z0-9]+)[ >/]", in: skeleton))
        let attributes = Set(Self.matches(" ([A-Za-z0-9]+)=\"", in: skeleton)).subtracting([
            "xmlns", "encoding",
        ])
        let elements = Set(Self.matches("<xs:element name=\"([A-Za-z0-9]+)\"", in: Self.xsd))
        let schemaAttributes = Set(Self.matches("<xs:attribute name=\"([A-Za-z0-9]+)\"", in: Self.xsd))
        #expect(tags.count > 30)
        #expect(tags.subtracting(elements).isEmpty)
        #expect(attributes.subtracting(schemaAttributes).isEmpty)
    }
}
