import GreenDisclosure
import GreenTaxonomy

/// One of the seven environmental-benefit indicators of the green-credit statistics (`Green/Benefits`).
///
/// The list and units follow the green-credit statistics as commonly described (shared/domain/reference.md
/// §5.2 — the primary text was not read, [U]); the disclosure format carries all seven in tonnes (tce for
/// standard coal).
public enum BenefitIndicator: String, CaseIterable, Codable, Hashable, Sendable, Comparable {
    case co2e
    case standardCoal = "standard_coal"
    case cod
    case ammoniaNitrogen = "ammonia_nitrogen"
    case so2
    case nox
    case waterSaved = "water_saved"

    /// `减排二氧化碳当量`, as the statistics name it.
    public var nameZh: String {
        switch self {
        case .co2e: "减排二氧化碳当量"
        case .standardCoal: "节约标准煤"
        case .cod: "减排化学需氧量"
        case .ammoniaNitrogen: "减排氨氮"
        case .so2: "减排二氧化硫"
        case .nox: "减排氮氧化物"
        case .waterSaved: "节水"
        }
    }

    /// The indicator's English label.
    public var nameEn: String {
        switch self {
        case .co2e: "CO2e reduced"
        case .standardCoal: "standard coal saved"
        case .cod: "COD reduced"
        case .ammoniaNitrogen: "ammonia nitrogen reduced"
        case .so2: "SO2 reduced"
        case .nox: "NOx reduced"
        case .waterSaved: "water saved"
        }
    }

    /// The unit of the declared and attributed amounts a year.
    public var unit: String {
        switch self {
        case .co2e: "tCO2e"
        case .standardCoal: "tce"
        default: "t"
        }
    }

    /// The element that declares it in `Green/Benefits`.
    public var element: String {
        switch self {
        case .co2e: "CO2e"
        case .standardCoal: "StandardCoal"
        case .cod: "COD"
        case .ammoniaNitrogen: "AmmoniaNitrogen"
        case .so2: "SO2"
        case .nox: "NOx"
        case .waterSaved: "WaterSaved"
        }
    }

    /// The declared annual amount of this indicator in `benefits`.
    public func declared(in benefits: DeclaredBenefits) -> Double? {
        switch self {
        case .co2e: benefits.co2eTonnes
        case .standardCoal: benefits.standardCoalTce
        case .cod: benefits.codTonnes
        case .ammoniaNitrogen: benefits.ammoniaNitrogenTonnes
        case .so2: benefits.so2Tonnes
        case .nox: benefits.noxTonnes
        case .waterSaved: benefits.waterSavedTonnes
        }
    }

    /// The statistics' order (CO2e first, water saved last).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One indicator summed over green loans: what the projects declare and the part attributed to the lender.
public struct BenefitSum: Codable, Hashable, Sendable {
    /// Σ the projects' declared annual amounts.
    public var declared = 0.0
    /// Σ declared × min(1, balance ÷ project total investment), over the loans that give a total investment.
    public var attributed = 0.0
    /// Loans declaring the indicator.
    public var loans = 0
    /// Of those, loans without a project total investment: declared but not attributed.
    public var unattributedLoans = 0

    public init() {}

    /// Adds another portfolio's sum.
    public mutating func merge(_ other: BenefitSum) {
        declared += other.declared
        attributed += other.attributed
        loans += other.loans
        unattributedLoans += other.unattributedLoans
    }

    enum CodingKeys: String, CodingKey {
        case declared, attributed, loans
        case unattributedLoans = "unattributed_loans"
    }
}

/// The seven indicators summed over a set of green loans.
public struct BenefitTotals: Codable, Hashable, Sendable {
    /// The sums by indicator; an indicator no loan declares is absent.
    public var sums: [BenefitIndicator: BenefitSum] = [:]

    public init() {}

    /// Adds one loan's declared benefits, attributed with `attribution` (nil: no total investment).
    public mutating func add(_ benefits: DeclaredBenefits, attribution: Double?) {
        for indicator in BenefitIndicator.allCases {
            guard let amount = indicator.declared(in: benefits) else { continue }
            var sum = sums[indicator] ?? BenefitSum()
            sum.declared += amount
            sum.loans += 1
            if let attribution {
                sum.attributed += amount * attribution
            } else {
                sum.unattributedLoans += 1
            }
            sums[indicator] = sum
        }
    }

    /// Adds another portfolio's totals.
    public mutating func merge(_ other: BenefitTotals) {
        for (indicator, sum) in other.sums { sums[indicator, default: BenefitSum()].merge(sum) }
    }

    /// The indicator's sum; zero loans when none declares it.
    public subscript(indicator: BenefitIndicator) -> BenefitSum { sums[indicator] ?? BenefitSum() }

    /// Whether no loan declares any indicator.
    public var isEmpty: Bool { sums.isEmpty }

