import GreenDisclosure
import GreenMetrics
import GreenTaxonomy

extension FilingStore {
    /// The roll-up of the stored filings of `period` (default: the latest stored), with the green share of
    /// every stored period for quarter-on-quarter and year-on-year changes, the trend to each green target's
    /// date, and the database revision as the source. Throws ``StoreError`` for an empty history.
    public func rollUp(
        period: String?, district: String?, targets: TargetSet, grid: EmissionFactor
    ) throws -> AggregateReport {
        let stored = try filings().map(\.figures)
        guard !stored.isEmpty else {
            throw StoreError("\(path): the filing history is empty; run 'greenledger ingest' first")
        }
        var report = Aggregator.aggregate(
            stored, period: period, district: district, targets: targets, grid: grid)
        // Each period's green share from that period's filings only (other periods would be set aside anyway).
        let byPeriod = Dictionary(grouping: stored) { $0.period ?? "" }
        report.history = try periods().map { past in
            let rolled = Aggregator.aggregate(
                byPeriod[past] ?? [], period: past, district: district, targets: targets, grid: grid)
            return HistoryPoint(
                period: past, share: rolled.shares.first { $0.share.indicator == .green }?.share)
        }
        report.source = "\(path) (database revision \(try revision()))"
        if district == nil, let period = report.period {
            report.evaluation = GreenFinanceEvaluation.evaluate(stored, period: period)
        }
        if let current = report.period.flatMap(ReportingPeriod.init) {
            report.projections = TrendProjection.project(
                history: report.history, targets: targets, current: current)
        }
        return report
    }
}
