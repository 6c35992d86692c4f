import GreenDisclosure
import GreenTaxonomy

/// Different filings (different SHA-256) with the same lender, period and revision in one roll-up. None of
/// them is counted: choosing one by file name or arrival order would be a guess.
public struct FilingConflict: Hashable, Sendable, Encodable {
    /// One of the conflicting files.
    public struct Filing: Hashable, Sendable, Encodable {
        public let file: String
        public let sha256: String?
    }

    public let lenderUSCC: String
    public let lenderName: String?
    public let period: String?
    public let revision: Int
    /// The conflicting files, in file-name order.
    public let filings: [Filing]
    /// Always false: no filing of a conflict is counted.
    public let counted: Bool
    /// Whether a higher, unconflicted revision of the lender counts instead; when false the lender is left out
    /// of the period.
    public let lenderCounted: Bool
    /// The sentence shown: what is wrong and what was done.
    public let reason: String

    enum CodingKeys: String, CodingKey {
        case period, revision, filings, counted, reason
        case lenderUSCC = "lender_uscc"
        case lenderName = "lender_name"
        case lenderCounted = "lender_counted"
    }
}

extension Aggregator {
    /// Which accepted filings of a period count: per lender the highest revision, identical content once,
    /// conflicting revisions never. Filings are referred to by index, so one path given twice stays two rows.
    struct Selection {
        /// Indices of the counted filings, in file-name order.
        private(set) var included: [Int] = []
        private var includedSet: Set<Int> = []
        /// Treatment and note of the accepted filings of the period that are not counted.
        private var notCounted: [Int: (FilingStatus.Treatment, String)] = [:]
        /// Each conflict's filings (indices in file-name order) and whether the lender still counts.
        private var conflictGroups: [(members: [Int], lenderCounted: Bool)] = []
        private let period: String?

        init(_ filings: [FilingFigures], period: String?) {
            self.period = period
            let byFile = { (a: Int, b: Int) in (filings[a].file, a) < (filings[b].file, b) }
            let candidates = filings.indices.filter { filings[$0].accepted && filings[$0].period == period }
            // The same content given twice counts once: the first by file name.
            var firstByContent: [String: Int] = [:]
            var distinct: [Int] = []
            for index in candidates.sorted(by: byFile) {
                if let sha256 = filings[index].sha256 {
                    if let first = firstByContent[sha256] {
                        notCounted[index] = (
                            .duplicate,
                            "same content (SHA-256) as \(filings[first].file); counted once, as that file"
                        )
                        continue
                    }
                    firstByContent[sha256] = index
                }
                distinct.append(index)
            }
            let byLender = Dictionary(grouping: distinct) { index in
                filings[index].lenderUSCC.isEmpty ? "file:" + filings[index].file : filings[index].lenderUSCC
            }
            for key in byLender.keys.sorted() {
                let group = byLender[key] ?? []
                let byRevision = Dictionary(grouping: group) { filings[$0].revision }
                guard let top = byRevision.keys.max() else { continue }
                let winners = byRevision[top] ?? []
                for revision in byRevision.keys.sorted() {
                    let members = (byRevision[revision] ?? []).sorted(by: byFile)
                    guard members.count > 1 else { continue }
                    let lenderCounted = revision < top && winners.count == 1
                    conflictGroups.append((members, lenderCounted))
                    for index in members {
                        let others = members.filter { $0 != index }.map { filings[$0].file }
                        notCounted[index] = (
                            .conflict,
                            "revision \(revision) is also filed with different content in "
                                + "\(others.joined(separator: ", ")); neither is counted"
                        )
                    }
                }
                if winners.count == 1, let winner = winners.first {
                    included.append(winner)
                    for index in group where index != winner && notCounted[index] == nil {
                        notCounted[index] = (
                            .superseded, "superseded by \(filings[winner].file) (revision \(top))"
                        )
                    }
                } else {
                    for index in group where notCounted[index] == nil {
                        notCounted[index] = (
                            .superseded,
                            "superseded by revision \(top), which is in conflict: the lender is not counted"
                        )
                    }
                }
            }
            included.sort(by: byFile)
            includedSet = Set(included)
        }

        /// How filing `index` is treated, and the note that explains it.
        func treatment(of index: Int, in filings: [FilingFigures]) -> (FilingStatus.Treatment, String?) {
            if !filings[index].accepted { return (.rejected, nil) }
            if filings[index].period != period { return (.otherPeriod, nil) }
            if includedSet.contains(index) { return (.included, nil) }
            if let (treatment, note) = notCounted[index] { return (treatment, note) }
            return (.superseded, nil)
        }

        /// The conflicts, by lender and revision.
        func conflicts(in filings: [FilingFigures]) -> [FilingConflict] {
            conflictGroups.compactMap { group -> FilingConflict? in
                guard let first = group.members.first else { return nil }
                let filing = filings[first]
                let names = group.members.map { filings[$0].file }.joined(separator: " and ")
                return FilingConflict(
                    lenderUSCC: filing.lenderUSCC, lenderName: filing.lenderName, period: filing.period,
                    revision: filing.revision,
                    filings: group.members.map {
                        FilingConflict.Filing(file: filings[$0].file, sha256: filings[$0].sha256)
                    },
                    counted: false, lenderCounted: group.lenderCounted,
                    reason:
                        "\(names) are different filings (different SHA-256) with the same lender, period and "
                        + "revision \(filing.revision); neither is counted"
                        + (group.lenderCounted
                            ? " (a higher revision of the lender counts)"
                            : ", and the lender is left out of \(filing.period ?? "the period")")
                        + ". A corrected filing carries a higher revision.")
            }.sorted { ($0.lenderUSCC, $0.revision) < ($1.lenderUSCC, $1.revision) }
        }
    }
}

extension CalendarDate {
    /// 0001-01-01: the period end used when no period is known (every target date is after it).
    static var unknownPeriodEnd: CalendarDate {
        guard let date = CalendarDate(year: 1, month: 1, day: 1) else {
            fatalError("0001-01-01 is a valid date")
        }
        return date
    }
}
