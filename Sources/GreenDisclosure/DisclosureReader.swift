internal import CLibXML2
import Glibc

/// Reads a disclosure filing in one streaming pass: libxml2's SAX2 push parser, the format-v1 XSD checked
/// on the reader's element state machine (or by libxml2's XSD engine, ``XSDEngine/libxml2``), and the
/// business rules applied as values complete. Hands each loan to
/// `onLoan` and returns the findings with the header and declared figures.
///
/// Safe on untrusted input: no network, no entity substitution, no DTD loading, DOCTYPE rejected, libxml2's
/// default limits on entity expansion, text size and depth (256) kept. Memory does not grow with file size.
/// Synchronous: run one reader per thread; readers on different threads are independent.
public enum DisclosureReader {
    /// Bytes handed to libxml2 per call.
    static let chunkSize = 256 * 1024

    /// Validates `input` and returns the report. Throws ``FilingReadError`` only when the input cannot be
    /// read at all; everything wrong with its content is a finding in the report.
    ///
    /// With ``ReaderOptions/pipelined`` (the default) libxml2 parses on a worker thread while the rules run,
    /// and `onLoan` is called, on the calling thread; the two exchange bounded batches, so memory stays flat
    /// whatever the file's size. Otherwise both run on the calling thread, one batch at a time.
    public static func validate(
        _ input: FilingInput, options: ReaderOptions = ReaderOptions(), onLoan: ((Loan) -> Void)? = nil
    ) throws -> ValidationReport {
        try validate(
            input, options: options, onLoanInPeriod: onLoan.map { call in { loan, _ in call(loan) } })
    }

    /// ``validate(_:options:onLoan:)`` whose callback also gets the filing's reporting period (read from the
    /// header, which precedes the loans; nil when it is missing or unreadable).
    public static func validate(
        _ input: FilingInput, options: ReaderOptions = ReaderOptions(),
        onLoanInPeriod onLoan: ((Loan, ReportingPeriod?) -> Void)?
    ) throws -> ValidationReport {
        _ = LibXML2.initialized
        switch options.xsdEngine {
        case .compiled: _ = SchemaTables.shared
        case .libxml2: _ = DisclosureSchema.shared
        }
        let reader = try ChunkReader(input)
        let runner = RunnerBox(RuleRunner(fileName: input.displayName, options: options, onLoan: onLoan))
        guard options.pipelined else {
            let queue = EventQueue { batch in
                for event in batch { runner.value.handle(event) }
            }
            let pass = ParsePass(reader: reader, name: input.displayName, options: options, queue: queue)
            pass.run()
            if let error = pass.readError { throw error }
            return pass.report(merging: runner.value.sink)
        }
        let queue = EventQueue(capacity: 8)
        let pass = ParsePass(reader: reader, name: input.displayName, options: options, queue: queue)
        let worker = WorkerThread { pass.run() }
        let status = worker.start()
        guard status == 0 else {
            reader.close()
            throw FilingReadError(
                file: input.displayName,
                reason: "could not start a parsing thread (\(String(cString: strerror(status))))")
        }
        while let batch = queue.pop() {
            for event in batch { runner.value.handle(event) }
        }
        worker.join()
        if let error = pass.readError { throw error }
        return pass.report(merging: runner.value.sink)
    }

    /// The SAX2 callbacks. `context` is our state pointer (the schema plug passes it through).
    static func makeHandler() -> xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, localName, _, uri, namespaces, _, count, _, attributes in
            let state = context!.assumingMemoryBound(to: ReaderState.self)
            guard !state.pointee.stopped else { return }
            let name = state.pointee.names.name(localName)
            let list = Attributes(base: attributes, count: Int(count), table: state.pointee.attributes)
            state.pointee.startElement(
                name, localName: localName, uri: uri, namespaces: Int(namespaces), attributes: list)
        }
        sax.endElementNs = { context, _, _, _ in
            let state = context!.assumingMemoryBound(to: ReaderState.self)
            guard !state.pointee.stopped else { return }
            state.pointee.endElement()
        }
        sax.characters = { context, characters, count in
            let state = context!.assumingMemoryBound(to: ReaderState.self)
            guard let characters, !state.pointee.stopped else { return }
            state.pointee.characters(characters, Int(count))
        }
        // A CDATA section is character data like any other: `<![CDATA[9]]>169596.00` reads 9169596.00.
        sax.cdataBlock = { context, characters, count in
            let state = context!.assumingMemoryBound(to: ReaderState.self)
            guard let characters, !state.pointee.stopped else { return }
            state.pointee.characters(characters, Int(count), cdata: true)
        }
        sax.internalSubset = { context, name, _, _ in
            let state = context!.assumingMemoryBound(to: ReaderState.self)
            guard !state.pointee.stopped else { return }
            let location = state.pointee.currentLocation()
            state.pointee.sink.report(
                Rules.forbiddenDTD, at: location,
                "a DOCTYPE declaration (<!DOCTYPE \(name.map { String(cString: $0) } ?? "")>) is not allowed in a filing",
                hint: "remove it: filings use no DTD, entities or external references")
            state.pointee.halt()
        }
        sax.serror = { _, error in
            // Under the schema plug the context is the plug's, not ours: find our state through the parser.
            guard let error, let parser = error.pointee.ctxt?.assumingMemoryBound(to: xmlParserCtxt.self),
                let raw = parser.pointee._private
            else { return }
            raw.assumingMemoryBound(to: ReaderState.self).pointee.parserError(error.pointee)
        }
        return sax
    }

    /// Schema validity errors arrive here with our state as context.
    static let schemaError: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        context.assumingMemoryBound(to: ReaderState.self).pointee.schemaError(error.pointee)
    }
}

