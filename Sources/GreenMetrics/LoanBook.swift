import GreenDisclosure
import GreenTaxonomy

/// The balances the shares are computed from: totals, segments, districts and green categories, in fen.
/// Built from a filing's declared Portfolio (which the validator has reconciled with its loans), and
/// summed across lenders for district roll-ups. Amounts are ``MoneyTotal`` (Int128 fen): a city's sums can
/// pass what one Int64 amount holds.
public struct LoanBook: Hashable, Sendable, Encodable {
    public var total = MoneyTotal.zero
    public var numerators: [Indicator: MoneyTotal] = [:]
    /// Indicators a filing declared (a missing one is unknown, not zero).
    public var declared: Set<Indicator> = []
    /// By district code: total and green balances.
    public var districts: [String: DistrictBalances] = [:]
    /// Green balance by edition and level-1 code.
    public var categories: [CategoryKey: MoneyTotal] = [:]

    public struct DistrictBalances: Hashable, Sendable, Encodable {
        public var total = MoneyTotal.zero
        public var green = MoneyTotal.zero

        public init(total: MoneyTotal = .zero, green: MoneyTotal = .zero) {
            self.total = total
            self.green = green
        }
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
        total = MoneyTotal(portfolio.totalLoans?.amount ?? .zero)
        let figures: [(Indicator, Portfolio.Figure?)] = [
            (.green, portfolio.greenLoans), (.techEnterprise, portfolio.techEnterpriseLoans),
            (.inclusiveSmallMicro, portfolio.inclusiveSmallMicroLoans),
            (.manufacturingMidLongTerm, portfolio.manufacturingMidLongTermLoans),
            (.nonPerforming, portfolio.nonPerformingLoans),
        ]
        for case (let indicator, let figure?) in figures {
            numerators[indicator] = MoneyTotal(figure.amount)
            declared.insert(indicator)
        }
        for row in portfolio.districts {
            districts[row.code] = DistrictBalances(
                total: MoneyTotal(row.totalLoans ?? .zero), green: MoneyTotal(row.greenLoans ?? .zero))
        }
        for row in portfolio.categories {
            categories[CategoryKey(edition: row.standard, code: row.code)] = MoneyTotal(
                row.greenLoans ?? .zero)
        }
    }

    /// Σ of books (a district's or the city's lenders): every amount added, exact (Int128 fen, no overflow).
    public static func + (lhs: LoanBook, rhs: LoanBook) -> LoanBook {
        var sum = lhs
        sum.total += rhs.total
        for (indicator, amount) in rhs.numerators {
            sum.numerators[indicator, default: .zero] += amount
        }
        sum.declared.formUnion(rhs.declared)
        for (code, balances) in rhs.districts {
            let mine = lhs.districts[code] ?? DistrictBalances()
            sum.districts[code] = DistrictBalances(
                total: mine.total + balances.total, green: mine.green + balances.green)
        }
        for (key, amount) in rhs.categories {
            sum.categories[key, default: .zero] += amount
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
        // "edition code" keys: an edition text holding a space could make two keys one; their sums are added.
        try container.encode(
            Dictionary(
                categories.map { ("\($0.key.edition) \($0.key.code)", $0.value) }, uniquingKeysWith: +),
            forKey: .categories)
    }
}
