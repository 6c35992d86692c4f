import GreenDisclosure
import GreenTaxonomy

/// Loan-level credit-risk figures of a filing: non-performing green loans, and loans whose classification looks
/// too good for how far past maturity they are.
///
/// Method: a loan classified `normal` or `special-mention` whose Maturity lies more than 90 days before the
/// period end is "possibly non-performing" — under 《商业银行金融资产风险分类办法》 (2023) a loan more than 90
/// days overdue is at least substandard (rule GL-LOAN-007). Maturity is the only repayment date a filing
/// carries, so this is an upper bound of the understatement, not a reclassification: an extended or
/// rolled-over loan may have a later contractual date than the one filed. Only loan-level data (`Loans`)
/// gives these figures; without it they are not computable (nil), never zero.
public struct CreditRiskFigures: Codable, Hashable, Sendable {
    /// Σ balance of green loans classified substandard, doubtful or loss.
    public var greenNonPerforming = MoneyTotal.zero
    /// Σ balance of green loans.
    public var green = MoneyTotal.zero
    /// Σ balance of loans classified non-performing.
    public var nonPerforming = MoneyTotal.zero
    /// Σ balance of loans flagged by GL-LOAN-007 (possibly understated NPL).
    public var possiblyUnderstated = MoneyTotal.zero
    /// Loans flagged by GL-LOAN-007.
    public var possiblyUnderstatedLoans = 0
    /// Σ balance of all loans.
    public var total = MoneyTotal.zero

    public init() {}

    /// Adds one loan; `periodEnd` nil (no readable period) flags nothing.
    public mutating func add(_ loan: Loan, periodEnd: CalendarDate?) {
        let balance = loan.balance ?? .zero
        total += balance
        let nonPerformingLoan = loan.classification?.isNonPerforming == true
        if nonPerformingLoan { nonPerforming += balance }
        if loan.green != nil {
            green += balance
            if nonPerformingLoan { greenNonPerforming += balance }
        }
        if let periodEnd, loan.isOverdueButPerforming(periodEnd: periodEnd) {
            possiblyUnderstated += balance
            possiblyUnderstatedLoans += 1
        }
    }

    /// Adds another filing's figures.
    public mutating func merge(_ other: CreditRiskFigures) {
        greenNonPerforming += other.greenNonPerforming
        green += other.green
        nonPerforming += other.nonPerforming
        possiblyUnderstated += other.possiblyUnderstated
        possiblyUnderstatedLoans += other.possiblyUnderstatedLoans
        total += other.total
    }

    /// Non-performing green loans ÷ green loans, 0…1 (the PBoC evaluation's green risk ratio); nil without
    /// green loans.
    public var greenNonPerformingRatio: Double? { MoneyTotal.ratio(greenNonPerforming, green) }

    /// The NPL ratio as classified, 0…1.
    public var nonPerformingRatio: Double? { MoneyTotal.ratio(nonPerforming, total) }

    /// The NPL ratio if every flagged loan were non-performing, 0…1: (NPL + possibly understated) ÷ total.
    public var nonPerformingRatioIfReclassified: Double? {
        MoneyTotal.ratio(nonPerforming + possiblyUnderstated, total)
    }

    enum CodingKeys: String, CodingKey {
        case green, total
        case greenNonPerforming = "green_non_performing"
        case nonPerforming = "non_performing"
        case possiblyUnderstated = "possibly_understated_npl"
        case possiblyUnderstatedLoans = "possibly_understated_npl_loans"
        case greenNonPerformingRatio = "green_non_performing_ratio"
        case nonPerformingRatio = "non_performing_ratio"
        case nonPerformingRatioIfReclassified = "non_performing_ratio_if_reclassified"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        greenNonPerforming = try c.decode(MoneyTotal.self, forKey: .greenNonPerforming)
        green = try c.decode(MoneyTotal.self, forKey: .green)
        nonPerforming = try c.decode(MoneyTotal.self, forKey: .nonPerforming)
        possiblyUnderstated = try c.decode(MoneyTotal.self, forKey: .possiblyUnderstated)
        possiblyUnderstatedLoans = try c.decode(Int.self, forKey: .possiblyUnderstatedLoans)
        total = try c.decode(MoneyTotal.self, forKey: .total)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(green, forKey: .green)
        try c.encode(greenNonPerforming, forKey: .greenNonPerforming)
        try c.encode(greenNonPerformingRatio, forKey: .greenNonPerformingRatio)
        try c.encode(total, forKey: .total)
        try c.encode(nonPerforming, forKey: .nonPerforming)
        try c.encode(nonPerformingRatio, forKey: .nonPerformingRatio)
        try c.encode(possiblyUnderstated, forKey: .possiblyUnderstated)
        try c.encode(possiblyUnderstatedLoans, forKey: .possiblyUnderstatedLoans)
        try c.encode(nonPerformingRatioIfReclassified, forKey: .nonPerformingRatioIfReclassified)
    }
}
