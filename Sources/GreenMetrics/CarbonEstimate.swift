import GreenDisclosure
import GreenTaxonomy

/// The factors a carbon estimate uses, named in every output.
public struct EstimationFactors: Sendable, Encodable {
    public let grid: EmissionFactor
    /// tCO2 per tce saved (derived from the raw-coal coefficients: 1.9003 / 0.7143 ≈ 2.66, [D]).
    public let tceToCO2: EmissionFactor

    public init(grid: EmissionFactor, taxonomy: Taxonomy = .standard) {
        self.grid = grid
        // Compiled-in reference data (Taxonomy/), not parsed input: its absence is a build defect.
        guard let factor = try? taxonomy.emissionFactor("tce-co2-raw-coal") else {
            fatalError("the reference data has no emission factor tce-co2-raw-coal")
        }
        tceToCO2 = factor
    }
}

/// The carbon-reduction estimate of one green loan's project, and the part attributed to the lender.
public struct LoanCarbonEstimate: Hashable, Sendable, Encodable {
    public let loanID: String
    /// What the estimate is based on, e.g. `21500 MWh × 0.3869 tCO2/MWh`; nil when not estimated.
    public let method: String?
    /// Estimated annual reduction of the whole project, tCO2e; nil when not estimated.
    public let projectTonnes: Double?
    /// The project's declared annual CO2e reduction, t.
    public let declaredTonnes: Double?
    /// min(1, balance ÷ project total investment); nil without a total investment.
    public let attribution: Double?
    /// projectTonnes × attribution.
    public let attributedTonnes: Double?
    /// declaredTonnes × attribution.
    public let attributedDeclaredTonnes: Double?
    /// Factor ids used.
    public let factors: [String]
    /// Why no estimate was made (e.g. transport, no activity data).
    public let notEstimated: String?

    enum CodingKeys: String, CodingKey {
        case method, attribution, factors
        case loanID = "loan_id"
        case projectTonnes = "project_tonnes"
        case declaredTonnes = "declared_tonnes"
        case attributedTonnes = "attributed_tonnes"
        case attributedDeclaredTonnes = "attributed_declared_tonnes"
        case notEstimated = "not_estimated"
    }
}

/// Carbon-reduction estimates of green loans' projects.
///
/// Method (shared/domain/reference.md §7.4, CBRC practice; documented choices): `Generation`: annual MWh ×
/// grid factor. `EnergySaving`: MWh saved × grid factor plus tce saved × 2.66 tCO2/tce [D] (the two are
/// taken as separate electricity and fuel savings). `Building`: MWh saved × grid factor. `Transport`: not
/// estimated — the factor table has no vehicle factors. Attribution to the lender: project reduction ×
/// min(1, loan balance ÷ project total investment).
public enum CarbonEstimator {
    /// The estimate for a green loan; nil for a loan that is not green.
    public static func estimate(_ loan: Loan, factors: EstimationFactors) -> LoanCarbonEstimate? {
        guard let green = loan.green else { return nil }
        let declared = green.benefits?.co2eTonnes
        var attribution: Double? = nil
        if let investment = green.project?.totalInvestment, investment.fen > 0, let balance = loan.balance {
            attribution = min(1, Double(balance.fen) / Double(investment.fen))
        }
        let grid = factors.grid
        var tonnes: Double? = nil
        var method: String? = nil
        var used: [String] = []
        var reason: String? = nil
        switch green.activity {
        case .generation(_, _, let mwh?):
            tonnes = mwh * grid.value
            method = "\(number(mwh)) MWh × \(grid.value) tCO2/MWh"
            used = [grid.id]
        case .energySaving(let tce, let mwh):
            var parts: [String] = []
            var sum = 0.0
            if let mwh {
                sum += mwh * grid.value
                parts.append("\(number(mwh)) MWh × \(grid.value) tCO2/MWh")
                used.append(grid.id)
            }
            if let tce {
                sum += tce * factors.tceToCO2.value
                parts.append("\(number(tce)) tce × \(factors.tceToCO2.value) tCO2/tce [D]")
                used.append(factors.tceToCO2.id)
            }
            if parts.isEmpty {
                reason = "EnergySaving gives neither MWh nor tce saved"
            } else {
                tonnes = sum
                method = parts.joined(separator: " + ")
            }
        case .building(_, let mwh?, _):
            tonnes = mwh * grid.value
            method = "\(number(mwh)) MWh saved × \(grid.value) tCO2/MWh"
            used = [grid.id]
        case .transport:
            reason = "transport: the factor table has no vehicle emission factors"
        case .generation, .building:
            reason = "the activity gives no annual MWh"
        case nil:
            reason = "no activity data"
        }
        return LoanCarbonEstimate(
            loanID: loan.id, method: method, projectTonnes: tonnes, declaredTonnes: declared,
            attribution: attribution,
            attributedTonnes: tonnes.flatMap { value in attribution.map { value * $0 } },
            attributedDeclaredTonnes: declared.flatMap { value in attribution.map { value * $0 } },
            factors: used,
            notEstimated: reason)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? DecimalText.fixed(value, decimals: 0) : String(value)
    }
}

