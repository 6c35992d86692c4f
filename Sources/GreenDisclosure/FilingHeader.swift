import GreenTaxonomy

/// The `Header` of a filing: who files, for which period, which revision.
public struct FilingHeader: Hashable, Sendable, Encodable {
    public var lenderUSCC: String = ""
    /// `bank`, `rural-bank`, … as in the spec.
    public var lenderKind: String = ""
    public var lenderNameZh: String?
    public var lenderNameEn: String?
    public var period: ReportingPeriod?
    /// 1 for a first filing; a higher number supersedes.
    public var revision: Int = 1
    public var preparedOn: CalendarDate?
    public var currency: String = "CNY"

    public init() {}

    enum CodingKeys: String, CodingKey {
        case period, revision, currency
        case lenderUSCC = "lender_uscc"
        case lenderKind = "lender_kind"
        case lenderNameZh = "lender_name_zh"
        case lenderNameEn = "lender_name_en"
        case preparedOn = "prepared_on"
    }
}
