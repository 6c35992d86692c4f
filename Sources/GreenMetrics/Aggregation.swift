import GreenDisclosure
import GreenTaxonomy

/// One lender's line in the league table.
public struct LenderRow: Hashable, Sendable, Encodable {
    public let uscc: String
    public let nameZh: String?
    public let kind: String
    public let file: String
    public let total: MoneyTotal
    public let green: MoneyTotal
    public let greenShare: Double?

    enum CodingKeys: String, CodingKey {
        case uscc, kind, file, total, green
        case nameZh = "name_zh"
        case greenShare = "green_share"
    }
}

/// An indicator summed over the lenders that declare it.
public struct AggregateShare: Hashable, Sendable, Encodable {
    public let share: IndicatorShare
    /// Lenders declaring the indicator, of the lenders included.
    public let declaredBy: Int
    public let lenders: Int

    enum CodingKeys: String, CodingKey {
        case share, lenders
        case declaredBy = "declared_by"
    }
}

/// Many lenders' filings rolled up for a period (and optionally one district).
public struct AggregateReport: Sendable, Encodable {
    public let period: String?
    public let district: String?
    public let targetSet: String
    public let gridFactor: EmissionFactor
    public let filings: [FilingStatus]
    /// The balances summed over the included filings (for a district: its District rows).
    public let book: LoanBook
    public let shares: [AggregateShare]
    public let targets: [TargetAssessment]
    public let districts: [DistrictShare]
    public let lenders: [LenderRow]
    public let categories: [CategoryShare]
    public let avoided: CarbonTotals
    public let financed: FinancedTotals
    /// The seven benefits over the included filings with loan-level data (``benefitsFrom`` of them).
    public var benefits = BenefitBreakdown()
    /// Included filings whose benefits are in ``benefits``, of the included filings.
    public var benefitsFrom = 0
    /// The carbon benefit by effect over the same filings.
    public var carbonEffect = CarbonEffectSplit()
    /// Green NPL and possibly understated NPL over the included filings with loan-level data
    /// (``creditRiskFrom`` of them).
    public var creditRisk = CreditRiskFigures()
    /// Included filings whose credit risk is in ``creditRisk``.
    public var creditRiskFrom = 0
    /// The avoided-emissions baselines of the included filings' stored estimates, e.g. `["guideline (…)"]`;
    /// more than one means the avoided totals add estimates made by different methods.
    public var baselines: [String] = []
    /// Included filings with loan-level data stored by a GreenLedger before benefits, carbon effect and credit
    /// risk were recorded: their figures are missing from those sums (re-ingesting the file refreshes them).
    public var loanLevelNotRecorded = 0
    /// The PBoC green-finance evaluation's indicators per lender (from the filing history).
    public var evaluation: GreenFinanceEvaluation?

    /// How each figure is computed and from what (the JSON `method` object; text and Markdown print the same).
    public var method: [String: String] {
        var method = [
            "shares": "Σ numerators ÷ Σ total loans over the included lenders, never an average of ratios",
            "selection":
                "REJECTED filings excluded; the highest revision per lender and period counts; conflicting "
                + "revisions count for none; identical content once",
            "avoided": MethodText.avoidedInGeneral, "benefits": MethodText.benefits,
            "carbon_effect": MethodText.carbonEffect, "credit_risk": MethodText.creditRisk,
        ]
        if evaluation != nil { method["evaluation"] = GreenFinanceEvaluation.methodText }
        return method
    }
    /// Different filings with the same lender, period and revision: none of them is counted.
    public let conflicts: [FilingConflict]
    /// The green share of every stored period (from the filing history), oldest first.
    public var history: [HistoryPoint] = []
    /// The green share's trend projected to each target date (from the history).
    public var projections: [TrendProjection] = []
    /// Where the filings came from when not from files, e.g. the history database and its revision.
    public var source: String?

    /// The JSON schema id of ``encode(to:)`` (keys, types and units: `Docs/json-output.md`). Version 2 has
    /// snake_case keys throughout (version 1 had `nameZh`, `shareOfGreen`, `targetDatePassed`…).
    /// Version 3 adds `benefits`, `carbon_effect`, `credit_risk`, `baselines` and `evaluation`.
    public static let schema = "greenledger-aggregate/3"

    /// Change of the green share since the previous quarter, in percentage points; nil without history.
    public var quarterOnQuarter: Double? { change(lag: 1) }
    /// Change of the green share since the same period a year earlier, in percentage points.
    public var yearOnYear: Double? {
        change(lag: (period.flatMap(ReportingPeriod.init)?.quarter == nil) ? 1 : 4)
    }

