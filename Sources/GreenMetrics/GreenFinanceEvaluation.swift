import GreenDisclosure

/// A lender's rank on one indicator: 1 is best; lenders with equal values share a rank (1, 2, 2, 4).
public struct IndicatorRank: Hashable, Sendable, Encodable {
    /// 1 is best.
    public let rank: Int
    /// Lenders (or quarters) ranked.
    public let of: Int

    /// `rank` among `of`.
    public init(rank: Int, of: Int) {
        self.rank = rank
        self.of = of
    }
}

/// One indicator of the PBoC evaluation for a lender: its value, its rank among the period's lenders, its
/// rank against its own previous three quarters, and those quarters' values.
public struct EvaluatedIndicator: Hashable, Sendable, Encodable {
    /// A 0…1 fraction (growth: may be negative or above 1); nil when not computable.
    public let value: Double?
    /// Why the value is not computable, when it is nil.
    public let notComputable: String?
    /// Among the period's lenders with a value.
    public let peerRank: IndicatorRank?
    /// This quarter among itself and the lender's previous three quarters that have a value.
    public let ownRank: IndicatorRank?
    /// The values of the three periods before — quarters, or years for annual filings — newest first (nil
    /// where the lender filed none or it is not computable).
    public let previousPeriods: [Double?]

    enum CodingKeys: String, CodingKey {
        case value
        case notComputable = "not_computable"
        case peerRank = "peer_rank"
        case ownRank = "own_rank"
        case previousPeriods = "previous_periods"
    }
}

/// A lender's indicators in ``GreenFinanceEvaluation``.
public struct LenderEvaluation: Hashable, Sendable, Encodable {
    /// The lender's unified social credit code.
    public let uscc: String
    /// The lender's kind as filed (`bank`, `village-bank`, `microcredit` …): the evaluation covers banking
    /// institutions, and the table ranks every lender filed, so readers can tell them apart.
    public let kind: String
    /// The lender's Chinese name, when filed.
    public let nameZh: String?
    /// Green loans, yuan (exact).
    public let green: MoneyTotal
    /// Total loans, yuan (exact).
    public let total: MoneyTotal
    /// 总额占比: green loans ÷ the lender's total loans.
    public let greenShare: EvaluatedIndicator
    /// 份额占比: green loans ÷ all filed green loans of the period.
    public let shareOfAllGreen: EvaluatedIndicator
    /// 同比增速: green loans ÷ green loans of the same period a year earlier − 1.
    public let yearOnYearGrowth: EvaluatedIndicator
    /// 风险总额占比 (green loans only): non-performing green loans ÷ green loans — lower is better.
    public let greenRiskRatio: EvaluatedIndicator

    enum CodingKeys: String, CodingKey {
        case uscc, kind, green, total
        case nameZh = "name_zh"
        case greenShare = "green_share"
        case shareOfAllGreen = "share_of_all_green"
        case yearOnYearGrowth = "year_on_year_growth"
        case greenRiskRatio = "green_risk_ratio"
    }
}

/// The quantitative indicators of the PBoC green-finance evaluation of banks (《银行业金融机构绿色金融评价方案》,
/// PBoC 2021-05-27, in force 2021-07-01 [P]; commonly cited as 银发〔2021〕142号 [U]) computed from the
/// filing history, per lender, for one period, with ranks — and no score.
///
/// Method: the evaluation's four quantitative indicators are 绿色金融业务总额占比, 总额份额占比, 总额同比增速 and
/// 风险总额占比, weighted together 80 % (qualitative 20 %) [P]; they cover green loans and green bonds. The
/// filings carry green loans only, so these are the green-loan parts of the indicators. The weights of the
/// single indicators and the scoring formula are not published: GreenLedger shows the indicators and each
/// lender's ranks (among the period's lenders, and this quarter against its own previous three), never a score.
/// The risk ratio needs loan-level classifications (`Loans`); without them it is "not computable".
public struct GreenFinanceEvaluation: Hashable, Sendable, Encodable {
    /// The period evaluated, e.g. `2026-Q3`.
    public let period: String
    /// Every lender counted in the period, by USCC.
    public let lenders: [LenderEvaluation]
    /// ``methodText``, named in every output.
    public let method: String

    /// What the indicators are, their source and what is not computed.
    public static let methodText =
        "PBoC 《银行业金融机构绿色金融评价方案》 (2021) quantitative indicators, green-loan part only (the "
        + "evaluation counts green loans and green bonds): share of the lender's loans, share of all filed green "
        + "loans, year-on-year growth, non-performing green ÷ green; ranks among the period's lenders of every "
        + "kind filed (the evaluation covers banking institutions: microcredit, leasing and finance companies "
        + "are ranked beside them here, marked by kind) and against the lender's own previous three quarters "
        + "(years for annual filings) when one has a value (1 = best; lowest risk ratio is best). The weights "
        + "and scoring formula are not published: no score is computed."

    /// The periods whose filings the evaluation of `current` reads, newest first: it and the three before it,
    /// each compared with the same quarter a year earlier (annual filings: with the year before).
    public static func periods(for current: ReportingPeriod) -> [ReportingPeriod] {
        let lag = current.quarter == nil ? 1 : 4
        var periods = [current]
        while periods.count < 4 + lag { periods.append(periods[periods.count - 1].previous) }
        return periods
    }

