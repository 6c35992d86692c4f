import GreenDisclosure
import GreenTaxonomy

/// The balances the shares are computed from: totals, segments, districts and green categories, in fen.
/// Built from a filing's declared Portfolio (which the validator has reconciled with its loans), and
/// summed across lenders for district roll-ups.
public struct LoanBook: Hashable, Sendable, Encodable {
    public var total = Money.zero
    public var numerators: [Indicator: Money] = [:]
    /// Indicators a filing declared (a missing one is unknown, not zero).
    public var declared: Set<Indicator> = []
    /// By district code: total and green balances.
    public var districts: [String: DistrictBalances] = [:]
    /// Green balance by edition and level-1 code.
    public var categories: [CategoryKey: Money] = [:]

    public struct DistrictBalances: Hashable, Sendable, Encodable {
        public var total = Money.zero
        public var green = Money.zero
    }

    public struct CategoryKey: Hashable, Sendable, Comparable, Encodable {
        public let edition: String
        public let code: String

        public static func < (lhs: CategoryKey, rhs: CategoryKey) -> Bool {
            if lhs.edition != rhs.edition { return lhs.edition < rhs.edition }
            switch (CatalogueCode(lhs.code), CatalogueCode(rhs.code)) {
            case (let left?, let right?) where left != right: return left < right
            default: return lhs.code < rhs.code
            }
        }
    }

    public init() {}

    /// The book a filing declares in its Portfolio.
    public init(portfolio: Portfolio) {
        total = portfolio.totalLoans?.amount ?? .zero
        let figures: [(Indicator, Portfolio.Figure?)] = [
            (.green, portfolio.greenLoans), (.techEnterprise, portfolio.techEnterpriseLoans),
            (.inclusiveSmallMicro, portfolio.inclusiveSmallMicroLoans),
            (.manufacturingMidLongTerm, portfolio.manufacturingMidLongTermLoans),
            (.nonPerforming, portfolio.nonPerformingLoans),
        ]
        for case (let indicator, let figure?) in figures {
            numerators[indicator] = figure.amount
            declared.insert(indicator)
        }
        for row in portfolio.districts {
            districts[row.code] = DistrictBalances(
                total: row.totalLoans ?? .zero, green: row.greenLoans ?? .zero)
        }
        for row in portfolio.categories {
            categories[CategoryKey(edition: row.standard, code: row.code)] = row.greenLoans ?? .zero
        }
    }

    /// Σ of books (a district's or the city's lenders): every amount added, exact.
    public static func + (lhs: LoanBook, rhs: LoanBook) -> LoanBook {
        var sum = lhs
        sum.total = Money(fen: lhs.total.fen + rhs.total.fen)
        for (indicator, amount) in rhs.numerators {
            sum.numerators[indicator] = Money(fen: (lhs.numerators[indicator]?.fen ?? 0) + amount.fen)
        }
        sum.declared.formUnion(rhs.declared)
        for (code, balances) in rhs.districts {
            let mine = lhs.districts[code] ?? DistrictBalances()
            sum.districts[code] = DistrictBalances(
                total: Money(fen: mine.total.fen + balances.total.fen),
                green: Money(fen: mine.green.fen + balances.green.fen))
        }
        for (key, amount) in rhs.categories {
            sum.categories[key] = Money(fen: (lhs.categories[key]?.fen ?? 0) + amount.fen)
        }
        return sum
    }

    enum CodingKeys: String, CodingKey {
        case total, numerators, districts, categories
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(total, forKey: .total)
        try container.encode(
            Dictionary(uniqueKeysWithValues: numerators.map { ($0.key.rawValue, $0.value) }),
            forKey: .numerators)
        try container.encode(districts, forKey: .districts)
        try container.encode(
            Dictionary(
                uniqueKeysWithValues: categories.map { ("\($0.key.edition) \($0.key.code)", $0.value) }),
            forKey: .categories)
    }
}
