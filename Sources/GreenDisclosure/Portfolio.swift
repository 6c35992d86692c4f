/// One `District` row of the Portfolio.
public struct DistrictFigures: Hashable, Sendable, Encodable {
    public var code: String
    public var totalLoans: Money?
    public var greenLoans: Money?
    public var location: SourceLocation

    enum CodingKeys: String, CodingKey {
        case code, location
        case totalLoans = "total_loans"
        case greenLoans = "green_loans"
    }
}

/// One `Category` row of the Portfolio: green loans of a level-1 category of an edition.
public struct CategoryFigures: Hashable, Sendable, Encodable {
    public var standard: String
    public var code: String
    public var greenLoans: Money?
    public var location: SourceLocation

    enum CodingKeys: String, CodingKey {
        case standard, code, location
        case greenLoans = "green_loans"
    }
}

/// The lender's declared figures at the period's last day (`Portfolio`).
public struct Portfolio: Hashable, Sendable, Encodable {
    /// A declared amount and where it was declared.
    public struct Figure: Hashable, Sendable, Encodable {
        public let amount: Money
        public let location: SourceLocation
    }

    public var totalLoans: Figure?
    public var greenLoans: Figure?
    public var techEnterpriseLoans: Figure?
    public var inclusiveSmallMicroLoans: Figure?
    public var manufacturingMidLongTermLoans: Figure?
    public var nonPerformingLoans: Figure?
    public var districts: [DistrictFigures] = []
    public var categories: [CategoryFigures] = []
    public var location = SourceLocation(line: 0, column: 0)

    public init() {}

    enum CodingKeys: String, CodingKey {
        case districts, categories, location
        case totalLoans = "total_loans"
        case greenLoans = "green_loans"
        case techEnterpriseLoans = "tech_enterprise_loans"
        case inclusiveSmallMicroLoans = "inclusive_small_micro_loans"
        case manufacturingMidLongTermLoans = "manufacturing_mid_long_term_loans"
        case nonPerformingLoans = "non_performing_loans"
    }
}
