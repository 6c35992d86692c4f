import GreenDisclosure

extension CarbonTotals {
    /// Adds another portfolio's totals.
    public mutating func merge(_ other: CarbonTotals) {
        greenLoans += other.greenLoans
        greenBalance += other.greenBalance
        estimatedBalance += other.estimatedBalance
        estimatedLoans += other.estimatedLoans
        declaredTonnes += other.declaredTonnes
        estimatedProjectTonnes += other.estimatedProjectTonnes
        attributedTonnes += other.attributedTonnes
        attributedDeclaredTonnes += other.attributedDeclaredTonnes
        notEstimated.merge(other.notEstimated, uniquingKeysWith: +)
        assumptions.merge(other.assumptions, uniquingKeysWith: +)
    }
}

extension FinancedTotals {
    /// Adds another portfolio's totals (the data-quality score stays balance-weighted).
    public mutating func merge(_ other: FinancedTotals) {
        loans += other.loans
        totalBalance += other.totalBalance
        coveredBalance += other.coveredBalance
        coveredLoans += other.coveredLoans
        financedTonnes += other.financedTonnes
        qualityWeighted += other.qualityWeighted
        qualityBalance += other.qualityBalance
    }
}
