extension FilingFigures {
    /// The most loans one filing's counts may state: far beyond any real book (a 1 GB filing holds about
    /// two million), and small enough that summing the counts of a million filings cannot overflow.
    public static let maximumCount = 1_000_000_000_000

    /// The largest tonnage one filing's figures may state: beyond every real portfolio, and small enough that
    /// sums stay finite.
    public static let maximumTonnes = 1e24

    /// The largest amount in fen a stored loan-level sum may state (2^100): beyond any Int64 amount's Σ over
    /// a filing's loans, and small enough that Σ over 2^26 filings cannot overflow `Int128`.
    public static let maximumFen: Int128 = 1 << 100

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
            + (avoided.assumptions ?? [:]).sorted { $0.key < $1.key }.map {
                ("loans estimated under an assumption (\($0.key))", $0.value)
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
        return loanLevelImplausibility
    }

    /// The same checks for the loan-level figures stored since issue 10: benefits, carbon effect, credit risk.
    var loanLevelImplausibility: String? {
        func count(_ name: String, _ value: Int) -> String? {
            (0...Self.maximumCount).contains(value) ? nil : "its count of \(name) is \(value)"
        }
        func tonnes(_ name: String, _ value: Double) -> String? {
            value.isFinite && value >= 0 && value <= Self.maximumTonnes ? nil : "its \(name) are \(value)"
        }
        func money(_ name: String, _ value: MoneyTotal) -> String? {
            value.fen >= 0 && value.fen <= Self.maximumFen ? nil : "its \(name) is \(value) yuan"
        }
        var problems: [String?] = []
        if let benefits {
            let groups =
                [("", benefits.total)]
                + benefits.districts.sorted { $0.key < $1.key }.map { (" in \($0.key)", $0.value) }
                + benefits.categories.sorted { $0.key < $1.key }.map { (" in \($0.key)", $0.value) }
            for (scope, totals) in groups {
                for (indicator, sum) in totals.sums.sorted(by: { $0.key < $1.key }) {
                    let name = "\(indicator.rawValue)\(scope)"
                    problems += [
                        count("loans declaring \(name)", sum.loans),
                        count("loans not attributed for \(name)", sum.unattributedLoans),
                        sum.unattributedLoans <= sum.loans
                            ? nil : "it has more unattributed than declaring loans for \(name)",
                        tonnes("declared \(name)", sum.declared),
                        tonnes("attributed \(name)", sum.attributed),
                    ]
                }
            }
        }
        if let carbonEffect {
            for (effect, sum) in carbonEffect.sums.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let name = effect.rawValue
                problems += [
                    count("\(name) loans", sum.loans), count("\(name) estimated loans", sum.estimatedLoans),
                    money("\(name) balance", sum.balance),
                    tonnes("\(name) declared tonnes", sum.declaredTonnes),
                    tonnes("\(name) attributed declared tonnes", sum.attributedDeclaredTonnes),
                    tonnes("\(name) attributed estimated tonnes", sum.attributedEstimatedTonnes),
                ]
            }
        }
        if let risk = creditRisk {
            problems += [
                count("possibly understated loans", risk.possiblyUnderstatedLoans),
                money("total of loans", risk.total), money("green loans", risk.green),
                money("non-performing loans", risk.nonPerforming),
                money("non-performing green loans", risk.greenNonPerforming),
                money("possibly understated NPL", risk.possiblyUnderstated),
                risk.green <= risk.total && risk.nonPerforming <= risk.total
                    && risk.greenNonPerforming <= risk.green && risk.possiblyUnderstated <= risk.total
                    ? nil : "its credit-risk parts exceed their totals",
            ]
        }
        return problems.compactMap { $0 }.first
    }
}
