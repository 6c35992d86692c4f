import GreenTaxonomy

/// The business rules of format v1, applied while the filing streams past. Holds caches of taxonomy
/// answers so that a million loans under the same code cost one lookup.
struct RuleChecker {
    let options: ReaderOptions
    let taxonomy = Taxonomy.standard
    /// A handful of codes: a linear search of small strings beats hashing.
    let districtCodes: [String]
    let eligible: [GreenKey: String]
    var seenLoanIDs = LoanIDSet()
    var greenCodeCache: [GreenKey: GreenCodeStatus] = [:]
    /// The current edition and the date from which loans must use it (gfsp-2025, 2025-10-01).
    let currentEdition: EditionID
    let currentFrom: CalendarDate?

    /// The threshold of the green-investment-evaluation rule, in fen (50,000,000 yuan).
    static let evaluationInvestmentFen: Int64 = 50_000_000 * 100
    /// Annual emissions from which a project needs a green investment evaluation, tCO2e.
    static let evaluationEmissionsTonnes = 3000.0

    init(options: ReaderOptions) {
        self.options = options
        districtCodes = taxonomy.districts.map(\.code)
        currentEdition = taxonomy.currentEdition.id
        currentFrom = taxonomy.currentEdition.effectiveFrom.value
        eligible = Dictionary(
            taxonomy.carbonFacilityCategories.map {
                (GreenKey(standard: $0.edition.rawValue, code: $0.code.description), $0.area)
            }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Header

    func checkHeader(
        _ header: FilingHeader, lenderAt lender: SourceLocation, preparedOnAt prepared: SourceLocation,
        sink: inout DiagnosticSink
    ) {
        if let problem = USCC.problem(header.lenderUSCC) {
            sink.report(
                Rules.lenderUSCC, at: lender, "lender USCC '\(header.lenderUSCC)' is invalid: \(problem)",
                hint: "copy the code from the lender's business licence")
        }
        if header.lenderNameZh == nil {
            sink.report(
                Rules.lenderName, at: lender, "the lender has no <Name lang=\"zh\">",
                hint: "add the Chinese legal name")
        }
        if let period = header.period, let preparedOn = header.preparedOn, preparedOn < period.lastDay {
            sink.report(
                Rules.periodDates, at: prepared,
                "PreparedOn \(preparedOn) is before the end of period \(period) (\(period.lastDay))",
                hint: "a filing states figures at the period's last day, so it is prepared on or after it")
        }
    }

    // MARK: Portfolio

    func checkPortfolio(_ portfolio: Portfolio, sink: inout DiagnosticSink) {
        if let total = portfolio.totalLoans {
            let numerators: [(String, Portfolio.Figure?)] = [
                ("GreenLoans", portfolio.greenLoans), ("TechEnterpriseLoans", portfolio.techEnterpriseLoans),
                ("InclusiveSmallMicroLoans", portfolio.inclusiveSmallMicroLoans),
                ("ManufacturingMidLongTermLoans", portfolio.manufacturingMidLongTermLoans),
                ("NonPerformingLoans", portfolio.nonPerformingLoans),
            ]
            for case (let name, let figure?) in numerators where figure.amount > total.amount {
                sink.report(
                    Rules.numeratorAboveTotal, at: figure.location,
                    "\(name) \(figure.amount) exceeds TotalLoans \(total.amount)",
                    hint: "a share's numerator is part of all loans outstanding")
            }
        }
        for row in portfolio.districts {
            if row.code != "other" && !districtCodes.contains(row.code) {
                sink.report(
                    Rules.portfolioDistrict, at: row.location,
                    "District code '\(row.code)' is not a Shenzhen district",
                    hint: "use one of \(districtCodes.joined(separator: ", ")) or 'other'")
            }
            if let green = row.greenLoans, let total = row.totalLoans, green > total {
                sink.report(
                    Rules.numeratorAboveTotal, at: row.location,
                    "District \(row.code) GreenLoans \(green) exceeds its TotalLoans \(total)")
            }
        }
        for row in portfolio.categories {
            let catalogue = try? taxonomy.catalogue(row.standard)
            let code = CatalogueCode(row.code)
            if catalogue == nil || code?.level != 1 || catalogue?.item(code!) == nil {
                let known = catalogue.map {
                    $0.children(of: nil).map(\.code.description).joined(separator: ", ")
                }
                sink.report(
                    Rules.portfolioCategory, at: row.location,
                    "Category \(row.standard) '\(row.code)' is not a level-1 category of a known edition",
                    hint: known.map { "level-1 codes of \(row.standard): \($0)" }
                        ?? "editions: \(taxonomy.editions.map(\.id.rawValue).joined(separator: ", "))")
            }
        }
    }
}

/// A loan's `Green/@standard` and `@code`, as a cache key.
struct GreenKey: Hashable {
    let standard: String
    let code: String
}
