internal import CLibXML2
import GreenTaxonomy

/// One open element: what it is and where its start tag begins.
struct Frame {
    var name: ElementName
    var location: SourceLocation
}

/// Everything one pass holds. Lives behind a pointer for the SAX callbacks; never crosses threads.
struct ReaderState {
    static let namespace = "urn:greenledger:disclosure:1"
    /// Filings nest at most 6 deep; libxml2 2.9 enforces no depth limit in push mode, so this one does.
    static let maximumDepth = 32

    let fileName: String
    let options: ReaderOptions
    var sink: DiagnosticSink
    var names: NameTable
    var attributes: AttributeTable
    var strings = AttributeStrings()
    var parser: UnsafeMutablePointer<xmlParserCtxt>?
    /// Events for the checking thread, handed over in batches.
    var events: [ReaderEvent] = []
    let queue: EventQueue

    var stack: [Frame] = []
    /// The element that closed last, for locating validity errors reported at its end tag.
    var lastClosed: Frame?
    var text = TextBuffer()
    var capturing = false
    var stopped = false
    var sawRoot = false
    var fatalError = false
    /// True while libxml2 parses the final chunk.
    var finishing = false
    /// The root's end tag was read.
    var rootClosed = false
    /// What the file's first bytes declare.
    var encoding: DeclaredEncoding?
    /// Bytes of character data in the element being read (all of it, captured or not), for the text limit.
    var textBytes = 0

    var header = FilingHeader()
    var sawHeader = false
    var lenderLocation = SourceLocation(line: 0, column: 0)
    var preparedOnLocation = SourceLocation(line: 0, column: 0)
    var nameLanguage: String?
    var portfolio = Portfolio()
    var sawPortfolio = false
    var operations: OperationsFigures?
    var loan = Loan()
    var fieldLocations = LoanFieldLocations()
    var loanCount = 0
    var hasLoans = false

    /// The compiled XSD engine's tables; nil when libxml2's XSD engine is plugged in instead.
    let schemaTables: UnsafePointer<SchemaTables>?
    /// The compiled engine's view of the open elements (parallel to `stack`).
    var schemaFrames: [SchemaFrame] = []
    /// XSD violations found, reported or left to a more specific rule.
    var schemaViolations = 0
    /// Where the first XSD violation left to a more specific rule (an amount, a USCC) was: if that rule did
    /// not report it after all, the pass reports it here rather than ACCEPT (``ParsePass/report(merging:)``).
    var hiddenSchemaViolation: SourceLocation?
    /// Interned attribute-name pointers to ``AttributeName`` codes, for the compiled engine.
    var attributeCodes = PointerTable(capacity: 64)
    /// The format's namespace as interned in the parser's dictionary.
    var formatNamespace: UnsafeRawPointer?

    /// Events per batch: large enough to make the hand-over cheap, small enough to keep memory flat.
    static let batchSize = 512

    init(fileName: String, options: ReaderOptions, queue: EventQueue) {
        self.fileName = fileName
        self.options = options
        self.queue = queue
        sink = DiagnosticSink(file: fileName, storedPerRule: options.storedFindingsPerRule)
        names = NameTable(dictionary: nil)
        attributes = AttributeTable(dictionary: nil)
        schemaTables = options.xsdEngine == .compiled ? UnsafePointer(SchemaTables.shared) : nil
        stack.reserveCapacity(16)
        schemaFrames.reserveCapacity(16)
    }

    /// Interns what the compiled XSD engine compares by pointer in the parser's dictionary.
    mutating func prepareSchema(dictionary: OpaquePointer?) {
        guard schemaTables != nil, let dictionary else { return }
        for name in AttributeName.allCases where name != .unknown {
            if let pointer = attributes.pointer(name) { attributeCodes.insert(pointer, name.rawValue) }
        }
        formatNamespace = xmlDictLookup(dictionary, Self.namespace, -1).map(UnsafeRawPointer.init)
    }

    /// Where the start tag being reported begins: the parser stands at its end, so find its `<` (attribute
    /// values cannot contain one) and count the characters in between.
    // `mutating` only so that a call passes `self` by reference: a non-mutating call on this 1.7 KB struct
    // copies it whole in release builds (measured: a tenth of the parse's instructions went to memcpy).
    mutating func startLocation() -> SourceLocation {
        guard let parser, let input = parser.pointee.input, let cur = input.pointee.cur,
            let base = input.pointee.base,
            cur > base
        else { return SourceLocation(line: 0, column: 0) }
        let line = Int(input.pointee.line)
        let column = Int(input.pointee.col)
        // Find the tag's '<' (glibc's memrchr is vectorised), then check the tag for non-ASCII bytes and line
        // feeds in one branch-free pass; only then count characters one by one.
        guard let found = clx_last_byte(base, Int32(UInt8(ascii: "<")), cur - base) else {
            return SourceLocation(line: line, column: 1)
        }
        let open = found
        let tag = UnsafeBufferPointer(start: open + 1, count: cur - open - 1)
        let (high, feeds) = Self.scan(tag)
        var characters = tag.count
        let newlines = feeds
        if high >= 0x80 {
            characters = 0
            for byte in tag where byte & 0xC0 != 0x80 { characters &+= 1 }
        }
        if newlines == 0 { return SourceLocation(line: line, column: max(1, column - characters - 1)) }
        // The tag spans lines: count the '<' column from the start of its own line, if still buffered.
        var scan = open
        var leading = 0
        while scan > base, (scan - 1).pointee != 0x0A {
            scan -= 1
            if scan.pointee & 0xC0 != 0x80 { leading += 1 }
        }
        return SourceLocation(line: line - newlines, column: leading + 1)
    }

