import GreenDisclosure
import GreenTaxonomy

/// What a roll-up needs of one filing — who filed, for which period and revision, the verdict, the declared
/// balances and the avoided and financed totals — in a plain Codable form that the filing history stores
/// (the figures, not the XML).
public struct FilingFigures: Codable, Hashable, Sendable {
    public var file: String
    public var sha256: String?
    public var bytes: Int
    public var lenderUSCC: String
    public var lenderName: String?
    public var lenderKind: String
    public var period: String?
    public var revision: Int
    public var preparedOn: String?
    public var accepted: Bool
    public var errors: Int
    public var warnings: Int
    public var loans: Int
    public var hasLoans: Bool
    public var gridFactorID: String
    /// Total loans in fen.
    public var totalFen: Int64
    /// Declared numerators in fen, by indicator raw value.
    public var numeratorsFen: [String: Int64]
    /// District code → [total, green] in fen.
    public var districtsFen: [String: [Int64]]
    /// "edition code" → green loans in fen.
    public var categoriesFen: [String: Int64]
    public var avoided: Avoided
    public var financed: Financed
    /// The avoided-emissions baseline of ``avoided`` and its factors, e.g. `guideline (supply-coal-national-2020
    /// 305.5 gce/kWh [P], tce-co2-raw-coal 2.66 tCO2/tce [D])`; nil in rows stored before it was recorded (those
    /// used the average grid factor).
    public var baseline: String?
    /// The seven environmental benefits; nil in rows stored before they were recorded, or without loan data.
    public var benefits: BenefitBreakdown?
    /// The carbon benefit by direct/indirect effect; nil like ``benefits``.
    public var carbonEffect: CarbonEffectSplit?
    /// Green NPL and possibly understated NPL; nil like ``benefits``.
    public var creditRisk: CreditRiskFigures?

    public struct Avoided: Codable, Hashable, Sendable {
        public var greenLoans: Int
        public var greenBalanceFen: Int64
        public var estimatedBalanceFen: Int64
        public var estimatedLoans: Int
        public var declaredTonnes: Double
        public var estimatedProjectTonnes: Double
        public var attributedTonnes: Double
        public var attributedDeclaredTonnes: Double
        public var notEstimated: [String: Int]
        /// Estimated loans resting on an assumption, by assumption; nil in rows stored before it was recorded.
        public var assumptions: [String: Int]?
    }

    public struct Financed: Codable, Hashable, Sendable {
        public var loans: Int
        public var totalBalanceFen: Int64
        public var coveredBalanceFen: Int64
        public var coveredLoans: Int
        public var financedTonnes: Double
        public var qualityWeighted: Double
        public var qualityBalance: Double
    }

