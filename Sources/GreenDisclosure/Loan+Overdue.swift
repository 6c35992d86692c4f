import GreenTaxonomy

extension Loan {
    /// Days past maturity beyond which a loan is at least substandard (次级类): 90, so 91 days is the first
    /// day the classification `normal` or `special-mention` is no longer allowed.
    ///
    /// Source: 《商业银行金融资产风险分类办法》 (CBIRC and PBoC, published 2023-02-11, in force from 2023-07-01
    /// [P]; the article was not read): a loan more than 90 days overdue is classified substandard or worse.
    public static let performingOverdueLimitDays = 90

    /// Days from the loan's `Maturity` to `date`: positive when `date` is after the maturity (the loan is
    /// that many days past it), zero on the maturity day, negative before it; nil without a maturity.
    ///
    /// Any two dates of the calendar (years 1–9999) give an exact count; the computation cannot overflow.
    public func daysPastMaturity(at date: CalendarDate) -> Int? {
        guard let maturity else { return nil }
        return date.dayNumber - maturity.dayNumber
    }

    /// Whether the loan is more than ``performingOverdueLimitDays`` (90) days past its maturity at
    /// `periodEnd` yet still classified performing (`normal` or `special-mention`): its balance probably
    /// belongs among the non-performing loans.
    ///
    /// False without a `Maturity` or a `Classification`, and when the maturity is before the origination:
    /// that date is wrong (GL-LOAN-006), not evidence of an overdue loan. The metrics use it for the balance
    /// of possibly understated NPLs; validation reports it as GL-LOAN-007.
    ///
    /// Method: days from maturity to the period's last day > 90, classification not substandard, doubtful or
    /// loss. Source: 《商业银行金融资产风险分类办法》 (2023 [P]): more than 90 days overdue is at least
    /// substandard (次级类).
    public func isOverdueButPerforming(periodEnd: CalendarDate) -> Bool {
        guard let classification, !classification.isNonPerforming, let days = daysPastMaturity(at: periodEnd)
        else { return false }
        if let originated, let maturity, maturity < originated { return false }
        return days > Self.performingOverdueLimitDays
    }
}