    /// The OR of all bytes (≥ 0x80 means non-ASCII) and the number of line feeds, 16 bytes at a time.
    @inline(__always)
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt8, Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        var ored = SIMD16<UInt8>()
        var feeds = 0
        var offset = 0
        let newline = SIMD16<UInt8>(repeating: 0x0A)
        while offset + 16 <= bytes.count {
            let chunk = raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
            ored |= chunk
            if any(chunk .== newline) {
                for index in 0..<16 where chunk[index] == 0x0A { feeds += 1 }
            }
            offset += 16
        }
        var high = ored.max()
        while offset < bytes.count {
            let byte = base[offset]
            high |= byte
            if byte == 0x0A { feeds += 1 }
            offset += 1
        }
        return (high, feeds)
    }

    /// The current line, column unknown (0): for elements no rule reports on.
    // `mutating` only so that a call passes `self` by reference: a non-mutating call on this 1.7 KB struct
    // copies it whole in release builds (measured: a tenth of the parse's instructions went to memcpy).
    mutating func lineLocation() -> SourceLocation {
        guard let input = parser?.pointee.input else { return SourceLocation(line: 0, column: 0) }
        return SourceLocation(line: Int(input.pointee.line), column: 0)
    }

    /// The parser's current position (for end tags and text).
    // `mutating` only so that a call passes `self` by reference: a non-mutating call on this 1.7 KB struct
    // copies it whole in release builds (measured: a tenth of the parse's instructions went to memcpy).
    mutating func currentLocation() -> SourceLocation {
        guard let parser else { return SourceLocation(line: 0, column: 0) }
        return SourceLocation(
            line: Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(parser))),
            column: Int(xmlSAX2GetColumnNumber(UnsafeMutableRawPointer(parser))))
    }

    mutating func emit(_ event: ReaderEvent) {
        events.append(event)
        if events.count >= Self.batchSize { flush() }
    }

    mutating func flush() {
        guard !events.isEmpty else { return }
        queue.push(events)
        events = []
        events.reserveCapacity(Self.batchSize)
    }

    /// Ends the pass: every callback ignores what follows and no further chunk is fed. libxml2 itself is not
    /// stopped here: `xmlStopParser` inside `startElementNs` frees the input while the schema plug still
    /// uses the attribute values it passed on (a use-after-free crash in libxml2 2.9, found here).
    mutating func stop() {
        stopped = true
    }

    /// Reports a finding that ends the pass.
    mutating func refuse(_ rule: Rule, at location: SourceLocation, _ message: String, hint: String? = nil) {
        sink.report(rule, at: location, message, hint: hint)
        stop()
    }

    /// Ends the pass and stops libxml2 at once. Only where no attribute values are in flight: the DOCTYPE
    /// callback and fatal errors.
    mutating func halt() {
        stopped = true
        if let parser { xmlStopParser(parser) }
    }

    /// Parses a money text, reporting GL-AMT-001 when it is malformed.
    mutating func money(_ bytes: some Collection<UInt8>, element: String, at location: SourceLocation)
        -> Money?
    {
        switch Money.parse(bytes) {
        case .success(let value):
            return value
        case .failure(let error):
            let shown = String(decoding: bytes.prefix(60), as: UTF8.self)
            sink.report(
                Rules.malformedAmount, at: location, "malformed amount '\(shown)' in \(element): \(error)",
                hint: "write yuan with at most two decimals and no separators, e.g. 12000000.00",
                loanID: loan.id.isEmpty ? nil : loan.id)
            return nil
        }
    }
}

/// Where a loan's fields were, for findings about them.
struct LoanFieldLocations {
    var borrower = SourceLocation(line: 0, column: 0)
    var balance = SourceLocation(line: 0, column: 0)
    var originated = SourceLocation(line: 0, column: 0)
    var maturity = SourceLocation(line: 0, column: 0)
    var project = SourceLocation(line: 0, column: 0)
    var activity = SourceLocation(line: 0, column: 0)
    var co2e = SourceLocation(line: 0, column: 0)
}
