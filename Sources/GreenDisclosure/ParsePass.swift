internal import CLibXML2

/// One file's parse: libxml2's SAX2 push parser (with libxml2's XSD engine plugged in under
/// ``XSDEngine/libxml2``), feeding ``ReaderState``. Runs on
/// the worker thread; its results are read only after that thread has been joined.
///
/// `@unchecked Sendable`: handed to exactly one worker thread, which alone touches it until
/// `WorkerThread.join()` returns; the caller reads `readError`, `completed` and `report` only after that join
/// (the join is the happens-before edge). The parser state has a stable heap address (`state`).
final class ParsePass: @unchecked Sendable {
    private var reader: ChunkReader
    private let state: UnsafeMutablePointer<ReaderState>
    private let name: String
    private var bytesRead = 0
    private let progress: (@Sendable (Int) -> Void)?
    private var digest: ContentHash?
    private(set) var readError: FilingReadError?
    /// Whether the pass read the whole document to its end: a verdict can only be ACCEPT when it did.
    private(set) var completed = false

    init(reader: ChunkReader, name: String, options: ReaderOptions, queue: EventQueue) {
        self.reader = reader
        self.name = name
        progress = options.progress
        digest = options.computeSHA256 ? ContentHash() : nil
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
        clx_silence_generic_errors()
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: DisclosureReader.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        let count = try readStart(into: buffer)
        bytesRead = count
        guard accepts(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) else { return }

        var gate = MarkupGate()
        let admitted = gate.admit(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) ?? count
        let first = min(admitted, 4)
        let parser = try PushParser(
            state: state, name: name, first: UnsafeRawBufferPointer(rebasing: buffer[0..<first]),
            engine: state.pointee.options.xsdEngine)
        state.pointee.parser = parser.context
        state.pointee.names = NameTable(dictionary: parser.dictionary)
        state.pointee.attributes = AttributeTable(dictionary: parser.dictionary)
        state.pointee.prepareSchema(dictionary: parser.dictionary)
        defer { state.pointee.parser = nil }

        let (fedLast, halted) = try feed(
            parser, buffer: buffer, count: count, admitted: admitted, offset: first, gate: &gate)
        if !state.pointee.sawRoot && !state.pointee.fatalError && !state.pointee.stopped && !halted {
            state.pointee.refuse(
                Rules.malformedXML, at: SourceLocation(line: 1, column: 1), "the file has no XML element")
        }
        completed =
            fedLast && !halted && state.pointee.rootClosed && !state.pointee.stopped
            && !state.pointee.fatalError
        if !completed && !state.pointee.stopped && !state.pointee.fatalError {
            reportIncomplete(halted: halted)
        }
    }

