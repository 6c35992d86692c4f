import GreenDisclosure
import GreenTaxonomy

/// How a green loan's carbon benefit is counted in the PBoC green-loan statistics' split by carbon-reduction
/// effect ("direct" and "indirect" carbon-reduction benefit, shared/domain/reference.md §5.1, §5.3), read from
/// the catalogue's GHG marks.
public enum CarbonEffect: String, CaseIterable, Codable, Hashable, Sendable {
    /// `√√` 直接碳减排效益 on the loan's item (or on its industry row).
    case direct
    /// `√` 低碳赋能贡献 (enabling): counted as indirect.
    case indirect
    /// `√/√√` on the item and the borrower's industry class is not one of its rows: the mark cannot be chosen.
    case mixed
    /// The edition prints marks, but not on this item (or not on the industry row the borrower's class
    /// matches): neither direct nor indirect.
    case noMark = "no_mark"
    /// The loan's edition prints no GHG marks (gicc-2019, glct-2024), or its code is not in the catalogue: not
    /// guessed.
    case unmarked

    /// The effect's Chinese label.
    public var nameZh: String {
        switch self {
        case .direct: "直接碳减排效益"
        case .indirect: "间接碳减排效益（低碳赋能）"
        case .mixed: "混合标注，无法按行业确定"
        case .noMark: "目录该项未标注"
        case .unmarked: "目录版本无标注"
        }
    }

    /// The effect's English label.
    public var nameEn: String {
        switch self {
        case .direct: "direct reduction"
        case .indirect: "indirect (enabling)"
        case .mixed: "mixed mark, borrower's industry matches no row"
        case .noMark: "item printed without a mark"
        case .unmarked: "edition without marks"
        }
    }

    /// The effect of a green loan: the mark of its item in its edition; for a mixed item, the mark of the
    /// industry row matching the borrower's GB/T 4754 class (the four digits of `Borrower/@industry`).
    /// For many loans use ``CarbonEffectClassifier``, which looks each item up once.
    public static func of(edition: String, code: String, industry: String, taxonomy: Taxonomy = .standard)
        -> CarbonEffect
    {
        var classifier = CarbonEffectClassifier(taxonomy: taxonomy)
        return classifier.effect(edition: edition, code: code, industry: industry)
    }
}

/// Classifies the green loans of a pass by ``CarbonEffect``: each edition and item is looked up once, and only
/// a `√/√√` item needs the borrower's industry. The lookups are cached up to a bound, since a hostile filing
/// can name any number of distinct codes; past it they are made again (each is a dictionary lookup).
public struct CarbonEffectClassifier {
    let taxonomy: Taxonomy
    /// "edition code" → the item (nil: not in the catalogue).
    private var items: [String: TaxonomyItem?] = [:]
    /// Edition → whether it prints GHG marks (nil: no such edition).
    private var editions: [String: Bool?] = [:]
    static let maximumCached = 4096

    public init(taxonomy: Taxonomy = .standard) { self.taxonomy = taxonomy }

    /// The effect of a loan of `edition` and `code` whose borrower's industry is `industry` (e.g. `D4416`).
    public mutating func effect(edition: String, code: String, industry: String) -> CarbonEffect {
        guard let hasMarks = marks(of: edition) else { return .unmarked }
        guard let item = item(edition: edition, code: code) else { return .unmarked }
        guard let mark = item.ghgContribution else { return hasMarks ? .noMark : .unmarked }
        switch mark {
        case .direct: return .direct
        case .enabling: return .indirect
        case .mixed:
            let digits = industry.drop(while: { $0.isLetter })
            guard let row = item.industryClasses.first(where: { $0.code.map { $0[...] == digits } ?? false })
            else { return .mixed }
            switch row.mark {
            case .direct?: return .direct
            case .enabling?: return .indirect
            case .mixed?, nil: return .noMark
            }
        }
    }

