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
    var checker: RuleChecker
    var names: NameTable
    var attributes: AttributeTable
    var parser: UnsafeMutablePointer<xmlParserCtxt>?
    var onLoan: ((Loan) -> Void)?

    var stack: [Frame] = []
    /// The element that closed last, for locating validity errors reported at its end tag.
    var lastClosed: Frame?
    var text: [UInt8] = []
    var capturing = false
    var stopped = false
    var sawRoot = false
    var fatalError = false
    /// True while libxml2 parses the final chunk.
    var finishing = false

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
    var totals = LoanTotals()

    init(fileName: String, options: ReaderOptions, onLoan: ((Loan) -> Void)?) {
        self.fileName = fileName
        self.options = options
        self.onLoan = onLoan
        sink = DiagnosticSink(file: fileName, storedPerRule: options.storedFindingsPerRule)
        checker = RuleChecker(options: options)
        names = NameTable(dictionary: nil)
        attributes = AttributeTable(dictionary: nil)
        stack.reserveCapacity(16)
        text.reserveCapacity(256)
    }

    /// Where the start tag being reported begins: scans back from the parser's position to its `<`.
    func startLocation() -> SourceLocation {
        guard let parser, let input = parser.pointee.input, let cur = input.pointee.cur,
            let base = input.pointee.base
        else { return SourceLocation(line: 0, column: 0) }
        let line = Int(input.pointee.line)
        let column = Int(input.pointee.col)
        var pointer = cur
        var characters = 0
        var newlines = 0
        while pointer > base {
            pointer -= 1
            let byte = pointer.pointee
            if byte == UInt8(ascii: "<") { break }
            if byte == 0x0A { newlines += 1 }
            if byte & 0xC0 != 0x80 { characters += 1 }
        }
        if newlines == 0 { return SourceLocation(line: line, column: max(1, column - characters - 1)) }
        // The tag spans lines: count the '<' column from the start of its own line, if still buffered.
        var scan = pointer
        var leading = 0
        while scan > base, (scan - 1).pointee != 0x0A {
            scan -= 1
            if scan.pointee & 0xC0 != 0x80 { leading += 1 }
        }
        return SourceLocation(line: line - newlines, column: leading + 1)
    }

    /// The parser's current position (for end tags and text).
    func currentLocation() -> SourceLocation {
        guard let parser else { return SourceLocation(line: 0, column: 0) }
        return SourceLocation(
            line: Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(parser))),
            column: Int(xmlSAX2GetColumnNumber(UnsafeMutableRawPointer(parser))))
    }

    mutating func stop() {
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
