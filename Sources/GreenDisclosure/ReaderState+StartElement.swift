internal import CLibXML2
import GreenTaxonomy

extension ReaderState {
    /// A start tag: check the root, read attributes, decide whether to capture text.
    mutating func startElement(
        _ name: ElementName, localName: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        namespaces: Int, attributes list: Attributes
    ) {
        let location = name.needsLocation || stack.isEmpty ? startLocation() : lineLocation()
        let parent = stack.last?.name ?? .unknown
        textBytes = 0
        guard admits(name, localName: localName, uri: uri, namespaces: namespaces, list, at: location) else {
            return
        }
        if schemaTables != nil {
            schemaStart(name, localName: localName, uri: uri, attributes: list, at: location)
        }
        stack.append(Frame(name: name, location: location))
        capturing = false
        switch parent {
        case .disclosure, .header, .lender: startDocumentElement(parent, name, list, at: location)
        case .portfolio, .district, .category: startPortfolioElement(parent, name, list, at: location)
        case .green, .activity, .benefits: startGreenElement(parent, name, list, at: location)
        case .operations: beginText()
        default: startLoanElement(parent, name, list, at: location)
        }
        // The compiled XSD engine checks every value, including those no rule reads.
        if !capturing, let frame = schemaFrames.last, frame.content == .simple { beginText() }
    }

    /// The checks every start tag passes before it is read: attribute count, the root, the depth. False
    /// after reporting the finding that ends the pass.
    mutating func admits(
        _ name: ElementName, localName: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        namespaces: Int,
        _ list: Attributes, at location: SourceLocation
    ) -> Bool {
        if list.count > Self.maximumAttributes || namespaces > Self.maximumAttributes {
            let local = localName.map { String(cString: $0) } ?? "?"
            let what = list.count > Self.maximumAttributes ? "attributes" : "namespace declarations"
            refuse(
                Rules.sizeLimit, at: location,
                "<\(local)> has more than \(Self.maximumAttributes) \(what)",
                hint: "an element of a filing has at most 6 attributes: this file is damaged or not a filing")
            return false
        }
        if stack.isEmpty {
            sawRoot = true
            let namespace = uri.map { String(cString: $0) }
            if name != .disclosure || namespace != Self.namespace {
                let local = localName.map { String(cString: $0) } ?? "?"
                let inNamespace = namespace.map { "in namespace \($0)" } ?? "without a namespace"
                refuse(
                    Rules.notADisclosure, at: location,
                    "the root element is <\(local)> \(inNamespace); a filing's root is <Disclosure> in \(Self.namespace)",
                    hint: "is this a GreenLedger disclosure filing (format v1)?")
                return false
            }
        }
        if stack.count >= Self.maximumDepth {
            refuse(
                Rules.malformedXML, at: location,
                "elements are nested more than \(Self.maximumDepth) deep; a filing nests at most 6",
                hint: "this is not a disclosure filing, or it is damaged")
            return false
        }
        return true
    }

    /// A start tag in `<Disclosure>`, `<Header>` or `<Lender>`: sections and header fields.
    mutating func startDocumentElement(
        _ parent: ElementName, _ name: ElementName, _ list: Attributes, at location: SourceLocation
    ) {
        switch (parent, name) {
        case (.disclosure, .header): sawHeader = true
        case (.header, .lender):
            header.lenderUSCC = list.string(.uscc) ?? ""
            header.lenderKind = list.string(.kind) ?? ""
            lenderLocation = location
        case (.lender, .name):
            nameLanguage = list.string(.lang)
            beginText()
        case (.header, .preparedOn):
            preparedOnLocation = location
            beginText()
        case (.header, .period), (.header, .revision), (.header, .currency):
            beginText()
        case (.disclosure, .portfolio):
            sawPortfolio = true
            portfolio.location = location
        case (.disclosure, .loans): hasLoans = true
        case (.disclosure, .operations):
            var figures = OperationsFigures()
            figures.year = list.year(.year)
            figures.employees = list.integer(.employees)
            figures.location = location
            operations = figures
        default:
            break
        }
    }

    /// A start tag in `<Portfolio>` and its District and Category rows.
    mutating func startPortfolioElement(
        _ parent: ElementName, _ name: ElementName, _ list: Attributes, at location: SourceLocation
    ) {
        switch (parent, name) {
        case (.portfolio, .totalLoans), (.portfolio, .greenLoans), (.portfolio, .techEnterpriseLoans),
            (.portfolio, .inclusiveSmallMicroLoans), (.portfolio, .manufacturingMidLongTermLoans),
            (.portfolio, .nonPerformingLoans), (.district, .totalLoans), (.district, .greenLoans),
            (.category, .greenLoans):
            beginText()
        case (.portfolio, .district):
            guard portfolio.districts.count < Self.maximumRows else {
                return tooManyRows(Rules.portfolioDistrict, "District", at: location)
            }
            portfolio.districts.append(DistrictFigures(code: list.string(.code) ?? "", location: location))
        case (.portfolio, .category):
            guard portfolio.categories.count < Self.maximumRows else {
                return tooManyRows(Rules.portfolioCategory, "Category", at: location)
            }
            portfolio.categories.append(
                CategoryFigures(
                    standard: list.string(.standard) ?? "", code: list.string(.code) ?? "", location: location
                ))
        default:
            break
        }
    }

