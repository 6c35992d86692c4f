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
        /// The baseline of avoided emissions of electricity generated or saved.
        public let baseline: GenerationBaseline
        /// The thermal-power supply coal consumption of the guideline baseline (gce/kWh), if any.
        public let supplyCoal: EmissionFactor?
        public let targetSet: String
        public let shares: String
        public let avoided: String
        public let financed: String
        /// How the seven benefits are summed and attributed.
        public let benefits: String
        /// How loans are split by carbon-reduction effect.
        public let carbonEffect: String
        /// How possibly understated NPL is found.
        public let creditRisk: String

        /// `guideline (supply-coal-national-2020 305.5 gce/kWh [P], tce-co2-raw-coal 2.66 tCO2/tce [D])` or
        /// `average (mee-avg-south-2022 0.3869 tCO2/MWh [V]; EnergySaving electricity at supply-coal-…)`.
        public var baselineDescription: String {
            func name(_ factor: EmissionFactor) -> String {
                "\(factor.id) \(factor.value) \(factor.unit) \(factor.confidence.tag)"
            }
            switch baseline {
            case .average:
                // The supply coal consumption still splits an EnergySaving's tce into electricity and fuel.
                return
                    "average (\(name(gridFactor))\(supplyCoal.map { "; EnergySaving electricity at \(name($0))" } ?? ""))"
            case .guideline:
                return
                    "guideline (\(supplyCoal.map(name) ?? "no supply coal consumption"), \(name(tceFactor)))"
            }
        }

        enum CodingKeys: String, CodingKey {
            case shares, avoided, financed, benefits, baseline
            case gridFactor = "grid_factor"
            case tceFactor = "tce_factor"
            case supplyCoal = "supply_coal"
            case targetSet = "target_set"
            case carbonEffect = "carbon_effect"
            case creditRisk = "credit_risk"
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
    /// The seven environmental benefits, declared and attributed (loan-level data only).
    public let benefits: BenefitBreakdown
    /// The carbon benefit split into direct and indirect reduction by the catalogue's GHG marks.
    public let carbonEffect: CarbonEffectSplit
    /// Non-performing green loans and possibly understated NPL (loan-level data only).
    public let creditRisk: CreditRiskFigures

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
    /// Version 3 adds `environment.benefits`, `environment.carbon_effect`, `governance.credit_risk` and the
    /// method's `baseline` and `supply_coal`.
    public static let schema = "greenledger-summary/3"

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
        case targets, avoided, financed, operations, sections, verdict, benefits
        case dataQualityScore = "data_quality_score"
        case carbonEffect = "carbon_effect"
        case creditRisk = "credit_risk"
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
        try environment.encode(input.hasLoans ? benefits : nil, forKey: .benefits)
        try environment.encode(input.hasLoans ? carbonEffect : nil, forKey: .carbonEffect)
        try environment.encode(operations, forKey: .operations)
        var social = c.nestedContainer(keyedBy: Group.self, forKey: .social)
        try social.encode(socialTargets, forKey: .targets)
        var governance = c.nestedContainer(keyedBy: Group.self, forKey: .governance)
        try governance.encode(governanceTargets, forKey: .targets)
        try governance.encode(
            Dictionary(uniqueKeysWithValues: sections.map { ($0.key.lowercased(), $0.value) }),
            forKey: .sections)
        try governance.encode(input.hasLoans ? financed.dataQualityScore : nil, forKey: .dataQualityScore)
        try governance.encode(input.hasLoans ? creditRisk : nil, forKey: .creditRisk)
        try governance.encode(input.verdict, forKey: .verdict)
    }
}

/// Builds a ``FilingSummary`` from one streaming pass over a filing: the validator reads it, and every
/// loan feeds the carbon, benefit, risk and financed-emissions accumulators as it goes by.
public enum FilingSummarizer {
    public static func summarize(
        _ input: FilingInput, grid: EmissionFactor = Taxonomy.standard.defaultGridFactor,
        baseline: GenerationBaseline = .guideline, supplyCoal: EmissionFactor? = nil,
        targets: TargetSet = .defaults
    ) throws -> FilingSummary {
        try summarize(
            input, factors: EstimationFactors(grid: grid, baseline: baseline, supplyCoal: supplyCoal),
            targets: targets)
    }

