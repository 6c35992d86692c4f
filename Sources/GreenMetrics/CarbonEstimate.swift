import GreenDisclosure
import GreenTaxonomy

/// The carbon-reduction estimate of one green loan's project, and the part attributed to the lender.
public struct LoanCarbonEstimate: Hashable, Sendable, Encodable {
    public let loanID: String
    /// What the estimate is based on, e.g. `21500 MWh × 0.3869 tCO2/MWh`; nil when not estimated.
    public let method: String?
    /// Estimated annual reduction of the whole project, tCO2e; nil when not estimated.
    public let projectTonnes: Double?
    /// Estimated annual standard coal saved by the whole project, tce: under the guideline baseline for
    /// electricity, and the declared tce of an `EnergySaving`; nil otherwise.
    public let projectTce: Double?
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
    /// An assumption the estimate rests on, e.g. an EnergySaving without `@fuel` taken as raw coal; nil when
    /// none.
    public var assumption: String? = nil

    enum CodingKeys: String, CodingKey {
        case method, attribution, factors
        case loanID = "loan_id"
        case projectTonnes = "project_tonnes"
        case projectTce = "project_tce"
        case declaredTonnes = "declared_tonnes"
        case attributedTonnes = "attributed_tonnes"
        case attributedDeclaredTonnes = "attributed_declared_tonnes"
        case notEstimated = "not_estimated"
        case assumption
    }
}

/// Carbon-reduction estimates of green loans' projects.
///
/// Method (shared/domain/reference.md §7.3–§7.4; CBRC 《绿色信贷项目节能减排量测算指引》 [P]):
/// - Electricity generated (`Generation`) or saved (`Building`, the electricity part of `EnergySaving`) is
///   measured against the chosen ``GenerationBaseline``: by default the guideline's — MWh × thermal-power
///   supply coal consumption (gce/kWh) = tce of standard coal saved, × 2.66 tCO2/tce (raw coal, [D]); or
///   MWh × the average grid factor.
/// - `EnergySaving @annualTce @annualMWhSaved`: the tce figure is the whole saving with the electricity
///   counted inside it (Chinese energy-saving statistics, GB/T 2589 综合能耗: electricity is converted into
///   standard coal and added to the fuels); MWh is its electricity part. The electricity part in tce is MWh ×
///   supply coal consumption, the rest is fuel and is converted with the fuel's own tCO2/tce (`@fuel`; raw coal
///   when not stated, and said so). Nothing is counted twice.
/// - `Transport`: not estimated — the factor table has no vehicle factors.
/// - Attribution to the lender: project reduction × min(1, loan balance ÷ project total investment).
public enum CarbonEstimator {
    /// The estimate for a green loan; nil for a loan that is not green.
    public static func estimate(_ loan: Loan, factors: EstimationFactors) -> LoanCarbonEstimate? {
        guard let green = loan.green else { return nil }
        let declared = green.benefits?.co2eTonnes
        let attribution = Self.attribution(loan)
        var tonnes: Double? = nil
        var tce: Double? = nil
        var method: String? = nil
        var used: [String] = []
        var reason: String? = nil
        var assumption: String? = nil
        switch green.activity {
        case .generation(_, _, let mwh?), .building(_, let mwh?, _):
            if let electricity = Self.electricity(mwh, factors: factors) {
                (tonnes, tce, method, used) = electricity
            } else {
                reason = Self.noSupplyCoal
            }
        case .energySaving(let annualTce, let mwh, let fuel):
            switch (annualTce, mwh) {
            case (nil, nil):
                reason = "EnergySaving gives neither MWh nor tce saved"
            case (nil, let mwh?):
                if let electricity = Self.electricity(mwh, factors: factors) {
                    (tonnes, tce, method, used) = electricity
                } else {
                    reason = Self.noSupplyCoal
                }
            case (let annualTce?, nil):
                let factor = factors.tceFactor(fuel: fuel)
                tonnes = annualTce * factor.value
                tce = annualTce
                method = "\(number(annualTce)) tce × \(factor.value) tCO2/tce \(Self.fuelNote(fuel, factor))"
                used = [factor.id]
                if fuel == nil { assumption = Self.fuelNotStated }
            case (let annualTce?, let mwh?):
                guard let supplyCoal = factors.supplyCoal,
                    let electricity = Self.electricity(mwh, factors: factors)
                else {
                    reason = Self.noSupplyCoal
                    break
                }
                let electricityTce = mwh * supplyCoal.value / 1000
                let fuelTce = max(0, annualTce - electricityTce)
                let factor = factors.tceFactor(fuel: fuel)
                tonnes = (electricity.tonnes ?? 0) + fuelTce * factor.value
                tce = annualTce
                var text =
                    "electricity \(electricity.method ?? ""); fuel (\(number(annualTce)) tce − "
                    + "\(number(mwh)) MWh × \(supplyCoal.value) gce/kWh) × \(factor.value) tCO2/tce "
                    + Self.fuelNote(fuel, factor)
                if annualTce < electricityTce {
                    text += "; the tce declared is below its own electricity part: fuel part taken as 0"
                    assumption = Self.tceBelowElectricity
                } else if fuel == nil && fuelTce > 0 {
                    assumption = Self.fuelNotStated
                }
                method = text
                used = electricity.ids + (used.contains(supplyCoal.id) ? [] : [supplyCoal.id]) + [factor.id]
                used = Array(Set(used)).sorted()
            }
        case .transport:
            reason = "transport: the factor table has no vehicle emission factors"
        case .generation, .building:
            reason = "the activity gives no annual MWh"
        case nil:
            reason = "no activity data"
        }
        var estimate = LoanCarbonEstimate(
            loanID: loan.id, method: method, projectTonnes: tonnes, projectTce: tce, declaredTonnes: declared,
            attribution: attribution,
            attributedTonnes: tonnes.flatMap { value in attribution.map { value * $0 } },
            attributedDeclaredTonnes: declared.flatMap { value in attribution.map { value * $0 } },
            factors: used,
            notEstimated: reason)
        estimate.assumption = assumption
        return estimate
    }

