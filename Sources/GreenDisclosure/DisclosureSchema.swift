internal import CLibXML2

/// The embedded format-v1 XSD, compiled once per process. A compiled schema is read-only and shared by
/// every parse; each parse makes its own validation context.
///
/// `@unchecked Sendable`: the only state is the compiled schema pointer, set once in `init` and never
/// mutated; libxml2 documents a compiled `xmlSchema` as read-only and shareable between threads.
final class DisclosureSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr

    private init(pointer: xmlSchemaPtr) { self.pointer = pointer }

    /// The compiled schema (compiling the embedded text cannot fail unless the binary is broken).
    static let shared: DisclosureSchema = {
        _ = LibXML2.initialized
        let bytes = Array(EmbeddedSchema.disclosureV1.utf8)
        let schema = bytes.withUnsafeBufferPointer { buffer -> xmlSchemaPtr? in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let context = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else {
                    return nil
                }
                defer { xmlSchemaFreeParserCtxt(context) }
                xmlSchemaSetParserStructuredErrors(context, { _, _ in }, nil)
                return xmlSchemaParse(context)
            }
        }
        guard let schema else {
            fatalError("the embedded disclosure XSD does not compile; regenerate the binary")
        }
        return DisclosureSchema(pointer: schema)
    }()

    /// The embedded XSD text.
    static var text: String { EmbeddedSchema.disclosureV1 }
}
