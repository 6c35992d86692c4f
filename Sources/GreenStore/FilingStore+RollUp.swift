import GreenDisclosure
import GreenMetrics
import GreenTaxonomy

extension FilingStore {
    /// The roll-up of the stored filings of `period` (default: the latest stored), with the green share of
    /// every stored period for quarter-on-quarter and year-on-year changes, the trend to each green target's
    /// date, and the database revision as the source. Throws ``StoreError`` for an empty history.
    ///
    /// Reads one snapshot: the figures of the period's filings (and, city-wide, of the periods the PBoC
    /// evaluation compares with — at most eight quarters), and the trend from the typed balance columns of
    /// every filing; so its cost grows with the quarter's filings, not with the length of the history.
    public func rollUp(
        period requested: String?, district: String?, targets: TargetSet, grid: EmissionFactor
    ) async throws -> AggregateReport {
        let snapshot = try await read("the filing history") { db in
            let revision = try await db.row(Self.revisionQuery)
            let periods = try await db.rows("SELECT MIN(id) AS id, period FROM filing GROUP BY period")
            let balances = try await db.rows(
                """
                SELECT filing.id, lender_uscc, period, revision, filing.total_fen, filing.green_fen,
                       district.total_fen AS district_total_fen, district.green_fen AS district_green_fen
                FROM filing LEFT JOIN filing_district AS district
                    ON district.filing_id = filing.id AND district.code = \(district ?? "")
                """)
            // The filings of the quarter asked for, or of the latest, and of the periods it is compared with.
            let sorted = try Self.sortedPeriods(periods, store: self.path)
            let figures = try await self.filingRows(
                periods: self.rollUpPeriods(requested ?? sorted.last, district: district), db)
            return (revision, sorted, balances, figures)
        }
        let revision = try snapshot.0?.from(path, table: "filing", key: nil).int("revision") ?? 0
        let periods = snapshot.1
        guard revision > 0, let latest = periods.last else {
            throw StoreError("\(path): the filing history is empty; run 'greenledger ingest' first")
        }
        let period = requested ?? latest
        let stored = try decodeFilings(snapshot.3).map(\.figures)
        var report = Aggregator.aggregate(
            stored.filter { $0.period == period }, period: period, district: district, targets: targets,
            grid: grid)
        let shares = Aggregator.greenShares(try snapshot.2.map(balance), district: district)
        report.history = periods.map { HistoryPoint(period: $0, share: shares[$0]) }
        report.source = "\(path) (database revision \(revision))"
        if district == nil {
            report.evaluation = GreenFinanceEvaluation.evaluate(stored, period: period)
        }
        if let current = ReportingPeriod(period) {
            report.projections = TrendProjection.project(
                history: report.history, targets: targets, current: current)
        }
        return report
    }

    /// The periods whose figures a roll-up of `period` reads: it, and city-wide the periods the PBoC evaluation
    /// compares it with.
    func rollUpPeriods(_ period: String?, district: String?) -> [String] {
        guard let period else { return [] }
        guard district == nil, let current = ReportingPeriod(period) else { return [period] }
        return [period]
            + GreenFinanceEvaluation.periods(for: current).map(\.description).filter { $0 != period }
    }

    /// A row of the balances query as the trend needs it.
    private func balance(_ found: StoreRow) throws -> StoredBalance {
        let row = found.from(path, table: "filing")
        var district: (totalFen: Int64, greenFen: Int64)?
        if !row.isNull("district_total_fen") {
            district = (try row.integer("district_total_fen"), try row.integer("district_green_fen"))
        }
        return StoredBalance(
            lenderUSCC: try row.text("lender_uscc"), period: try row.text("period"),
            revision: try row.int("revision"),
            totalFen: try row.integer("total_fen"), greenFen: try row.optionalInteger("green_fen"),
            district: district)
    }

    /// The periods of `rows` (`id`, `period`) in order; a row whose period is not one is refused, named.
    static func sortedPeriods(_ rows: [StoreRow], store: String) throws -> [String] {
        var periods: [(text: String, period: ReportingPeriod)] = []
        for found in rows {
            let row = found.from(store, table: "filing")
            let text = try row.text("period")
            guard let period = ReportingPeriod(text: text) else {
                throw row.damaged("its period '\(text)' is not a period")
            }
            periods.append((text, period))
        }
        return periods.sorted { $0.period < $1.period }.map(\.text)
    }
}