    /// The assumption an EnergySaving without `@fuel` is estimated under.
    public static let fuelNotStated =
        "EnergySaving without @fuel: the tce beyond its electricity taken as raw coal (2.66 tCO2/tce)"
    /// The assumption when a declared tce is below its own electricity part.
    public static let tceBelowElectricity =
        "EnergySaving tce below its electricity part at the supply coal consumption: fuel part taken as 0 "
        + "(was the electricity converted at the calorific equivalent 0.1229 kgce/kWh? state it)"

    /// min(1, balance ÷ project total investment); nil without a positive total investment or a balance.
    public static func attribution(_ loan: Loan) -> Double? {
        guard let investment = loan.green?.project?.totalInvestment, investment.fen > 0,
            let balance = loan.balance
        else { return nil }
        return min(1, Double(balance.fen) / Double(investment.fen))
    }

    static let noSupplyCoal =
        "the guideline baseline needs the thermal-power supply coal consumption (gce/kWh): none in the "
        + "reference data; give --supply-coal or --baseline average"

    /// CO2 (and under the guideline, tce) avoided by `mwh` of electricity, with its method and factor ids.
    static func electricity(_ mwh: Double, factors: EstimationFactors)
        -> (tonnes: Double?, tce: Double?, method: String?, ids: [String])?
    {
        guard let generation = factors.generationFactor else { return nil }
        let tce: Double? =
            factors.baseline == .guideline ? factors.supplyCoal.map { mwh * $0.value / 1000 } : nil
        return (mwh * generation.tonnesPerMWh, tce, "\(number(mwh)) MWh \(generation.method)", generation.ids)
    }

    static func fuelNote(_ fuel: String?, _ factor: EmissionFactor) -> String {
        let tag = factor.confidence.tag
        guard let fuel else { return "(fuel not stated: raw coal \(tag))" }
        return factor.id == "tce-co2-\(fuel)"
            ? "(\(fuel) \(tag))" : "(fuel '\(fuel)' has no factor: raw coal \(tag))"
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
    /// Estimated loans that rest on an assumption, by assumption (EnergySaving without `@fuel`, tce below its
    /// electricity part).
    public var assumptions: [String: Int] = [:]

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
            if let assumption = estimate.assumption { assumptions[assumption, default: 0] += 1 }
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
        case assumptions
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
        try c.encode(assumptions, forKey: .assumptions)
        try c.encode(coverage, forKey: .coverage)
    }
}
