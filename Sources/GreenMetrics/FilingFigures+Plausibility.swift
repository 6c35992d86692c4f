extension FilingFigures {
    /// The most loans one filing's counts may state: far beyond any real book (a 1 GB filing holds about
    /// two million), and small enough that summing the counts of a million filings cannot overflow.
    public static let maximumCount = 1_000_000_000_000

    /// The largest tonnage one filing's figures may state: beyond every real portfolio, and small enough that
    /// sums stay finite.
    public static let maximumTonnes = 1e24

    /// Why these figures cannot have been computed from a filing (a count below zero or above
    /// ``maximumCount``, a tonnage that is negative, not finite or above ``maximumTonnes``), or nil.
    ///
    /// Figures come back from the history database, which another program may have altered; roll-ups sum
    /// them with trapping arithmetic only after this check.
    public var implausibility: String? {
        let counts: [(String, Int)] =
            [
                ("loans", loans), ("errors", errors), ("warnings", warnings),
                ("avoided green loans", avoided.greenLoans),
                ("avoided estimated loans", avoided.estimatedLoans),
                ("financed loans", financed.loans), ("financed covered loans", financed.coveredLoans),
            ]
            + avoided.notEstimated.sorted { $0.key < $1.key }.map {
                ("loans not estimated (\($0.key))", $0.value)
            }
        for (name, count) in counts where !(0...Self.maximumCount).contains(count) {
            return "its count of \(name) is \(count)"
        }
        let tonnes: [(String, Double)] = [
            ("declared tonnes", avoided.declaredTonnes), ("estimated tonnes", avoided.estimatedProjectTonnes),
            ("attributed tonnes", avoided.attributedTonnes),
            ("attributed declared tonnes", avoided.attributedDeclaredTonnes),
            ("financed tonnes", financed.financedTonnes),
        ]
        for (name, value) in tonnes where !(value.isFinite && value >= 0 && value <= Self.maximumTonnes) {
            return "its \(name) are \(value)"
        }
        for (name, value) in [
            ("quality weights", financed.qualityWeighted), ("quality balance", financed.qualityBalance),
        ]
        where !(value.isFinite && value >= 0) {
            return "its \(name) are \(value)"
        }
        return nil
    }
}
