internal import CLibXML2

/// libxml2's SAX2 push parser set up for one pass over ``ReaderState``: a pure SAX2 parser under the
/// compiled XSD engine, or with libxml2's XSD engine plugged into the same stream (`--xsd-engine libxml2`).
/// Frees everything it made when released. Lives on one thread.
final class PushParser {
    let context: UnsafeMutablePointer<xmlParserCtxt>
    /// The SAX handler lives on the heap for the whole parse: libxml2 keeps the pointer (the schema plug
    /// replaces it with its own, which forwards to this one).
    private let handler: UnsafeMutablePointer<xmlSAXHandler>
    private let validation: OpaquePointer?
    private let plug: OpaquePointer?
    /// Where the plug keeps the handler and user-data pointers it replaced: `xmlSchemaSAXUnplug` writes
    /// them back through these addresses, so they must outlive the plug (locals of `init` did not: the
    /// unplug wrote into a dead stack frame, a crash the release build found).
    private let saxSlot: UnsafeMutablePointer<UnsafeMutablePointer<xmlSAXHandler>?>
    private let userSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>

    /// A parser fed `first` (at most 4 bytes, for encoding detection) whose callbacks update `state`.
    init(
        state: UnsafeMutablePointer<ReaderState>, name: String, first: UnsafeRawBufferPointer,
        engine: XSDEngine
    ) throws {
        handler = .allocate(capacity: 1)
        handler.initialize(to: DisclosureReader.makeHandler())
        saxSlot = .allocate(capacity: 1)
        saxSlot.initialize(to: handler)
        userSlot = .allocate(capacity: 1)
        userSlot.initialize(to: UnsafeMutableRawPointer(state))
        if engine == .libxml2 {
            validation = xmlSchemaNewValidCtxt(DisclosureSchema.shared.pointer)
            xmlSchemaSetValidStructuredErrors(
                validation, DisclosureReader.schemaError, UnsafeMutableRawPointer(state))
            plug = xmlSchemaSAXPlug(validation, saxSlot, userSlot)
            // The plug's own handler does not forward structured parser errors: give it ours.
            saxSlot.pointee?.pointee.serror = handler.pointee.serror
        } else {
            validation = nil
            plug = nil
        }
        let (sax, user) = (saxSlot.pointee, userSlot.pointee)
        let created = first.withMemoryRebound(to: CChar.self) {
            xmlCreatePushParserCtxt(sax, user, $0.baseAddress, Int32($0.count), name)
        }
        guard let created else {
            if plug != nil { xmlSchemaSAXUnplug(plug) }
            if validation != nil { xmlSchemaFreeValidCtxt(validation) }
            handler.deallocate()
            saxSlot.deallocate()
            userSlot.deallocate()
            throw FilingReadError(file: name, reason: "libxml2 could not create a parser")
        }
        context = created
        xmlCtxtUseOptions(context, LibXML2.safeOptions)
        context.pointee._private = UnsafeMutableRawPointer(state)
        guard validation != nil else { return }
        xmlSchemaValidateSetLocator(
            validation,
            { context, file, line in
                // Both out-parameters must be set: libxml2 reads `file` uninitialised otherwise and copies
                // whatever it points at (a crash found by the mutation test).
                file?.pointee = nil
                guard let context else { return 0 }
                line?.pointee = UInt(xmlSAX2GetLineNumber(context))
                return 0
            }, UnsafeMutableRawPointer(context))
    }

    deinit {
        xmlFreeParserCtxt(context)
        if plug != nil { xmlSchemaSAXUnplug(plug) }
        if validation != nil { xmlSchemaFreeValidCtxt(validation) }
        handler.deallocate()
        saxSlot.deallocate()
        userSlot.deallocate()
    }

    /// Feeds `count` bytes at `bytes`; `last` ends the document. Returns libxml2's status.
    func feed(_ bytes: UnsafeRawPointer, count: Int, last: Bool) -> Int32 {
        xmlParseChunk(context, bytes.assumingMemoryBound(to: CChar.self), Int32(count), last ? 1 : 0)
    }

    /// libxml2 stopped delivering callbacks (after a fatal error, a stop, or input it could not decode).
    var saxDisabled: Bool { context.pointee.disableSAX != 0 }

    /// No well-formedness error so far.
    var wellFormed: Bool { context.pointee.wellFormed != 0 }

    /// The parser's string dictionary, where element and attribute names are interned.
    var dictionary: OpaquePointer? { context.pointee.dict }
}
