import GreenDisclosure

/// One loan's financed emissions under PCAF.
public struct LoanFinancedEmissions: Hashable, Sendable, Encodable {
    public let loanID: String
    /// balance ÷ denominator, capped at 1.
    public let attributionFactor: Double
    /// attributionFactor × (scope 1 + scope 2), tCO2e.
    public let financedTonnes: Double
    /// The PCAF denominator used: evic, equity-debt, project, property-value, vehicle-value.
    public let basis: String
    /// PCAF data-quality score 1 (best) to 5.
    public let quality: Int?

    enum CodingKeys: String, CodingKey {
        case basis, quality
        case loanID = "loan_id"
        case attributionFactor = "attribution_factor"
        case financedTonnes = "financed_tonnes"
    }
}

/// Financed emissions (PCAF Global GHG Accounting and Reporting Standard, Part A).
///
/// Method (shared/domain/reference.md §8): attribution factor = outstanding balance ÷ the denominator the
/// `basis` names (EVIC, equity + debt, project equity + debt, property or vehicle value), capped at 1;
/// financed emissions = factor × (scope 1 + scope 2). Avoided emissions are reported beside, never netted.
public enum PCAF {
    /// Nil for a loan without `Emissions` or without a usable balance and denominator.
    public static func financed(_ loan: Loan) -> LoanFinancedEmissions? {
        guard let emissions = loan.emissions, let balance = loan.balance,
            let denominator = emissions.denominator,
            denominator.fen > 0
        else { return nil }
        let factor = min(1, Double(balance.fen) / Double(denominator.fen))
        let tonnes = (emissions.scope1Tonnes ?? 0) + (emissions.scope2Tonnes ?? 0)
        return LoanFinancedEmissions(
            loanID: loan.id, attributionFactor: factor, financedTonnes: factor * tonnes,
            basis: emissions.basis,
            quality: emissions.quality)
    }
}

/// Portfolio totals of financed emissions.
public struct FinancedTotals: Hashable, Sendable, Encodable {
    public var loans = 0
    /// Balance of all loans read (Int128 fen: a rejected filing's loans can sum past one Int64 amount).
    public var totalBalance = MoneyTotal.zero
    /// Balance of loans with emissions data.
    public var coveredBalance = MoneyTotal.zero
    public var coveredLoans = 0
    public var financedTonnes = 0.0
    /// Σ quality × balance (fen) of loans with a quality score, and Σ of those balances.
    var qualityWeighted = 0.0
    var qualityBalance = 0.0

    public init() {}

    public mutating func add(_ loan: Loan, _ result: LoanFinancedEmissions?) {
        loans += 1
        let balance = loan.balance ?? .zero
        totalBalance += balance
        guard let result else { return }
        coveredLoans += 1
        coveredBalance += balance
        financedTonnes += result.financedTonnes
        if let quality = result.quality {
            qualityWeighted += Double(quality) * Double(balance.fen)
            qualityBalance += Double(balance.fen)
        }
    }

    /// tCO2e per million yuan of the covered balance.
    public var intensityPerMillionYuan: Double? {
        coveredBalance.fen > 0 ? financedTonnes / (Double(coveredBalance.fen) / 100_000_000) : nil
    }

    /// Share of the balance with emissions data, 0…1.
    public var coverage: Double? {
        MoneyTotal.ratio(coveredBalance, totalBalance)
    }

    /// Balance-weighted PCAF data-quality score (1 best … 5).
    public var dataQualityScore: Double? { qualityBalance > 0 ? qualityWeighted / qualityBalance : nil }

    enum CodingKeys: String, CodingKey {
        case loans, coverage
        case totalBalance = "total_balance"
        case coveredBalance = "covered_balance"
        case coveredLoans = "covered_loans"
        case financedTonnes = "financed_tonnes"
        case intensity = "intensity_t_per_million_yuan"
        case dataQualityScore = "data_quality_score"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(loans, forKey: .loans)
        try c.encode(totalBalance, forKey: .totalBalance)
        try c.encode(coveredBalance, forKey: .coveredBalance)
        try c.encode(coveredLoans, forKey: .coveredLoans)
        try c.encode(financedTonnes, forKey: .financedTonnes)
        try c.encode(intensityPerMillionYuan, forKey: .intensity)
        try c.encode(coverage, forKey: .coverage)
        try c.encode(dataQualityScore, forKey: .dataQualityScore)
    }
}
