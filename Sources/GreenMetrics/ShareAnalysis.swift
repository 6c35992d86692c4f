import GreenDisclosure
import GreenTaxonomy

/// One indicator's share of total loans: Σ numerator ÷ Σ denominator (never an average of ratios).
public struct IndicatorShare: Hashable, Sendable, Encodable {
    public let indicator: Indicator
    public let numerator: MoneyTotal
    public let denominator: MoneyTotal
    /// 0…1; nil when the denominator is zero.
    public let share: Double?

    public init(indicator: Indicator, numerator: MoneyTotal, denominator: MoneyTotal, share: Double?) {
        self.indicator = indicator
        self.numerator = numerator
        self.denominator = denominator
        self.share = share
    }
}

/// An indicator against its target.
public struct TargetAssessment: Hashable, Sendable, Encodable {
    public let target: Target
    /// Nil when the filing does not declare the indicator.
    public let actual: IndicatorShare?
    /// Nil when unknown.
    public let met: Bool?
    /// For a floor: the amount of loans still needed (target × total − numerator, ≥ 0); for a ceiling: the
    /// amount above it (numerator − target × total, ≥ 0). Exact to the fen; nil when unknown.
    public let gap: MoneyTotal?
    /// The period ends after the target date: the last target still applies, and its date has passed.
    public let targetDatePassed: Bool

    enum CodingKeys: String, CodingKey {
        case target, actual, met, gap
        case targetDatePassed = "target_date_passed"
    }
}

/// A district's green share.
public struct DistrictShare: Hashable, Sendable, Encodable {
    public let code: String
    public let nameZh: String?
    public let nameEn: String?
    public let total: MoneyTotal
    public let green: MoneyTotal
    public let share: Double?

    enum CodingKeys: String, CodingKey {
        case code, total, green, share
        case nameZh = "name_zh"
        case nameEn = "name_en"
    }
}

/// Green loans of one level-1 category.
public struct CategoryShare: Hashable, Sendable, Encodable {
    public let edition: String
    public let code: String
    public let nameZh: String?
    public let nameEn: String?
    public let green: MoneyTotal
    /// Of all green loans, 0…1.
    public let shareOfGreen: Double?
    /// The edition is known only in part: its categories cannot all be verified.
    public let incompleteEdition: Bool

    enum CodingKeys: String, CodingKey {
        case edition, code, green
        case nameZh = "name_zh"
        case nameEn = "name_en"
        case shareOfGreen = "share_of_green"
        case incompleteEdition = "incomplete_edition"
    }
}

/// Shares of total loans and their assessment against targets.
///
/// Method: share = Σ numerator ÷ Σ total loans outstanding (各项贷款余额) over the lenders in scope
/// (shared/domain/targets.md, "How the tool should use them"). Gap = target × total − numerator, rounded up
/// to the fen, for floors; numerator − target × total for ceilings.
public enum ShareAnalysis {
    static func ratio(_ numerator: MoneyTotal, _ denominator: MoneyTotal) -> Double? {
        MoneyTotal.ratio(numerator, denominator)
    }

    /// The share of every indicator the book declares.
    public static func shares(_ book: LoanBook) -> [IndicatorShare] {
        Indicator.allCases.compactMap { indicator in
            guard book.declared.contains(indicator), let numerator = book.numerators[indicator] else {
                return nil
            }
            return IndicatorShare(
                indicator: indicator, numerator: numerator, denominator: book.total,
                share: ratio(numerator, book.total))
        }
    }

    /// Each target of `targets` against the book, for a period ending `periodEnd`.
    public static func assess(_ book: LoanBook, against targets: TargetSet, periodEnd: CalendarDate)
        -> [TargetAssessment]
    {
        assess(shares(book), against: targets, periodEnd: periodEnd)
    }

    /// Each target against the given shares (each with its own denominator, as in a roll-up where not every
    /// lender declares every indicator).
    public static func assess(_ shares: [IndicatorShare], against targets: TargetSet, periodEnd: CalendarDate)
        -> [TargetAssessment]
    {
        let actual = Dictionary(shares.map { ($0.indicator, $0) }, uniquingKeysWith: { first, _ in first })
        return targets.targets.map { target in
            guard let share = actual[target.indicator] else {
                return TargetAssessment(
                    target: target, actual: nil, met: nil, gap: nil,
                    targetDatePassed: periodEnd > target.targetDate)
            }
            // Unknown (not a trap) if target × total does not fit: no real book comes near 2^127 fen.
            guard let required = target.value.of(share.denominator) else {
                return TargetAssessment(
                    target: target, actual: share, met: nil, gap: nil,
                    targetDatePassed: periodEnd > target.targetDate)
            }
            let met: Bool
            let gap: MoneyTotal
            switch target.direction {
            case .floor:
                met = share.numerator >= required
                gap = MoneyTotal(fen: max(0, required.fen - share.numerator.fen))
            case .ceiling:
                met = share.numerator <= required
                gap = MoneyTotal(fen: max(0, share.numerator.fen - required.fen))
            }
            return TargetAssessment(
                target: target, actual: share, met: share.denominator.fen > 0 ? met : nil, gap: gap,
                targetDatePassed: periodEnd > target.targetDate)
        }
    }

    /// Green share per district, in code order.
    public static func districts(_ book: LoanBook, taxonomy: Taxonomy = .standard) -> [DistrictShare] {
        let names = Dictionary(uniqueKeysWithValues: taxonomy.districts.map { ($0.code, $0) })
        return book.districts.sorted { $0.key < $1.key }.map { code, balances in
            DistrictShare(
                code: code, nameZh: names[code]?.nameZh,
                nameEn: names[code]?.nameEn ?? (code == "other" ? "outside Shenzhen" : nil),
                total: balances.total, green: balances.green, share: ratio(balances.green, balances.total))
        }
    }

    /// Green loans per level-1 category of each edition, in edition and code order.
    public static func categories(_ book: LoanBook, taxonomy: Taxonomy = .standard) -> [CategoryShare] {
        let green = book.numerators[.green] ?? .zero
        return book.categories.sorted { $0.key < $1.key }.map { key, amount in
            let catalogue = try? taxonomy.catalogue(key.edition)
            let item = CatalogueCode(key.code).flatMap { catalogue?.item($0) }
            return CategoryShare(
                edition: key.edition, code: key.code, nameZh: item?.nameZh, nameEn: item?.nameEn,
                green: amount,
                shareOfGreen: ratio(amount, green),
                incompleteEdition: catalogue.map { !$0.edition.isComplete } ?? false)
        }
    }
}