    func change(lag: Int) -> Double? {
        guard let period, let current = ReportingPeriod(period) else { return nil }
        var earlier = current
        for _ in 0..<lag { earlier = earlier.previous }
        guard let now = history.first(where: { $0.period == period })?.share?.share,
            let then = history.first(where: { $0.period == earlier.description })?.share?.share
        else { return nil }
        return (now - then) * 100
    }

    enum CodingKeys: String, CodingKey {
        case schema, period, district, filings, book, shares, targets, districts, lenders, categories,
            avoided, financed
        case history, source, projections, conflicts, benefits, baselines, evaluation, method
        case benefitsFrom = "benefits_from_filings"
        case carbonEffect = "carbon_effect"
        case creditRisk = "credit_risk"
        case creditRiskFrom = "credit_risk_from_filings"
        case loanLevelNotRecorded = "loan_level_not_recorded_filings"
        case targetSet = "target_set"
        case gridFactor = "grid_factor"
        case quarterOnQuarter = "quarter_on_quarter_pp"
        case yearOnYear = "year_on_year_pp"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schema, forKey: .schema)
        try c.encode(period, forKey: .period)
        try c.encode(district, forKey: .district)
        try c.encode(targetSet, forKey: .targetSet)
        try c.encode(gridFactor, forKey: .gridFactor)
        try c.encode(filings, forKey: .filings)
        try c.encode(conflicts, forKey: .conflicts)
        try c.encode(book, forKey: .book)
        try c.encode(shares, forKey: .shares)
        try c.encode(targets, forKey: .targets)
        try c.encode(districts, forKey: .districts)
        try c.encode(lenders, forKey: .lenders)
        try c.encode(categories, forKey: .categories)
        try c.encode(avoided, forKey: .avoided)
        try c.encode(financed, forKey: .financed)
        try c.encode(baselines, forKey: .baselines)
        try c.encode(benefits, forKey: .benefits)
        try c.encode(benefitsFrom, forKey: .benefitsFrom)
        // Not filed per district: null (not computed) rather than zeros for a district's roll-up.
        try c.encode(district == nil ? carbonEffect : nil, forKey: .carbonEffect)
        try c.encode(district == nil ? creditRisk : nil, forKey: .creditRisk)
        try c.encode(creditRiskFrom, forKey: .creditRiskFrom)
        try c.encode(loanLevelNotRecorded, forKey: .loanLevelNotRecorded)
        try c.encode(evaluation, forKey: .evaluation)
        try c.encode(method, forKey: .method)
        try c.encode(history, forKey: .history)
        try c.encode(source, forKey: .source)
        try c.encode(projections, forKey: .projections)
        try c.encode(quarterOnQuarter, forKey: .quarterOnQuarter)
        try c.encode(yearOnYear, forKey: .yearOnYear)
    }
}

/// The green share of one stored period.
public struct HistoryPoint: Hashable, Sendable, Encodable {
    public let period: String
    public let share: IndicatorShare?

    public init(period: String, share: IndicatorShare?) {
        self.period = period
        self.share = share
    }
}