    /// The evaluation of `period` from every stored filing (all periods): per period the filings a roll-up
    /// would count (highest accepted revision per lender, conflicts left out).
    public static func evaluate(_ filings: [FilingFigures], period: String) -> GreenFinanceEvaluation? {
        guard let current = ReportingPeriod(period) else { return nil }
        let lag = current.quarter == nil ? 1 : 4
        let periods = periods(for: current)
        let byPeriod = periods.map { period -> [String: FilingFigures] in
            let selection = Aggregator.Selection(filings, period: period.description)
            var byLender: [String: FilingFigures] = [:]
            for index in selection.included { byLender[filings[index].lenderUSCC] = filings[index] }
            return byLender
        }
        let yearAgo = periods[lag]
        let now = byPeriod[0]
        guard !now.isEmpty else { return nil }
        let allGreen = byPeriod.map { lenders in lenders.values.reduce(MoneyTotal.zero) { $0 + green(of: $1) }
        }
        // Indicator values of one lender in the period at `offset` (0 = current, 1…3 previous quarters).
        func values(_ uscc: String, offset: Int) -> [Double?] {
            guard let filing = byPeriod[offset][uscc] else { return [nil, nil, nil, nil] }
            let earlier = byPeriod[offset + lag][uscc]
            return [
                MoneyTotal.ratio(green(of: filing), MoneyTotal(fen: Int128(filing.totalFen))),
                MoneyTotal.ratio(green(of: filing), allGreen[offset]),
                earlier.flatMap { growth(from: green(of: $0), to: green(of: filing)) },
                filing.creditRisk?.greenNonPerformingRatio,
            ]
        }
        let lenders = now.sorted { $0.key < $1.key }
        let current4 = lenders.map { values($0.key, offset: 0) }
        let lowerIsBetter = [false, false, false, true]
        let peerRanks = (0..<4).map { indicator in
            rank(
                Dictionary(
                    lenders.indices.compactMap { index in
                        current4[index][indicator].map { (lenders[index].key, $0) }
                    },
                    uniquingKeysWith: { first, _ in first }),
                lowerIsBetter: lowerIsBetter[indicator])
        }
        let evaluations = lenders.indices.map { position -> LenderEvaluation in
            let (uscc, filing) = lenders[position]
            let mine = current4[position]
            let history = (1...3).map { values(uscc, offset: $0) }
            func indicator(_ index: Int, reason: String) -> EvaluatedIndicator {
                let previous = history.map { $0[index] }
                var own: IndicatorRank? = nil
                // Ranked against its own quarters only when at least one earlier quarter has a value.
                if let value = mine[index], previous.contains(where: { $0 != nil }) {
                    let earlier = previous.compactMap { $0 }
                    own =
                        rank(
                            Dictionary(
                                uniqueKeysWithValues: [("now", value)]
                                    + earlier.enumerated().map { ("q\($0)", $1) }),
                            lowerIsBetter: lowerIsBetter[index])["now"]
                }
                return EvaluatedIndicator(
                    value: mine[index], notComputable: mine[index] == nil ? reason : nil,
                    peerRank: peerRanks[index][uscc], ownRank: own, previousPeriods: previous)
            }
            let yearAgoFiling = byPeriod[lag][uscc]
            return LenderEvaluation(
                uscc: uscc, kind: filing.lenderKind, nameZh: filing.lenderName, green: green(of: filing),
                total: MoneyTotal(fen: Int128(filing.totalFen)),
                greenShare: indicator(0, reason: "no total loans"),
                shareOfAllGreen: indicator(1, reason: "no green loans filed in the period"),
                yearOnYearGrowth: indicator(
                    2,
                    reason: yearAgoFiling == nil
                        ? "no counted filing for \(yearAgo)" : "no green loans in \(yearAgo) to grow from"),
                greenRiskRatio: indicator(
                    3,
                    reason: filing.creditRisk != nil
                        ? "no green loans"
                        : filing.hasLoans
                            ? "stored by an earlier GreenLedger without loan-level risk figures: ingest the file again"
                            : "no loan-level classifications (the filing has no Loans section)"))
        }
        return GreenFinanceEvaluation(period: period, lenders: evaluations, method: methodText)
    }

    static func green(of filing: FilingFigures) -> MoneyTotal {
        MoneyTotal(fen: Int128(filing.numeratorsFen[Indicator.green.rawValue] ?? 0))
    }

    /// now ÷ then − 1; nil when `then` is zero.
    static func growth(from then: MoneyTotal, to now: MoneyTotal) -> Double? {
        guard then.fen > 0 else { return nil }
        return Double(now.fen - then.fen) / Double(then.fen)
    }

    /// Competition ranking ("1224"): 1 is the highest value (or the lowest when `lowerIsBetter`); equal values
    /// share a rank. Sorted once, so a history of many lenders ranks in n log n.
    static func rank(_ values: [String: Double], lowerIsBetter: Bool) -> [String: IndicatorRank] {
        let ordered = values.sorted { lowerIsBetter ? $0.value < $1.value : $0.value > $1.value }
        var ranks: [String: IndicatorRank] = [:]
        for (position, entry) in ordered.enumerated() {
            // The rank of the first entry with this value (ties keep it).
            let rank =
                position > 0 && ordered[position - 1].value == entry.value
                ? ranks[ordered[position - 1].key]?.rank ?? position + 1 : position + 1
            ranks[entry.key] = IndicatorRank(rank: rank, of: ordered.count)
        }
        return ranks
    }
}