    /// The figures of a summarised filing. Every amount of an accepted filing fits Int64 fen (its loans
    /// reconcile with Portfolio figures that are single amounts); an amount that does not fit is stored held to
    /// Int64 and the filing is marked not accepted, so it is never counted in a roll-up.
    public init(_ summary: FilingSummary) {
        var fits = true
        func fen(_ total: MoneyTotal) -> Int64 {
            if let exact = Int64(exactly: total.fen) { return exact }
            fits = false
            return Int64(clamping: total.fen)
        }
        let header = summary.input.header
        file = summary.input.file
        sha256 = summary.input.sha256
        bytes = summary.input.bytes
        lenderUSCC = header?.lenderUSCC ?? ""
        lenderName = header?.lenderNameZh
        lenderKind = header?.lenderKind ?? ""
        period = header?.period?.description
        revision = header?.revision ?? 1
        preparedOn = header?.preparedOn?.description
        accepted = false
        errors = summary.input.errors
        warnings = summary.input.warnings
        loans = summary.input.loans
        hasLoans = summary.input.hasLoans
        gridFactorID = summary.method.gridFactor.id
        let book = summary.book
        totalFen = fen(book.total)
        numeratorsFen = Dictionary(
            book.declared.map { ($0.rawValue, fen(book.numerators[$0] ?? .zero)) },
            uniquingKeysWith: { first, _ in first })
        districtsFen = book.districts.mapValues { [fen($0.total), fen($0.green)] }
        categoriesFen = Dictionary(
            book.categories.map { ("\($0.key.edition) \($0.key.code)", fen($0.value)) },
            uniquingKeysWith: { first, _ in first })
        let a = summary.avoided
        avoided = Avoided(
            greenLoans: a.greenLoans, greenBalanceFen: fen(a.greenBalance),
            estimatedBalanceFen: fen(a.estimatedBalance),
            estimatedLoans: a.estimatedLoans, declaredTonnes: a.declaredTonnes,
            estimatedProjectTonnes: a.estimatedProjectTonnes,
            attributedTonnes: a.attributedTonnes, attributedDeclaredTonnes: a.attributedDeclaredTonnes,
            notEstimated: a.notEstimated, assumptions: a.assumptions)
        let f = summary.financed
        financed = Financed(
            loans: f.loans, totalBalanceFen: fen(f.totalBalance), coveredBalanceFen: fen(f.coveredBalance),
            coveredLoans: f.coveredLoans, financedTonnes: f.financedTonnes,
            qualityWeighted: f.qualityWeighted,
            qualityBalance: f.qualityBalance)
        baseline = summary.method.baselineDescription
        benefits = summary.input.hasLoans ? summary.benefits : nil
        carbonEffect = summary.input.hasLoans ? summary.carbonEffect : nil
        creditRisk = summary.input.hasLoans ? summary.creditRisk : nil
        accepted = summary.input.verdict == .accept && fits
    }

    /// The declared balances as a ``LoanBook``.
    public var book: LoanBook {
        var book = LoanBook()
        book.total = MoneyTotal(fen: Int128(totalFen))
        for (raw, fen) in numeratorsFen {
            guard let indicator = Indicator(rawValue: raw) else { continue }
            book.numerators[indicator] = MoneyTotal(fen: Int128(fen))
            book.declared.insert(indicator)
        }
        for (code, pair) in districtsFen where pair.count == 2 {
            book.districts[code] = LoanBook.DistrictBalances(
                total: MoneyTotal(fen: Int128(pair[0])), green: MoneyTotal(fen: Int128(pair[1])))
        }
        for (key, fen) in categoriesFen {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            book.categories[LoanBook.CategoryKey(edition: parts[0], code: parts[1])] = MoneyTotal(
                fen: Int128(fen))
        }
        return book
    }

    public var avoidedTotals: CarbonTotals {
        var totals = CarbonTotals()
        totals.greenLoans = avoided.greenLoans
        totals.greenBalance = MoneyTotal(fen: Int128(avoided.greenBalanceFen))
        totals.estimatedBalance = MoneyTotal(fen: Int128(avoided.estimatedBalanceFen))
        totals.estimatedLoans = avoided.estimatedLoans
        totals.declaredTonnes = avoided.declaredTonnes
        totals.estimatedProjectTonnes = avoided.estimatedProjectTonnes
        totals.attributedTonnes = avoided.attributedTonnes
        totals.attributedDeclaredTonnes = avoided.attributedDeclaredTonnes
        totals.notEstimated = avoided.notEstimated
        totals.assumptions = avoided.assumptions ?? [:]
        return totals
    }

    public var financedTotals: FinancedTotals {
        var totals = FinancedTotals()
        totals.loans = financed.loans
        totals.totalBalance = MoneyTotal(fen: Int128(financed.totalBalanceFen))
        totals.coveredBalance = MoneyTotal(fen: Int128(financed.coveredBalanceFen))
        totals.coveredLoans = financed.coveredLoans
        totals.financedTonnes = financed.financedTonnes
        totals.qualityWeighted = financed.qualityWeighted
        totals.qualityBalance = financed.qualityBalance
        return totals
    }
}
