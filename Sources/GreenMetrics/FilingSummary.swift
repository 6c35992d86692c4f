import GreenDisclosure
import GreenTaxonomy

/// Everything `greenledger summary` reports for one filing, with the provenance of each figure: the input,
/// the factors (ids, sources, confidence) and the targets (ids, sources) used.
public struct FilingSummary: Sendable, Encodable {
    public struct Input: Sendable, Encodable {
        public let file: String
        public let bytes: Int
        /// SHA-256 of the filing's bytes.
        public let sha256: String?
        public let header: FilingHeader?
        public let verdict: Verdict
        public let errors: Int
        public let warnings: Int
        public let loans: Int
        public let hasLoans: Bool

        enum CodingKeys: String, CodingKey {
            case file, bytes, sha256, header, verdict, errors, warnings, loans
            case hasLoans = "has_loans"
        }
    }

    public struct Method: Sendable, Encodable {
        public let gridFactor: EmissionFactor
        public let tceFactor: EmissionFactor
        public let targetSet: String
        public let shares: String
        public let avoided: String
        public let financed: String

        enum CodingKeys: String, CodingKey {
            case shares, avoided, financed
            case gridFactor = "grid_factor"
            case tceFactor = "tce_factor"
            case targetSet = "target_set"
        }
    }

    public let input: Input
    public let method: Method
    /// The declared balances the shares come from.
    public let book: LoanBook
    public let shares: [IndicatorShare]
    public let targets: [TargetAssessment]
    public let districts: [DistrictShare]
    public let categories: [CategoryShare]
    public let avoided: CarbonTotals
    public let financed: FinancedTotals
    public let operations: OperationsFootprint?

    /// Environment: green share against its targets.
    public var greenTargets: [TargetAssessment] { targets.filter { $0.target.indicator == .green } }
    /// Social: inclusive small/micro, tech-enterprise and manufacturing shares against targets.
    public var socialTargets: [TargetAssessment] {
        targets.filter {
            [.inclusiveSmallMicro, .techEnterprise, .manufacturingMidLongTerm].contains($0.target.indicator)
        }
    }
    /// Governance: the non-performing ratio against its ceiling.
    public var governanceTargets: [TargetAssessment] {
        targets.filter { $0.target.indicator == .nonPerforming }
    }

    /// The JSON schema id of ``encode(to:)`` (keys, types and units: `Docs/json-output.md`). Version 2 has
    /// snake_case keys throughout (version 1 had `nameZh`, `shareOfGreen`, `targetDatePassed`, `Loans`…).
    public static let schema = "greenledger-summary/2"

    /// Which optional sections the filing has, by element name (`Loans`, `Operations`, `District`,
    /// `Category`); JSON writes the names in lower case.
    public var sections: [String: Bool] {
        [
            "Loans": input.hasLoans, "Operations": operations != nil, "District": !book.districts.isEmpty,
            "Category": !book.categories.isEmpty,
        ]
    }

    enum CodingKeys: String, CodingKey {
        case schema, input, method, book, shares, districts, categories, environment, social, governance
    }

    enum Group: String, CodingKey {
        case targets, avoided, financed, operations, sections, verdict
        case dataQualityScore = "data_quality_score"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schema, forKey: .schema)
        try c.encode(input, forKey: .input)
        try c.encode(method, forKey: .method)
        try c.encode(book, forKey: .book)
        try c.encode(shares, forKey: .shares)
        try c.encode(districts, forKey: .districts)
        try c.encode(categories, forKey: .categories)
        var environment = c.nestedContainer(keyedBy: Group.self, forKey: .environment)
        try environment.encode(greenTargets, forKey: .targets)
        // Without loan-level detail these are not computed (null), not zero.
        try environment.encode(input.hasLoans ? avoided : nil, forKey: .avoided)
        try environment.encode(input.hasLoans ? financed : nil, forKey: .financed)
        try environment.encode(operations, forKey: .operations)
        var social = c.nestedContainer(keyedBy: Group.self, forKey: .social)
        try social.encode(socialTargets, forKey: .targets)
        var governance = c.nestedContainer(keyedBy: Group.self, forKey: .governance)
        try governance.encode(governanceTargets, forKey: .targets)
        try governance.encode(
            Dictionary(uniqueKeysWithValues: sections.map { ($0.key.lowercased(), $0.value) }),
            forKey: .sections)
        try governance.encode(input.hasLoans ? financed.dataQualityScore : nil, forKey: .dataQualityScore)
        try governance.encode(input.verdict, forKey: .verdict)
    }
}

/// Builds a ``FilingSummary`` from one streaming pass over a filing: the validator reads it, and every
/// loan feeds the carbon and financed-emissions accumulators as it goes by.
public enum FilingSummarizer {
    public static func summarize(
        _ input: FilingInput, grid: EmissionFactor = Taxonomy.standard.defaultGridFactor,
        targets: TargetSet = .defaults
    ) throws -> FilingSummary {
        let factors = EstimationFactors(grid: grid)
        var avoided = CarbonTotals()
        var financed = FinancedTotals()
        var options = ReaderOptions(gridFactor: grid)
        options.computeSHA256 = true
        let report = try DisclosureReader.validate(input, options: options) { loan in
            if let estimate = CarbonEstimator.estimate(loan, factors: factors) {
                avoided.add(estimate, balance: loan.balance)
            }
            financed.add(loan, PCAF.financed(loan))
        }
        let book = report.portfolio.map(LoanBook.init(portfolio:)) ?? LoanBook()
        let periodEnd = report.header?.period?.lastDay ?? CalendarDate.unknownPeriodEnd
        return FilingSummary(
            input: .init(
                file: report.file, bytes: report.bytesRead, sha256: report.sha256, header: report.header,
                verdict: report.verdict(),
                errors: report.errorCount, warnings: report.warningCount, loans: report.loanCount,
                hasLoans: report.hasLoans),
            method: .init(
                gridFactor: grid, tceFactor: factors.tceToCO2, targetSet: targets.name,
                shares:
                    "share = Σ numerator ÷ Σ total loans outstanding (declared Portfolio, reconciled with Loans)",
                avoided:
                    "project reduction × min(1, balance ÷ project total investment); see CarbonEstimator",
                financed: "PCAF: min(1, balance ÷ denominator) × (scope 1 + scope 2)"),
            book: book, shares: ShareAnalysis.shares(book),
            targets: ShareAnalysis.assess(book, against: targets, periodEnd: periodEnd),
            districts: ShareAnalysis.districts(book), categories: ShareAnalysis.categories(book),
            avoided: avoided,
            financed: financed,
            operations: report.operations.map { OperationsFootprint.compute($0, grid: grid) })
    }
}