    /// A start tag in `<Loans>` and below: a loan, its borrower, green detail and emissions.
    /// A start tag in `<Loans>` or a `<Loan>`: the loan, its borrower and fields, its emissions.
    mutating func startLoanElement(
        _ parent: ElementName, _ name: ElementName, _ list: Attributes, at location: SourceLocation
    ) {
        switch (parent, name) {
        case (.loans, .loan):
            loan = Loan()
            fieldLocations = LoanFieldLocations()
            loan.id = list.string(.id) ?? ""
            loan.location = location
        case (.loan, .borrower):
            loan.borrowerUSCC = list.string(.uscc) ?? ""
            loan.district = list.string(.district, cache: &strings.district) ?? ""
            loan.industry = list.string(.industry, cache: &strings.industry) ?? ""
            loan.size = list.string(.size, cache: &strings.size) ?? ""
            fieldLocations.borrower = location
            beginText()
        case (.loan, .balance):
            fieldLocations.balance = location
            beginText()
        case (.loan, .originated):
            fieldLocations.originated = location
            beginText()
        case (.loan, .maturity):
            fieldLocations.maturity = location
            beginText()
        case (.loan, .classification), (.loan, .segments):
            beginText()
        case (.loan, .green):
            loan.green = GreenDetail(
                standard: list.string(.standard, cache: &strings.standard) ?? "",
                code: list.string(.code, cache: &strings.code) ?? "",
                carbonFacility: list.bool(.carbonFacility) ?? false, location: location)
        case (.loan, .emissions):
            var emissions = BorrowerEmissions(basis: list.string(.basis, cache: &strings.basis) ?? "")
            emissions.year = list.year(.year)
            emissions.scope1Tonnes = list.quantity(.scope1)
            emissions.scope2Tonnes = list.quantity(.scope2)
            emissions.quality = list.integer(.quality)
            if let bytes = list.bytes(.denominator) {
                emissions.denominator = money(bytes, element: "Emissions/@denominator", at: location)
            }
            loan.emissions = emissions
        default:
            break
        }
    }

    /// A start tag in a loan's `<Green>` detail: project, activity and declared benefits.
    mutating func startGreenElement(
        _ parent: ElementName, _ name: ElementName, _ list: Attributes, at location: SourceLocation
    ) {
        switch (parent, name) {
        case (.green, .project):
            fieldLocations.project = location
            var project = FinancedProject(nameText: UTF8Text(bytes: Array((list.string(.name) ?? "").utf8)))
            if let bytes = list.bytes(.totalInvestment) {
                project.totalInvestment = money(bytes, element: "Project/@totalInvestment", at: location)
            }
            project.eiaRequired = list.bool(.eiaRequired)
            project.evaluation = list.string(.evaluation, cache: &strings.evaluation)
            loan.green?.project = project
        case (.activity, .generation):
            fieldLocations.activity = location
            loan.green?.activity = .generation(
                technology: list.string(.technology, cache: &strings.technology) ?? "",
                capacityMW: list.quantity(.capacityMW),
                annualMWh: list.quantity(.annualMWh))
        case (.activity, .energySaving):
            fieldLocations.activity = location
            loan.green?.activity = .energySaving(
                annualTce: list.quantity(.annualTce), annualMWhSaved: list.quantity(.annualMWhSaved),
                fuel: list.string(.fuel, cache: &strings.fuel))
        case (.activity, .building):
            fieldLocations.activity = location
            loan.green?.activity = .building(
                floorAreaM2: list.quantity(.floorAreaM2), annualMWhSaved: list.quantity(.annualMWhSaved),
                rating: list.string(.rating))
        case (.activity, .transport):
            fieldLocations.activity = location
            loan.green?.activity = .transport(
                vehicles: list.integer(.vehicles), annualKm: list.quantity(.annualKm),
                kind: list.string(.kind) ?? "")
        case (.green, .benefits):
            loan.green?.benefits = DeclaredBenefits()
        case (.benefits, _):
            if name == .co2e { fieldLocations.co2e = location }
            beginText()
        default:
            break
        }
    }

    /// Attributes (and namespace declarations) allowed on one element; format v1 uses at most 6.
    static let maximumAttributes = 64

    /// Portfolio rows kept; a real filing has about a dozen. Beyond this the file is refused rather than let
    /// memory grow with it.
    static let maximumRows = 1000

    mutating func tooManyRows(_ rule: Rule, _ element: String, at location: SourceLocation) {
        refuse(
            rule, at: location,
            "more than \(Self.maximumRows) \(element) rows; a filing has one per district or category",
            hint: "this file is damaged or not a disclosure filing")
    }
}
