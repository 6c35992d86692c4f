import GreenDisclosure
import GreenTaxonomy

/// Whether the green share's recent trend reaches a target by its date.
public struct TrendProjection: Hashable, Sendable, Encodable {
    public let targetID: String
    public let targetDate: CalendarDate
    public let targetValue: Double
    /// Change of the share per quarter, in percentage points (least-squares slope over the stored quarters).
    public let slopePerQuarterPP: Double?
    /// The share the trend reaches at the target date (0…1), nil when not projected.
    public let projectedShare: Double?
    /// Nil when not projected.
    public let onTrack: Bool?
    public let note: String

    enum CodingKeys: String, CodingKey {
        case note
        case targetID = "target_id"
        case targetDate = "target_date"
        case targetValue = "target_value"
        case slopePerQuarterPP = "slope_per_quarter_pp"
        case projectedShare = "projected_share"
        case onTrack = "on_track"
    }

    /// Projects the green-share history (quarters only) to each green floor target's date.
    ///
    /// Method: ordinary least squares of share against quarter index over the stored quarters up to
    /// `current`; the line is extended to the quarter containing the target date. Periods past the target date
    /// are not projected (the date has passed; compare the actual share).
    public static func project(history: [HistoryPoint], targets: TargetSet, current: ReportingPeriod)
        -> [TrendProjection]
    {
        let points: [(Double, Double)] = history.compactMap { point in
            guard let period = ReportingPeriod(point.period), let quarter = period.quarter, period <= current,
                let share = point.share?.share
            else { return nil }
            return (Double(period.year) * 4 + Double(quarter - 1), share)
        }
        return targets.targets.filter { $0.indicator == .green && $0.direction == .floor }.map { target in
            let value = target.value.fraction
            guard current.lastDay <= target.targetDate else {
                return TrendProjection(
                    targetID: target.id, targetDate: target.targetDate, targetValue: value,
                    slopePerQuarterPP: nil,
                    projectedShare: nil, onTrack: nil, note: "target date passed; compare the actual share")
            }
            guard points.count >= 2 else {
                return TrendProjection(
                    targetID: target.id, targetDate: target.targetDate, targetValue: value,
                    slopePerQuarterPP: nil,
                    projectedShare: nil, onTrack: nil, note: "needs at least two stored quarters")
            }
            let n = Double(points.count)
            let meanX = points.map(\.0).reduce(0, +) / n
            let meanY = points.map(\.1).reduce(0, +) / n
            let sxx = points.map { ($0.0 - meanX) * ($0.0 - meanX) }.reduce(0, +)
            let sxy = points.map { ($0.0 - meanX) * ($0.1 - meanY) }.reduce(0, +)
            let slope = sxx > 0 ? sxy / sxx : 0
            let end = ReportingPeriod.quarter(containing: target.targetDate)
            let x = Double(end.year) * 4 + Double((end.quarter ?? 4) - 1)
            let projected = meanY + slope * (x - meanX)
            return TrendProjection(
                targetID: target.id, targetDate: target.targetDate, targetValue: value,
                slopePerQuarterPP: slope * 100,
                projectedShare: projected, onTrack: projected >= value,
                note: "least-squares trend over \(points.count) stored quarters")
        }
    }
}
