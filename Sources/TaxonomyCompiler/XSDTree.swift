import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One element of the XSD document: its local name (`element`, `sequence` …), attributes and children.
/// Only the `xs:` namespace is read; annotations and comments are skipped.
struct XSDNode {
    var name: String
    var attributes: [String: String]
    var children: [XSDNode] = []
    var line: Int

    subscript(_ attribute: String) -> String? { attributes[attribute] }

    /// The children named `name`.
    func children(_ name: String) -> [XSDNode] { children.filter { $0.name == name } }

    func child(_ name: String) -> XSDNode? { children.first { $0.name == name } }

    /// Reads `text` (the whole XSD) into a tree.
    static func parse(_ text: String, file: String) throws -> XSDNode {
        let parser = XMLParser(data: Data(text.utf8))
        let builder = Builder()
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        guard parser.parse(), let root = builder.root else {
            throw TaxonomyDiagnostic(
                file: file, line: parser.lineNumber,
                message: "the XSD cannot be read: \(parser.parserError.map { "\($0)" } ?? "no root element")")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        static let xs = "http://www.w3.org/2001/XMLSchema"
        var stack: [XSDNode] = []
        var root: XSDNode?
        var skipping = 0

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            if skipping > 0 || namespaceURI != Self.xs || name == "annotation" {
                skipping += 1
                return
            }
            stack.append(XSDNode(name: name, attributes: attributes, line: parser.lineNumber))
        }

        func parser(
            _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
        ) {
            if skipping > 0 {
                skipping -= 1
                return
            }
            let node = stack.removeLast()
            if stack.isEmpty {
                root = node
            } else {
                stack[stack.count - 1].children.append(node)
            }
        }
    }
}
