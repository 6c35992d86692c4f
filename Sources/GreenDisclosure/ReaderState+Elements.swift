internal import CLibXML2
import GreenTaxonomy

extension ReaderState {
    mutating func beginText() {
        text.reset()
        capturing = true
    }

    /// Character data (text, CDATA sections and character references alike, as any XML reader sees them).
    mutating func characters(_ pointer: UnsafePointer<xmlChar>, _ count: Int, cdata: Bool = false) {
        textBytes += count
        if textBytes > TextBuffer.limit {
            let element = stack.last?.name.xmlName ?? "?"
            return refuse(
                Rules.sizeLimit, at: currentLocation(),
                "the text of <\(element)> is longer than \(TextBuffer.limit) bytes",
                hint: "a filing's values are short: this file is damaged or not a disclosure filing")
        }
        // A CDATA section is character data, but the XSD treats it apart in element-only and empty content.
        if schemaTables != nil { schemaText(pointer, count, cdata: cdata) }
        guard capturing else { return }
        text.append(pointer, count)
    }

    /// An end tag: store the captured value, and run the checks due when a section or a loan closes.
    mutating func endElement() {
        guard let frame = stack.popLast() else { return }
        if schemaTables != nil { schemaEnd(frame) }
        textBytes = 0
        lastClosed = frame
        let parent = stack.last?.name ?? .unknown
        let wasCapturing = capturing
        capturing = false
        let location = frame.location
        switch (parent, frame.name) {
        case (.lender, .name) where wasCapturing:
            let value = String(decoding: text.bytes, as: UTF8.self)
            if nameLanguage == "zh" {
                header.lenderNameZh = value
            } else if nameLanguage == "en" {
                header.lenderNameEn = value
            }
        case (.header, .period): readPeriod(at: location)
        case (.header, .revision): readRevision(at: location)
        case (.header, .preparedOn): header.preparedOn = XMLDate.parse(text.trimmed)
        case (.header, .currency): header.currency = trimmed
        case (.disclosure, .header):
            emit(.header(header, lender: lenderLocation, preparedOn: preparedOnLocation))
        case (.portfolio, .totalLoans): portfolio.totalLoans = figure("TotalLoans", location)
        case (.portfolio, .greenLoans): portfolio.greenLoans = figure("GreenLoans", location)
        case (.portfolio, .techEnterpriseLoans):
            portfolio.techEnterpriseLoans = figure("TechEnterpriseLoans", location)
        case (.portfolio, .inclusiveSmallMicroLoans):
            portfolio.inclusiveSmallMicroLoans = figure("InclusiveSmallMicroLoans", location)
        case (.portfolio, .manufacturingMidLongTermLoans):
            portfolio.manufacturingMidLongTermLoans = figure("ManufacturingMidLongTermLoans", location)
        case (.portfolio, .nonPerformingLoans):
            portfolio.nonPerformingLoans = figure("NonPerformingLoans", location)
        case (.district, .totalLoans):
            let value = money(text.bytes, element: "District/TotalLoans", at: location)
            if !portfolio.districts.isEmpty {
                portfolio.districts[portfolio.districts.count - 1].totalLoans = value
            }
        case (.district, .greenLoans):
            let value = money(text.bytes, element: "District/GreenLoans", at: location)
            if !portfolio.districts.isEmpty {
                portfolio.districts[portfolio.districts.count - 1].greenLoans = value
            }
        case (.category, .greenLoans):
            let value = money(text.bytes, element: "Category/GreenLoans", at: location)
            if !portfolio.categories.isEmpty {
                portfolio.categories[portfolio.categories.count - 1].greenLoans = value
            }
        case (.disclosure, .portfolio): emit(.portfolio(portfolio))
        case (.loan, .borrower): loan.borrowerNameText = UTF8Text(bytes: Array(text.bytes))
        case (.loan, .balance): loan.balance = money(text.bytes, element: "Balance", at: location)
        case (.loan, .originated): loan.originated = XMLDate.parse(text.trimmed)
        case (.loan, .maturity): loan.maturity = XMLDate.parse(text.trimmed)
        case (.loan, .classification): loan.classification = LoanClassification(bytes: text.trimmed)
        case (.loan, .segments): loan.segments = LoanSegments(bytes: text.bytes)
        case (.benefits, let item):
            let value = Quantity.parse(text.bytes)
            switch item {
            case .co2e: loan.green?.benefits?.co2eTonnes = value
            case .standardCoal: loan.green?.benefits?.standardCoalTce = value
            case .cod: loan.green?.benefits?.codTonnes = value
            case .ammoniaNitrogen: loan.green?.benefits?.ammoniaNitrogenTonnes = value
            case .so2: loan.green?.benefits?.so2Tonnes = value
            case .nox: loan.green?.benefits?.noxTonnes = value
            case .waterSaved: loan.green?.benefits?.waterSavedTonnes = value
            default: break
            }
        case (.loans, .loan): finishLoan()
        case (.operations, let item):
            if let key = item.operationsItem, let value = Quantity.parse(text.bytes) {
                operations?.values[key] = value
            }
        case (.unknown, .disclosure):
            rootClosed = true
            finishDocument()
        default: break
        }
    }