extension ReaderState {
    /// A parser error: fatal ones end the pass with GL-XML-001.
    mutating func parserError(_ error: xmlError) {
        guard !stopped else { return }
        let message = Self.oneLine(error.message.map { String(cString: $0) } ?? "malformed XML")
        let location = SourceLocation(line: Int(error.line), column: max(1, Int(error.int2)))
        if error.level == XML_ERR_FATAL {
            guard !fatalError else { return }
            fatalError = true
            if finishing, let open = stack.last {
                // libxml2 words a premature end as "Extra content…"; say what is missing instead.
                sink.report(
                    Rules.malformedXML, at: currentLocation(),
                    "the file ends inside <\(open.name.xmlName)> opened at line \(open.location.line)",
                    hint: "the file is truncated or an end tag is missing; export it again")
                stop()
                return
            }
            let text = error.code == 4 ? "the file holds no XML element" : message  // XML_ERR_DOCUMENT_EMPTY
            sink.report(Rules.malformedXML, at: location, text, hint: Self.hint(forParserError: error.code))
            stop()
        } else if error.level == XML_ERR_ERROR {
            sink.report(Rules.malformedXML, at: location, message)
        }
    }

    /// A validity error from the XSD. Errors our own rules report better (amounts, USCC) are left to them.
    mutating func schemaError(_ error: xmlError) {
        guard !stopped else { return }
        schemaViolations += 1
        let message = Self.oneLine(error.message.map { String(cString: $0) } ?? "schema error")
            .replacing("{\(Self.namespace)}", with: "")
        let line = Int(error.line)
        // Values are validated at their end tag, so the element may have just closed.
        let frames = stack + (lastClosed.map { [$0] } ?? [])
        let column = max(1, frames.last(where: { $0.location.line == line })?.location.column ?? 1)
        let location = SourceLocation(line: line, column: column)
        if Self.leftToTheRules(message) {
            hiddenSchemaViolation = hiddenSchemaViolation ?? location
            return
        }
        sink.report(Rules.schema, at: location, message)
    }

    /// Whether libxml2's `message` refuses the value of an amount or a USCC, which GL-AMT-001, GL-HDR-001
    /// and GL-LOAN-002 report more clearly. Decided from the element and attribute libxml2 names at the
    /// start of its message and the kind of refusal that follows, never from text anywhere in the message:
    /// the message quotes the filing's value, which could mention `'USCC'` itself (a hostile review hid a
    /// NonEmptyText refusal that way). A negative amount below a minExclusive 0 is the amount rule's; zero is
    /// the XSD's.
    static func leftToTheRules(_ message: String) -> Bool {
        guard message.hasPrefix("Element '") else { return false }
        var rest = message.dropFirst("Element '".count)
        guard let end = rest.firstIndex(of: "'") else { return false }
        var subject = String(rest[..<end])
        rest = rest[rest.index(after: end)...]
        if rest.hasPrefix(", attribute '") {
            rest = rest.dropFirst(", attribute '".count)
            guard let close = rest.firstIndex(of: "'") else { return false }
            subject += "/@" + rest[..<close]
            rest = rest[rest.index(after: close)...]
        }
        guard CompiledSchema.valuesReportedByRules.contains(subject), rest.hasPrefix(": ") else {
            return false
        }
        let refusal = rest.dropFirst(2)
        if refusal.hasPrefix("[facet 'minExclusive']") {
            return refusal.hasPrefix("[facet 'minExclusive'] The value '-")
        }
        return refusal.hasPrefix("[facet '") || refusal.hasPrefix("'")
    }

    /// libxml2's message on one line: runs of whitespace (including its embedded newlines) become one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(
            separator: " ")
    }

    static func hint(forParserError code: Int32) -> String? {
        switch code {
        case 4: "is it an XML export of the filing?"  // XML_ERR_DOCUMENT_EMPTY
        case 5: "the file ends early: it may be truncated"  // XML_ERR_DOCUMENT_END
        case 9: "the bytes do not match the declared encoding"  // XML_ERR_INVALID_CHAR
        case 89: "entity references that expand recursively are refused"  // XML_ERR_ENTITY_LOOP
        default: nil
        }
    }
}

/// The rule runner behind a reference, so that a batch consumer closure can mutate it in place.
final class RunnerBox {
    var value: RuleRunner
    init(_ value: RuleRunner) { self.value = value }
}
