internal import CLibXML2

/// The first element of an XML document: enough to tell a disclosure filing from any other XML.
public struct XMLRootElement: Hashable, Sendable {
    /// The element's namespace URI, nil when it has none.
    public let namespace: String?
    public let localName: String
    /// Attributes without a namespace, by local name.
    public let attributes: [String: String]
    /// Where the start tag ends (1-based).
    public let line: Int
}

/// A document that is not well-formed XML, or uses a construct GreenLedger refuses (DOCTYPE), located by
/// line and column.
public struct XMLSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Reads just the start of an XML document with libxml2's SAX2 push parser and the safe options.
public enum XMLProbe {
    /// The libxml2 version in use, e.g. `20914`.
    public static var libxml2Version: String { LibXML2.version }

    /// Returns the root element of `bytes`; throws ``XMLSyntaxError`` when the document is malformed before
    /// its first start tag ends, declares a DOCTYPE, or has no element at all.
    public static func rootElement(of bytes: [UInt8], fileName: String) throws -> XMLRootElement {
        _ = LibXML2.initialized
        let state = ProbeState()
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localName, _, uri, _, _, attributeCount, _, attributes in
            let parser = context!.assumingMemoryBound(to: xmlParserCtxt.self)
            let state = Unmanaged<ProbeState>.fromOpaque(parser.pointee._private).takeUnretainedValue()
            var values: [String: String] = [:]
            for index in 0..<Int(attributeCount) {
                // Each attribute is five pointers: localname, prefix, URI, value start, value end.
                guard let base = attributes?.advanced(by: index * 5), base[2] == nil,
                    let name = base[0], let start = base[3], let end = base[4]
                else { continue }
                values[String(cString: name)] = String(
                    decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
            }
            state.root = XMLRootElement(
                namespace: uri.map { String(cString: $0) }, localName: String(cString: localName!),
                attributes: values, line: Int(xmlSAX2GetLineNumber(context)))
            xmlStopParser(parser)
        }
        sax.internalSubset = { context, _, _, _ in
            let parser = context!.assumingMemoryBound(to: xmlParserCtxt.self)
            let state = Unmanaged<ProbeState>.fromOpaque(parser.pointee._private).takeUnretainedValue()
            state.fail(
                line: Int(xmlSAX2GetLineNumber(context)), column: Int(xmlSAX2GetColumnNumber(context)),
                message: "DOCTYPE declarations are not allowed in a disclosure filing")
            xmlStopParser(parser)
        }
        sax.serror = { _, error in
            guard let error, let parser = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self),
                let raw = parser.pointee._private
            else { return }
            let state = Unmanaged<ProbeState>.fromOpaque(raw).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
            state.fail(
                line: Int(error.pointee.line), column: Int(error.pointee.int2),
                message: message.trimmingTrailingNewlines)
        }
        return try withExtendedLifetime(state) {
            guard let parser = xmlCreatePushParserCtxt(&sax, nil, nil, 0, fileName) else {
                throw XMLSyntaxError(
                    file: fileName, line: 0, column: 0, message: "libxml2 could not create a parser")
            }
            defer { xmlFreeParserCtxt(parser) }
            xmlCtxtUseOptions(parser, LibXML2.safeOptions)
            parser.pointee._private = Unmanaged.passUnretained(state).toOpaque()
            let chunk = 64 * 1024
            var offset = 0
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    repeat {
                        let count = min(chunk, chars.count - offset)
                        let last: Int32 = offset + count >= chars.count ? 1 : 0
                        xmlParseChunk(parser, chars.baseAddress?.advanced(by: offset), Int32(count), last)
                        offset += count
                    } while offset < chars.count && state.root == nil && state.error == nil
                }
            }
            if let error = state.error {
                throw XMLSyntaxError(
                    file: fileName, line: error.line, column: error.column, message: error.message)
            }
            guard let root = state.root else {
                throw XMLSyntaxError(
                    file: fileName, line: 1, column: 1, message: "the document has no root element")
            }
            return root
        }
    }
}

/// Mutable state shared with the C callbacks for one probe; never crosses threads.
private final class ProbeState {
    var root: XMLRootElement?
    var error: (line: Int, column: Int, message: String)?

    func fail(line: Int, column: Int, message: String) {
        if error == nil { error = (line, column, message) }
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var result = self
        while result.last == "\n" || result.last == "\r" { result.removeLast() }
        return result
    }
}