    /// Whether `edition` prints marks; nil for an edition not in the taxonomy.
    private mutating func marks(of edition: String) -> Bool? {
        if let known = editions[edition] { return known }
        let marks = (try? taxonomy.catalogue(edition)).map { $0.items.contains { $0.ghgContribution != nil } }
        if editions.count < Self.maximumCached { editions[edition] = .some(marks) }
        return marks
    }

    private mutating func item(edition: String, code: String) -> TaxonomyItem? {
        let key = "\(edition) \(code)"
        if let known = items[key] { return known }
        let item = CatalogueCode(code).flatMap { code in (try? taxonomy.catalogue(edition))?.item(code) }
        if items.count < Self.maximumCached { items[key] = .some(item) }
        return item
    }
}

/// Green loans and their carbon benefit by ``CarbonEffect``.
public struct CarbonEffectSum: Codable, Hashable, Sendable {
    /// Green loans with this effect.
    public var loans = 0
    /// Of those, loans GreenLedger could estimate (the rest have no activity data or none it can use).
    public var estimatedLoans = 0
    /// Σ green balance, fen (Int128-safe through ``MoneyTotal`` when read).
    public var balance = MoneyTotal.zero
    /// Σ declared CO2e, t a year.
    public var declaredTonnes = 0.0
    /// Σ declared CO2e × attribution, t a year.
    public var attributedDeclaredTonnes = 0.0
    /// Σ GreenLedger's estimate × attribution, t a year.
    public var attributedEstimatedTonnes = 0.0

    public init() {}

    /// Adds another portfolio's sums.
    public mutating func merge(_ other: CarbonEffectSum) {
        loans += other.loans
        estimatedLoans += other.estimatedLoans
        balance += other.balance
        declaredTonnes += other.declaredTonnes
        attributedDeclaredTonnes += other.attributedDeclaredTonnes
        attributedEstimatedTonnes += other.attributedEstimatedTonnes
    }

    enum CodingKeys: String, CodingKey {
        case loans, balance
        case estimatedLoans = "estimated_loans"
        case declaredTonnes = "declared_tonnes"
        case attributedDeclaredTonnes = "attributed_declared_tonnes"
        case attributedEstimatedTonnes = "attributed_estimated_tonnes"
    }
}

/// The carbon benefit split by effect: direct, indirect, mixed and unmarked.
public struct CarbonEffectSplit: Codable, Hashable, Sendable {
    /// The sums by effect; an effect no loan has is absent.
    public var sums: [CarbonEffect: CarbonEffectSum] = [:]

    public init() {}

    /// The sums of `effect` (zero when no loan has it).
    public subscript(effect: CarbonEffect) -> CarbonEffectSum { sums[effect] ?? CarbonEffectSum() }

    /// Adds a green loan of `effect` with its balance and estimate.
    public mutating func add(_ effect: CarbonEffect, balance: Money?, estimate: LoanCarbonEstimate) {
        var sum = sums[effect] ?? CarbonEffectSum()
        sum.loans += 1
        if estimate.projectTonnes != nil { sum.estimatedLoans += 1 }
        sum.balance += balance ?? .zero
        sum.declaredTonnes += estimate.declaredTonnes ?? 0
        sum.attributedDeclaredTonnes += estimate.attributedDeclaredTonnes ?? 0
        sum.attributedEstimatedTonnes += estimate.attributedTonnes ?? 0
        sums[effect] = sum
    }

    /// Adds another portfolio's split.
    public mutating func merge(_ other: CarbonEffectSplit) {
        for (effect, sum) in other.sums { sums[effect, default: CarbonEffectSum()].merge(sum) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode([String: CarbonEffectSum].self)
        for (key, sum) in raw {
            guard let effect = CarbonEffect(rawValue: key) else {
                throw DecodingError.dataCorruptedError(
                    in: c, debugDescription: "unknown carbon effect '\(key)'")
            }
            // Effects no loan has are written as zero rows and read back as absent.
            guard sum != CarbonEffectSum() else { continue }
            sums[effect] = sum
        }
    }

    /// Every effect, in order, zero when no loan has it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(
            Dictionary(uniqueKeysWithValues: CarbonEffect.allCases.map { ($0.rawValue, self[$0]) }))
    }
}
