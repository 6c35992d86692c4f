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

    public init(_ summary: FilingSummary) {
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
        accepted = summary.input.verdict == .accept
        errors = summary.input.errors
        warnings = summary.input.warnings
        loans = summary.input.loans
        hasLoans = summary.input.hasLoans
        gridFactorID = summary.method.gridFactor.id
        let book = summary.book
        totalFen = book.total.fen
        numeratorsFen = Dictionary(
            uniqueKeysWithValues: book.declared.map { ($0.rawValue, book.numerators[$0]?.fen ?? 0) })
        districtsFen = book.districts.mapValues { [$0.total.fen, $0.green.fen] }
        categoriesFen = Dictionary(
            uniqueKeysWithValues: book.categories.map { ("\($0.key.edition) \($0.key.code)", $0.value.fen) })
        let a = summary.avoided
        avoided = Avoided(
            greenLoans: a.greenLoans, greenBalanceFen: a.greenBalance.fen,
            estimatedBalanceFen: a.estimatedBalance.fen,
            estimatedLoans: a.estimatedLoans, declaredTonnes: a.declaredTonnes,
            estimatedProjectTonnes: a.estimatedProjectTonnes,
            attributedTonnes: a.attributedTonnes, attributedDeclaredTonnes: a.attributedDeclaredTonnes,
            notEstimated: a.notEstimated)
        let f = summary.financed
        financed = Financed(
            loans: f.loans, totalBalanceFen: f.totalBalance.fen, coveredBalanceFen: f.coveredBalance.fen,
            coveredLoans: f.coveredLoans, financedTonnes: f.financedTonnes,
            qualityWeighted: f.qualityWeighted,
            qualityBalance: f.qualityBalance)
    }

    /// The declared balances as a ``LoanBook``.
    public var book: LoanBook {
        var book = LoanBook()
        book.total = Money(fen: totalFen)
        for (raw, fen) in numeratorsFen {
            guard let indicator = Indicator(rawValue: raw) else { continue }
            book.numerators[indicator] = Money(fen: fen)
            book.declared.insert(indicator)
        }
        for (code, pair) in districtsFen where pair.count == 2 {
            book.districts[code] = LoanBook.DistrictBalances(
                total: Money(fen: pair[0]), green: Money(fen: pair[1]))
        }
        for (key, fen) in categoriesFen {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            book.categories[LoanBook.CategoryKey(edition: parts[0], code: parts[1])] = Money(fen: fen)
        }
        return book
    }

    public var avoidedTotals: CarbonTotals {
        var totals = CarbonTotals()
        totals.greenLoans = avoided.greenLoans
        totals.greenBalance = Money(fen: avoided.greenBalanceFen)
        totals.estimatedBalance = Money(fen: avoided.estimatedBalanceFen)
        totals.estimatedLoans = avoided.estimatedLoans
        totals.declaredTonnes = avoided.declaredTonnes
        totals.estimatedProjectTonnes = avoided.estimatedProjectTonnes
        totals.attributedTonnes = avoided.attributedTonnes
        totals.attributedDeclaredTonnes = avoided.attributedDeclaredTonnes
        totals.notEstimated = avoided.notEstimated
        return totals
    }

    public var financedTotals: FinancedTotals {
        var totals = FinancedTotals()
        totals.loans = financed.loans
        totals.totalBalance = Money(fen: financed.totalBalanceFen)
        totals.coveredBalance = Money(fen: financed.coveredBalanceFen)
        totals.coveredLoans = financed.coveredLoans
        totals.financedTonnes = financed.financedTonnes
        totals.qualityWeighted = financed.qualityWeighted
        totals.qualityBalance = financed.qualityBalance
        return totals
    }
}
