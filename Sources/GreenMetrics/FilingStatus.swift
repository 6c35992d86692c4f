import GreenDisclosure

/// How one filing was treated in a roll-up.
public struct FilingStatus: Hashable, Sendable, Encodable {
    public enum Treatment: String, Hashable, Sendable, Encodable {
        /// Counted in the aggregates.
        case included
        /// REJECTED by validation: listed, not counted.
        case rejected
        /// A higher revision of the same lender and period was given: listed, not counted.
        case superseded
        /// Another filing with different content has the same lender, period and revision: neither is counted
        /// (see ``AggregateReport/conflicts``).
        case conflict
        /// The same content (SHA-256) as another filing given: counted once, under the other file.
        case duplicate
        /// For another period than the one aggregated.
        case otherPeriod = "other-period"
        /// Could not be read at all.
        case unreadable
    }

    public let file: String
    public let sha256: String?
    public let lenderUSCC: String?
    public let lenderName: String?
    public let period: String?
    public let revision: Int?
    public let verdict: Verdict?
    public let errors: Int
    public let warnings: Int
    public let treatment: Treatment
    /// For a superseded filing, the file that supersedes it; for a conflict or a duplicate, the other file(s);
    /// for an unreadable one, why.
    public let note: String?

    enum CodingKeys: String, CodingKey {
        case file, sha256, period, revision, verdict, errors, warnings, treatment, note
        case lenderUSCC = "lender_uscc"
        case lenderName = "lender_name"
    }
}
