internal import CLibXML2

/// One file's parse: libxml2's SAX2 push parser with the XSD plugged in, feeding ``ReaderState``. Runs on
/// the worker thread; its results are read only after that thread has been joined.
final class ParsePass: @unchecked Sendable {
    private var reader: ChunkReader
    private let state: UnsafeMutablePointer<ReaderState>
    private let name: String
    private var bytesRead = 0
    private let progress: (@Sendable (Int) -> Void)?
    private var digest: SHA256?
    private(set) var readError: FilingReadError?

    init(reader: ChunkReader, name: String, options: ReaderOptions, queue: EventQueue) {
        self.reader = reader
        self.name = name
        progress = options.progress
        digest = options.computeSHA256 ? SHA256() : nil
        state = UnsafeMutablePointer<ReaderState>.allocate(capacity: 1)
        state.initialize(to: ReaderState(fileName: name, options: options, queue: queue))
    }

    deinit {
        state.pointee.text.free()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Parses the whole input, then closes the queue (also on a read error).
    func run() {
        defer {
            state.pointee.flush()
            state.pointee.queue.close()
            reader.close()
        }
        do {
            try parse()
            try drainIntoDigest()
        } catch let error as FilingReadError {
            readError = error
        } catch {
            readError = FilingReadError(file: name, reason: "\(error)")
        }
    }

    /// Hashes what the parse did not read (it stops early on a fatal error), so the hash is the file's.
    private func drainIntoDigest() throws {
        guard digest != nil else { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try reader.read(into: buffer)
            if count == 0 { break }
            digest?.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    private func parse() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: DisclosureReader.chunkSize, alignment: 16)
        defer { buffer.deallocate() }

        var sax = DisclosureReader.makeHandler()
        var saxPointer: UnsafeMutablePointer<xmlSAXHandler>? = withUnsafeMutablePointer(to: &sax) { $0 }
        var userData: UnsafeMutableRawPointer? = UnsafeMutableRawPointer(state)
        let validation = xmlSchemaNewValidCtxt(DisclosureSchema.shared.pointer)
        defer { xmlSchemaFreeValidCtxt(validation) }
        xmlSchemaSetValidStructuredErrors(
            validation, DisclosureReader.schemaError, UnsafeMutableRawPointer(state))
        let plug = xmlSchemaSAXPlug(validation, &saxPointer, &userData)
        defer { if plug != nil { xmlSchemaSAXUnplug(plug) } }
        // The plug's own handler does not forward structured parser errors: give it ours.
        saxPointer?.pointee.serror = sax.serror

        var count = try reader.read(into: buffer)
        digest?.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        let first = min(count, 4)
        let created = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(first, 1)) {
            xmlCreatePushParserCtxt(saxPointer, userData, $0, Int32(first), name)
        }
        guard let parser = created else {
            throw FilingReadError(file: name, reason: "libxml2 could not create a parser")
        }
        defer { xmlFreeParserCtxt(parser) }
        xmlCtxtUseOptions(parser, LibXML2.safeOptions)
        parser.pointee._private = UnsafeMutableRawPointer(state)
        state.pointee.parser = parser
        state.pointee.names = NameTable(dictionary: parser.pointee.dict)
        state.pointee.attributes = AttributeTable(dictionary: parser.pointee.dict)
        xmlSchemaValidateSetLocator(
            validation,
            { context, file, line in
                // Both out-parameters must be set: libxml2 reads `file` uninitialised otherwise and copies
                // whatever it points at (a crash found by the mutation test).
                let parser = context!.assumingMemoryBound(to: xmlParserCtxt.self)
                file?.pointee = nil
                line?.pointee = UInt(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(parser)))
                return 0
            }, UnsafeMutableRawPointer(parser))

        if count == 0 {
            state.pointee.sink.report(
                Rules.malformedXML, at: SourceLocation(line: 1, column: 1), "the file is empty",
                hint: "export the filing again")
            state.pointee.stopped = true
        }
        bytesRead = count
        var pending = count - first
        var offset = first
        while !state.pointee.stopped {
            if pending == 0 {
                count = try reader.read(into: buffer)
                digest?.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                bytesRead += count
                progress?(bytesRead)
                pending = count
                offset = 0
            }
            let last: Int32 = pending == 0 ? 1 : 0
            state.pointee.finishing = last == 1
            let chars = buffer.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
            let status = xmlParseChunk(parser, chars, Int32(pending), last)
            pending = 0
            if last == 1 || status != 0 && parser.pointee.wellFormed == 0 && parser.pointee.disableSAX != 0 {
                break
            }
        }
        if !state.pointee.sawRoot && !state.pointee.fatalError && !state.pointee.stopped {
            state.pointee.sink.report(
                Rules.malformedXML, at: SourceLocation(line: 1, column: 1), "the file has no XML element")
        }
        state.pointee.parser = nil
    }

    /// The report: this pass's model values and findings together with the rule runner's findings.
    func report(merging ruleSink: DiagnosticSink) -> ValidationReport {
        let state = state.pointee
        var report = ValidationReport(file: name)
        report.bytesRead = bytesRead
        if var digest { report.sha256 = digest.finalize() }
        report.header = state.sawHeader ? state.header : nil
        report.portfolio = state.sawPortfolio ? state.portfolio : nil
        report.operations = state.operations
        report.loanCount = state.loanCount
        report.hasLoans = state.hasLoans
        report.diagnostics = (state.sink.stored + ruleSink.stored).sorted {
            ($0.line, $0.column, $0.ruleID) < ($1.line, $1.column, $1.ruleID)
        }
        report.countsByRule = state.sink.counts.merging(ruleSink.counts, uniquingKeysWith: +)
        return report
    }
}