    /// Stored and encoded as an array in the indicators' order, each with its unit, so that JSON is
    /// self-describing: `[{"indicator": "co2e", "unit": "tCO2e", "declared": …, "attributed": …}]`.
    struct Row: Codable {
        let indicator: BenefitIndicator
        let unit: String?
        let nameZh: String?
        let nameEn: String?
        let sum: BenefitSum

        enum CodingKeys: String, CodingKey {
            case indicator, unit, declared, attributed, loans
            case nameZh = "name_zh"
            case nameEn = "name_en"
            case unattributedLoans = "unattributed_loans"
        }

        init(indicator: BenefitIndicator, sum: BenefitSum) {
            self.indicator = indicator
            unit = indicator.unit
            nameZh = indicator.nameZh
            nameEn = indicator.nameEn
            self.sum = sum
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            indicator = try c.decode(BenefitIndicator.self, forKey: .indicator)
            unit = nil
            nameZh = nil
            nameEn = nil
            var sum = BenefitSum()
            sum.declared = try c.decode(Double.self, forKey: .declared)
            sum.attributed = try c.decode(Double.self, forKey: .attributed)
            sum.loans = try c.decode(Int.self, forKey: .loans)
            sum.unattributedLoans = try c.decode(Int.self, forKey: .unattributedLoans)
            self.sum = sum
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(indicator, forKey: .indicator)
            try c.encode(indicator.unit, forKey: .unit)
            try c.encode(indicator.nameZh, forKey: .nameZh)
            try c.encode(indicator.nameEn, forKey: .nameEn)
            try c.encode(sum.declared, forKey: .declared)
            try c.encode(sum.attributed, forKey: .attributed)
            try c.encode(sum.loans, forKey: .loans)
            try c.encode(sum.unattributedLoans, forKey: .unattributedLoans)
        }
    }

    public init(from decoder: any Decoder) throws {
        let rows = try decoder.singleValueContainer().decode([Row].self)
        // Indicators no loan declares are written as zero rows and read back as absent.
        for row in rows where row.sum != BenefitSum() {
            sums[row.indicator, default: BenefitSum()].merge(row.sum)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(BenefitIndicator.allCases.map { Row(indicator: $0, sum: self[$0]) })
    }
}

/// The seven indicators per filing, per borrower district and per level-1 green category.
///
/// Method: each green loan's declared annual benefits (`Green/Benefits`) are summed as declared, and
/// attributed to the lender by min(1, loan balance ÷ project total investment) — the statistics'
/// "按贷款占项目总投资比例折算" (shared/domain/reference.md §7.4, CBRC guideline [P]). A loan without a project
/// total investment is counted as declared and as not attributed (``BenefitSum/unattributedLoans``), never
/// attributed in full.
public struct BenefitBreakdown: Codable, Hashable, Sendable {
    /// All green loans with declared benefits.
    public var total = BenefitTotals()
    /// By the borrower's district code (`Borrower/@district`).
    public var districts: [String: BenefitTotals] = [:]
    /// By "edition level-1-code", e.g. `gfsp-2025 4`.
    public var categories: [String: BenefitTotals] = [:]

    public init() {}

    /// Adds a green loan with declared benefits; `category` is its "edition level-1-code" key.
    public mutating func add(
        _ benefits: DeclaredBenefits, attribution: Double?, district: String, category: String?
    ) {
        total.add(benefits, attribution: attribution)
        districts[district, default: BenefitTotals()].add(benefits, attribution: attribution)
        if let category {
            categories[category, default: BenefitTotals()].add(benefits, attribution: attribution)
        }
    }

    /// Adds another filing's breakdown.
    /// The group of values a filing cannot be trusted to keep few: district codes and category keys outside
    /// the reference data (a rejected filing's) all go here, so a hostile file cannot grow the breakdown by
    /// one entry per loan.
    public static let unknownGroup = "unknown"

    static let districtCodes = Set(Taxonomy.standard.districts.map(\.code) + ["other"])

    /// `district` when it is a Shenzhen district code or `other`, else ``unknownGroup``.
    public static func districtKey(_ district: String) -> String {
        districtCodes.contains(district) ? district : unknownGroup
    }

    /// "edition level-1-code" (e.g. `gfsp-2025 4`) when the edition has that level-1 item, else
    /// ``unknownGroup``.
    public static func categoryKey(edition: String, code: String, taxonomy: Taxonomy = .standard) -> String {
        let level1 = String(code.prefix { $0 != "." })
        guard let parsed = CatalogueCode(level1), (try? taxonomy.catalogue(edition))?.item(parsed) != nil
        else {
            return unknownGroup
        }
        return "\(edition) \(level1)"
    }

    public mutating func merge(_ other: BenefitBreakdown) {
        total.merge(other.total)
        for (code, totals) in other.districts { districts[code, default: BenefitTotals()].merge(totals) }
        for (key, totals) in other.categories { categories[key, default: BenefitTotals()].merge(totals) }
    }
}