/// Portfolio totals of the carbon estimates.
public struct CarbonTotals: Hashable, Sendable, Encodable {
    public var greenLoans = 0
    /// Σ balance of green loans (Int128 fen: a rejected filing's loans can sum past one Int64 amount).
    public var greenBalance = MoneyTotal.zero
    /// Green balance of loans with an estimate.
    public var estimatedBalance = MoneyTotal.zero
    public var estimatedLoans = 0
    public var declaredTonnes = 0.0
    public var estimatedProjectTonnes = 0.0
    public var attributedTonnes = 0.0
    public var attributedDeclaredTonnes = 0.0
    /// Loans not estimated, by reason.
    public var notEstimated: [String: Int] = [:]

    public init() {}

    public mutating func add(_ estimate: LoanCarbonEstimate, balance: Money?) {
        greenLoans += 1
        let balance = balance ?? .zero
        greenBalance += balance
        declaredTonnes += estimate.declaredTonnes ?? 0
        attributedDeclaredTonnes += estimate.attributedDeclaredTonnes ?? 0
        if let tonnes = estimate.projectTonnes {
            estimatedLoans += 1
            estimatedBalance += balance
            estimatedProjectTonnes += tonnes
            attributedTonnes += estimate.attributedTonnes ?? 0
        } else {
            notEstimated[estimate.notEstimated ?? "not estimated", default: 0] += 1
        }
    }

    /// Share of the green balance with an estimate, 0…1.
    public var coverage: Double? {
        MoneyTotal.ratio(estimatedBalance, greenBalance)
    }

    enum CodingKeys: String, CodingKey {
        case coverage
        case greenLoans = "green_loans"
        case greenBalance = "green_balance"
        case estimatedBalance = "estimated_balance"
        case estimatedLoans = "estimated_loans"
        case declaredTonnes = "declared_tonnes"
        case estimatedProjectTonnes = "estimated_project_tonnes"
        case attributedTonnes = "attributed_tonnes"
        case attributedDeclaredTonnes = "attributed_declared_tonnes"
        case notEstimated = "not_estimated"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(greenLoans, forKey: .greenLoans)
        try c.encode(greenBalance, forKey: .greenBalance)
        try c.encode(estimatedBalance, forKey: .estimatedBalance)
        try c.encode(estimatedLoans, forKey: .estimatedLoans)
        try c.encode(declaredTonnes, forKey: .declaredTonnes)
        try c.encode(estimatedProjectTonnes, forKey: .estimatedProjectTonnes)
        try c.encode(attributedTonnes, forKey: .attributedTonnes)
        try c.encode(attributedDeclaredTonnes, forKey: .attributedDeclaredTonnes)
        try c.encode(notEstimated, forKey: .notEstimated)
        try c.encode(coverage, forKey: .coverage)
    }
}