    /// The Period: a year outside ``ReportingPeriod/years`` is a finding, never a silent "no period". Texts
    /// not of the period's shape are left to the XSD (GL-XSD-001).
    mutating func readPeriod(at location: SourceLocation) {
        let value = trimmed
        header.period = ReportingPeriod(value)
        let shape =
            value.utf8.count == 4
            || value.utf8.count == 7 && value.dropFirst(4).hasPrefix("-Q") && "1234".contains(value.suffix(1))
        if header.period == nil, shape, value.prefix(4).allSatisfy({ ("0"..."9").contains($0) }) {
            sink.report(
                Rules.periodRange, at: location,
                "Period '\(value)' names year \(value.prefix(4)); GreenLedger accepts years "
                    + "\(ReportingPeriod.years.lowerBound) to \(ReportingPeriod.years.upperBound)",
                hint: "write the reporting quarter, e.g. 2026-Q3")
        }
    }

    /// The Revision: a whole number from 1 to 2,147,483,647; anything else is a finding, never a default.
    mutating func readRevision(at location: SourceLocation) {
        let value = trimmed
        if value.isEmpty {  // <Revision/>: the XSD's default applies
            header.revision = 1
            return
        }
        let digits = value.hasPrefix("+") ? value.dropFirst() : Substring(value)
        if let number = Int32(digits), number >= 1, digits.allSatisfy({ ("0"..."9").contains($0) }) {
            header.revision = Int(number)
            return
        }
        header.revision = 0
        let shown = String(value.prefix(40)) + (value.count > 40 ? "…" : "")
        sink.report(
            Rules.revisionRange, at: location,
            "Revision '\(shown)' is not a whole number from 1 to \(Int32.max)",
            hint: "a first filing is revision 1; a corrected re-filing carries the next number")
    }

    var trimmed: String {
        mutating get { String(decoding: text.trimmed, as: UTF8.self) }
    }

    mutating func figure(_ element: String, _ location: SourceLocation) -> Portfolio.Figure? {
        money(text.bytes, element: element, at: location).map {
            Portfolio.Figure(amount: $0, location: location)
        }
    }

    mutating func finishLoan() {
        loanCount += 1
        // Move the loan into the event (no copy, so no reference counting shared with the other thread).
        var finished = Loan()
        swap(&finished, &loan)
        emit(.loan(finished, fieldLocations))
    }

    mutating func finishDocument() {
        emit(.end(hasLoans: hasLoans))
    }
}

extension UInt8 {
    /// Space, tab, line feed or carriage return.
    @inline(__always) var isXMLWhitespace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D
    }
}

extension LoanClassification {
    /// Parses the classification word from bytes.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.equals("normal") {
            self = .normal
        } else if bytes.equals("special-mention") {
            self = .specialMention
        } else if bytes.equals("substandard") {
            self = .substandard
        } else if bytes.equals("doubtful") {
            self = .doubtful
        } else if bytes.equals("loss") {
            self = .loss
        } else {
            return nil
        }
    }
}

extension LoanSegments {
    /// Parses the space-separated segment list from bytes; unknown words are left to the XSD.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index].isXMLWhitespace {
            let word = UnsafeBufferPointer(rebasing: bytes[start..<index])
            if word.equals("inclusive-small-micro") {
                insert(.inclusiveSmallMicro)
            } else if word.equals("tech-enterprise") {
                insert(.techEnterprise)
            } else if word.equals("manufacturing-mid-long-term") {
                insert(.manufacturingMidLongTerm)
            }
            start = index + 1
        }
    }
}