    /// The summary with every estimation choice in `factors` (baseline, supply coal, densities).
    public static func summarize(
        _ input: FilingInput, factors: EstimationFactors, targets: TargetSet = .defaults
    ) throws -> FilingSummary {
        try summarizeWithFindings(input, factors: factors, targets: targets).summary
    }

    /// The summary and the validation report (its findings) of one pass: what an intake needs for a receipt.
    /// `storedFindingsPerRule` caps the findings kept per rule (all are counted). `computeSHA256` false
    /// leaves the hash to a caller that sees the bytes anyway (off the parser's thread).
    public static func summarizeWithFindings(
        _ input: FilingInput, factors: EstimationFactors, targets: TargetSet = .defaults,
        storedFindingsPerRule: Int? = nil, computeSHA256: Bool = true
    ) throws -> (summary: FilingSummary, report: ValidationReport) {
        let grid = factors.grid
        var avoided = CarbonTotals()
        var financed = FinancedTotals()
        var benefits = BenefitBreakdown()
        var effects = CarbonEffectSplit()
        var risk = CreditRiskFigures()
        var classifier = CarbonEffectClassifier()
        var options = ReaderOptions(generationCheck: factors.generationCheck ?? .standard)
        if let storedFindingsPerRule { options.storedFindingsPerRule = storedFindingsPerRule }
        options.computeSHA256 = computeSHA256
        let report = try DisclosureReader.validate(input, options: options) {
            (loan: Loan, period: ReportingPeriod?) in
            risk.add(loan, periodEnd: period?.lastDay)
            if let estimate = CarbonEstimator.estimate(loan, factors: factors), let green = loan.green {
                avoided.add(estimate, balance: loan.balance)
                let effect = classifier.effect(
                    edition: green.standard, code: green.code, industry: loan.industry)
                effects.add(effect, balance: loan.balance, estimate: estimate)
                if let declared = green.benefits {
                    benefits.add(
                        declared, attribution: estimate.attribution,
                        district: BenefitBreakdown.districtKey(loan.district),
                        category: BenefitBreakdown.categoryKey(edition: green.standard, code: green.code))
                }
            }
            financed.add(loan, PCAF.financed(loan))
        }
        let book = report.portfolio.map(LoanBook.init(portfolio:)) ?? LoanBook()
        let periodEndOfReport = report.header?.period?.lastDay ?? CalendarDate.unknownPeriodEnd
        let summary = FilingSummary(
            input: .init(
                file: report.file, bytes: report.bytesRead, sha256: report.sha256, header: report.header,
                verdict: report.verdict(),
                errors: report.errorCount, warnings: report.warningCount, loans: report.loanCount,
                hasLoans: report.hasLoans),
            method: .init(
                gridFactor: grid, tceFactor: factors.tceToCO2, baseline: factors.baseline,
                supplyCoal: factors.supplyCoal, targetSet: targets.name,
                shares:
                    "share = Σ numerator ÷ Σ total loans outstanding (declared Portfolio, reconciled with Loans)",
                avoided: MethodText.avoided(factors),
                financed: "PCAF: min(1, balance ÷ denominator) × (scope 1 + scope 2)",
                benefits: MethodText.benefits,
                carbonEffect: MethodText.carbonEffect,
                creditRisk: MethodText.creditRisk),
            book: book, shares: ShareAnalysis.shares(book),
            targets: ShareAnalysis.assess(book, against: targets, periodEnd: periodEndOfReport),
            districts: ShareAnalysis.districts(book), categories: ShareAnalysis.categories(book),
            avoided: avoided,
            financed: financed,
            operations: report.operations.map {
                OperationsFootprint.compute($0, grid: grid, densities: factors.densities)
            },
            benefits: benefits, carbonEffect: effects, creditRisk: risk)
        return (summary, report)
    }
}