/// Rolls filings up: rejected ones are listed but not counted, only the highest revision per lender and
/// period counts, and every share is Σ numerators ÷ Σ denominators over the lenders in scope.
public enum Aggregator {
    /// A filing that could not be read, for the listing.
    public struct Unreadable: Sendable {
        public let file: String
        public let reason: String

        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }
    }

    /// Aggregates `filings` for `period` (default: the latest period among the accepted filings), city-wide
    /// or for one `district` (whose District rows give green and total loans only).
    ///
    /// Per lender and period the highest revision counts. Identical content (same SHA-256) given twice counts
    /// once, the other copies listed as duplicates. Different filings with the same lender, period and
    /// revision are a conflict: none of them is counted, and when the conflict is at the lender's highest
    /// revision the lender is left out of the period (no lower revision stands in); see
    /// ``AggregateReport/conflicts``.
    public static func aggregate(
        _ filings: [FilingFigures], unreadable: [Unreadable] = [], period requested: String? = nil,
        district: String? = nil, targets: TargetSet = .defaults,
        grid: EmissionFactor = Taxonomy.standard.defaultGridFactor
    ) -> AggregateReport {
        let period =
            requested
            ?? filings.filter(\.accepted).compactMap { $0.period.flatMap(ReportingPeriod.init) }.max()?
            .description
        let selection = Selection(filings, period: period)
        let included = selection.included.map { filings[$0] }
        let books = included.map { scoped($0.book, district: district) }
        var book = LoanBook()
        for scopedBook in books { book = book + scopedBook }
        let shares = Self.shares(of: books)
        // Targets are assessed on each indicator's sums over the lenders declaring it (see `declaredBy`).
        let periodEnd = period.flatMap(ReportingPeriod.init)?.lastDay ?? CalendarDate.unknownPeriodEnd
        var avoided = CarbonTotals()
        var financed = FinancedTotals()
        for filing in included where district == nil {
            avoided.merge(filing.avoidedTotals)
            financed.merge(filing.financedTotals)
        }
        var report = AggregateReport(
            period: period, district: district, targetSet: targets.name, gridFactor: grid,
            filings: statuses(filings, unreadable: unreadable, selection: selection),
            book: book,
            shares: shares,
            targets: ShareAnalysis.assess(shares.map(\.share), against: targets, periodEnd: periodEnd),
            districts: ShareAnalysis.districts(book), lenders: lenderRows(included, books: books),
            categories: district == nil ? ShareAnalysis.categories(book) : [], avoided: avoided,
            financed: financed, conflicts: selection.conflicts(in: filings))
        report.addLoanLevelFigures(included, district: district)
        return report
    }

    /// Every filing given, readable or not, with its treatment; by file name.
    static func statuses(_ filings: [FilingFigures], unreadable: [Unreadable], selection: Selection)
        -> [FilingStatus]
    {
        var statuses: [FilingStatus] = filings.indices.map { index in
            let filing = filings[index]
            let (treatment, note) = selection.treatment(of: index, in: filings)
            return FilingStatus(
                file: filing.file, sha256: filing.sha256, lenderUSCC: filing.lenderUSCC,
                lenderName: filing.lenderName,
                period: filing.period, revision: filing.revision,
                verdict: filing.accepted ? .accept : .reject,
                errors: filing.errors, warnings: filing.warnings, treatment: treatment, note: note)
        }
        statuses += unreadable.map {
            FilingStatus(
                file: $0.file, sha256: nil, lenderUSCC: nil, lenderName: nil, period: nil, revision: nil,
                verdict: nil,
                errors: 0, warnings: 0, treatment: .unreadable, note: $0.reason)
        }
        statuses.sort { ($0.file, $0.treatment.rawValue) < ($1.file, $1.treatment.rawValue) }
        return statuses
    }

    /// Each indicator declared by at least one lender: Σ numerators ÷ Σ total loans over the lenders that
    /// declare it.
    static func shares(of books: [LoanBook]) -> [AggregateShare] {
        var shares: [AggregateShare] = []
        for indicator in Indicator.allCases {
            let declaring = books.filter { $0.declared.contains(indicator) }
            guard !declaring.isEmpty else { continue }
            let numerator = declaring.reduce(MoneyTotal.zero) { $0 + ($1.numerators[indicator] ?? .zero) }
            let denominator = declaring.reduce(MoneyTotal.zero) { $0 + $1.total }
            shares.append(
                AggregateShare(
                    share: IndicatorShare(
                        indicator: indicator, numerator: numerator, denominator: denominator,
                        share: ShareAnalysis.ratio(numerator, denominator)),
                    declaredBy: declaring.count, lenders: books.count))
        }
        return shares
    }

    /// The league table: the included lenders (with their books in scope), highest green share first.
    static func lenderRows(_ included: [FilingFigures], books: [LoanBook]) -> [LenderRow] {
        zip(included, books).map { filing, scopedBook in
            LenderRow(
                uscc: filing.lenderUSCC, nameZh: filing.lenderName, kind: filing.lenderKind,
                file: filing.file,
                total: scopedBook.total,
                green: scopedBook.numerators[.green] ?? .zero,
                greenShare: ShareAnalysis.ratio(scopedBook.numerators[.green] ?? .zero, scopedBook.total))
        }.sorted { ($0.greenShare ?? -1, $0.uscc) > ($1.greenShare ?? -1, $1.uscc) }
    }

    /// A lender's book limited to one district: its District row's total and green loans (other indicators are
    /// not filed per district).
    static func scoped(_ book: LoanBook, district: String?) -> LoanBook {
        guard let district else { return book }
        var scoped = LoanBook()
        guard let row = book.districts[district] else { return scoped }
        scoped.total = row.total
        scoped.numerators[.green] = row.green
        scoped.declared = [.green]
        scoped.districts[district] = row
        return scoped
    }
}