    /// Whether the start of the file can be parsed at all: it is not empty and declares an accepted encoding.
    /// Otherwise the refusal is reported and the pass ends before libxml2 sees a byte.
    private func accepts(_ start: UnsafeRawBufferPointer) -> Bool {
        // Only the first `declarationWindow` bytes, which `readStart` always has (or the whole file): the
        // verdict must not depend on how many bytes the first read happened to return (a file or a pipe).
        let encoding = DeclaredEncoding.sniff(
            UnsafeRawBufferPointer(rebasing: start.prefix(Self.declarationWindow)))
        state.pointee.encoding = encoding
        if start.isEmpty {
            state.pointee.refuse(
                Rules.malformedXML, at: SourceLocation(line: 1, column: 1), "the file is empty",
                hint: "export the filing again")
            return false
        }
        if let refusal = encoding.refusal, encoding.declarationRefused {
            state.pointee.refuse(
                Rules.malformedXML, at: SourceLocation(line: 1, column: 1), refusal,
                hint:
                    "export the filing again with the declaration <?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            return false
        }
        if let refusal = encoding.refusal {
            state.pointee.refuse(
                Rules.encoding, at: SourceLocation(line: 1, column: 1),
                "\(refusal); filings are accepted in \(DeclaredEncoding.acceptedList)",
                hint: "export the filing again as UTF-8")
            return false
        }
        return true
    }

    /// Feeds the rest of the first chunk (from `offset`, up to `admitted` of `count` bytes), then every
    /// further chunk through `gate`, until the end, a stop or a halt. Returns whether the final (terminating)
    /// chunk was fed and whether libxml2 halted on input it could not decode.
    private func feed(
        _ parser: PushParser, buffer: UnsafeMutableRawBufferPointer, count: Int, admitted: Int, offset: Int,
        gate: inout MarkupGate
    ) throws -> (fedLast: Bool, halted: Bool) {
        guard let base = buffer.baseAddress else { return (false, false) }
        var count = count
        var admitted = admitted
        var offset = offset
        var pending = admitted - offset
        while !state.pointee.stopped {
            if pending == 0 && admitted == count {
                count = try reader.read(into: buffer)
                digest?.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                bytesRead += count
                progress?(bytesRead)
                admitted = gate.admit(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) ?? count
                pending = admitted
                offset = 0
            }
            let last = pending == 0 && admitted == count
            state.pointee.finishing = last
            let status = parser.feed(base + offset, count: pending, last: last)
            offset += pending
            pending = 0
            // A negative status, or SAX disabled without a fatal error reported, is libxml2 halting on
            // input it could not decode: the rest of the document was never read.
            if status < 0 || parser.saxDisabled && !state.pointee.fatalError && !state.pointee.stopped {
                return (last, true)
            }
            if admitted < count && !state.pointee.stopped {
                state.pointee.refuse(
                    Rules.sizeLimit, at: state.pointee.currentLocation(),
                    "more than \(MarkupGate.limit) bytes of text, tag or comment without markup",
                    hint:
                        "a filing's values and tags are short: this file is damaged or not a disclosure filing"
                )
                return (false, false)
            }
            if last || status != 0 && !parser.wellFormed && parser.saxDisabled { return (last, false) }
        }
        return (false, false)
    }

    /// The pass ended before the document's end without a finding saying why (libxml2 halted on bytes it
    /// could not decode): say where it stopped, so the REJECT is located.
    private func reportIncomplete(halted: Bool) {
        let location = state.pointee.currentLocation()
        let encoding = state.pointee.encoding?.name ?? "UTF-8"
        let reason = halted ? ": the bytes there cannot be decoded as \(encoding)" : ""
        state.pointee.sink.report(
            Rules.malformedXML,
            at: SourceLocation(line: max(1, location.line), column: max(1, location.column)),
            "the reading stopped before the end of the document\(reason)",
            hint: halted
                ? "the bytes do not match the declared encoding \(encoding); export the filing again as UTF-8"
                : "the file is damaged; export it again")
    }

    /// The bytes in which the byte-order mark and the XML declaration must stand.
    static let declarationWindow = 4096

    /// Reads the start of the input: at least 4 KiB (or all of it), so that the byte-order mark and the XML
    /// declaration are seen whole even from a pipe that hands over a few bytes at a time. A declaration
    /// longer than that is refused (``DeclaredEncoding``).
    private func readStart(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var count = 0
        while count < Self.declarationWindow {
            let read = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            if read == 0 { break }
            digest?.update(UnsafeRawBufferPointer(rebasing: buffer[count..<(count + read)]))
            count += read
        }
        return count
    }

    /// The report: this pass's model values and findings together with the rule runner's findings.
    func report(merging ruleSink: DiagnosticSink) -> ValidationReport {
        let state = state.pointee
        var report = ValidationReport(file: name)
        report.bytesRead = bytesRead
        report.completed = completed
        if let digest { report.sha256 = digest.finalize() }
        report.header = state.sawHeader ? state.header : nil
        report.portfolio = state.sawPortfolio ? state.portfolio : nil
        report.operations = state.operations
        report.loanCount = state.loanCount
        report.hasLoans = state.hasLoans
        report.schemaViolations = state.schemaViolations
        report.diagnostics = (state.sink.stored + ruleSink.stored).sorted {
            ($0.line, $0.column, $0.ruleID) < ($1.line, $1.column, $1.ruleID)
        }
        report.countsByRule = state.sink.counts.merging(ruleSink.counts, uniquingKeysWith: +)
        // The XSD refused a value and left it to a rule that then found nothing wrong: the verdict follows the
        // XSD all the same, with a located finding.
        if report.completed, report.errorCount == 0, let location = state.hiddenSchemaViolation {
            let finding = Diagnostic(
                rule: Rules.schema, file: name, location: location,
                message: "the XSD refuses this amount or USCC, though GreenLedger's amount and USCC rules "
                    + "found nothing wrong with it",
                hint: "write yuan with at most two decimals and no sign, and an 18-character USCC")
            report.diagnostics.append(finding)
            report.diagnostics.sort { ($0.line, $0.column, $0.ruleID) < ($1.line, $1.column, $1.ruleID) }
            report.countsByRule[Rules.schema.id, default: 0] += 1
        }
        return report
    }
}
