import GreenTaxonomy

/// Plan segments a loan counts towards (`Segments`).
public struct LoanSegments: OptionSet, Hashable, Sendable, Encodable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let inclusiveSmallMicro = LoanSegments(rawValue: 1)
    public static let techEnterprise = LoanSegments(rawValue: 2)
    public static let manufacturingMidLongTerm = LoanSegments(rawValue: 4)

    public func encode(to encoder: any Encoder) throws {
        var names: [String] = []
        if contains(.inclusiveSmallMicro) { names.append("inclusive-small-micro") }
        if contains(.techEnterprise) { names.append("tech-enterprise") }
        if contains(.manufacturingMidLongTerm) { names.append("manufacturing-mid-long-term") }
        var container = encoder.singleValueContainer()
        try container.encode(names)
    }
}

/// The five-tier loan classification; the last three are non-performing.
public enum LoanClassification: String, Hashable, Sendable, Encodable {
    case normal
    case specialMention = "special-mention"
    case substandard, doubtful, loss

    public var isNonPerforming: Bool { self == .substandard || self == .doubtful || self == .loss }
}

/// Text kept as the UTF-8 bytes libxml2 delivered (already validated by it) and decoded only when read:
/// creating a `String` re-validates UTF-8, which costs more than the rest of a loan's parsing for
/// Chinese names.
public struct UTF8Text: Hashable, Sendable, Encodable, CustomStringConvertible, ExpressibleByStringLiteral {
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { bytes = Array(text.utf8) }
    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { String(decoding: bytes, as: UTF8.self) }
    public var isEmpty: Bool { bytes.isEmpty }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The financed project (`Green/Project`).
public struct FinancedProject: Hashable, Sendable, Encodable {
    /// The project's name; see ``name``.
    public var nameText: UTF8Text
    public var name: String { nameText.description }
    public var totalInvestment: Money?
    public var eiaRequired: Bool?
    /// `done`, `pending` or `not-required`.
    public var evaluation: String?

    public init(
        nameText: UTF8Text, totalInvestment: Money? = nil, eiaRequired: Bool? = nil, evaluation: String? = nil
    ) {
        self.nameText = nameText
        self.totalInvestment = totalInvestment
        self.eiaRequired = eiaRequired
        self.evaluation = evaluation
    }
}

/// Physical inputs that let the tool estimate a project's carbon reduction (`Green/Activity`).
public enum ProjectActivity: Hashable, Sendable, Encodable {
    case generation(technology: String, capacityMW: Double?, annualMWh: Double?)
    /// `annualTce` is the whole saving with electricity counted inside it; `annualMWhSaved` is its electricity
    /// part; `fuel` (a GreenLedger extension of v1) names the fuel the rest is in.
    case energySaving(annualTce: Double?, annualMWhSaved: Double?, fuel: String?)
    case building(floorAreaM2: Double?, annualMWhSaved: Double?, rating: String?)
    case transport(vehicles: Int?, annualKm: Double?, kind: String)
}

/// The project's declared annual benefits (`Green/Benefits`), in tonnes (tce for standard coal).
public struct DeclaredBenefits: Hashable, Sendable, Encodable {
    public var co2eTonnes: Double?
    public var standardCoalTce: Double?
    public var codTonnes: Double?
    public var ammoniaNitrogenTonnes: Double?
    public var so2Tonnes: Double?
    public var noxTonnes: Double?
    public var waterSavedTonnes: Double?

    public init(
        co2eTonnes: Double? = nil, standardCoalTce: Double? = nil, codTonnes: Double? = nil,
        ammoniaNitrogenTonnes: Double? = nil, so2Tonnes: Double? = nil, noxTonnes: Double? = nil,
        waterSavedTonnes: Double? = nil
    ) {
        self.co2eTonnes = co2eTonnes
        self.standardCoalTce = standardCoalTce
        self.codTonnes = codTonnes
        self.ammoniaNitrogenTonnes = ammoniaNitrogenTonnes
        self.so2Tonnes = so2Tonnes
        self.noxTonnes = noxTonnes
        self.waterSavedTonnes = waterSavedTonnes
    }

    /// Whether any benefit is declared.
    public var isEmpty: Bool {
        [
            co2eTonnes, standardCoalTce, codTonnes, ammoniaNitrogenTonnes, so2Tonnes, noxTonnes,
            waterSavedTonnes,
        ]
        .allSatisfy { $0 == nil }
    }
}

/// The green classification of a loan (`Green`).
public struct GreenDetail: Hashable, Sendable, Encodable {
    public var standard: String
    public var code: String
    public var carbonFacility: Bool
    public var project: FinancedProject?
    public var activity: ProjectActivity?
    public var benefits: DeclaredBenefits?
    public var location: SourceLocation

    public init(
        standard: String, code: String, carbonFacility: Bool = false, project: FinancedProject? = nil,
        activity: ProjectActivity? = nil, benefits: DeclaredBenefits? = nil,
        location: SourceLocation = SourceLocation(line: 0, column: 0)
    ) {
        self.standard = standard
        self.code = code
        self.carbonFacility = carbonFacility
        self.project = project
        self.activity = activity
        self.benefits = benefits
        self.location = location
    }
}

/// The borrower's emissions for financed-emissions accounting (`Emissions`), tCO2e.
public struct BorrowerEmissions: Hashable, Sendable, Encodable {
    public var year: Int?
    public var scope1Tonnes: Double?
    public var scope2Tonnes: Double?
    /// PCAF data-quality score, 1 (best) to 5.
    public var quality: Int?
    /// The PCAF attribution denominator: `evic`, `equity-debt`, `project`, `property-value`, `vehicle-value`.
    public var basis: String
    public var denominator: Money?

    public init(
        year: Int? = nil, scope1Tonnes: Double? = nil, scope2Tonnes: Double? = nil, quality: Int? = nil,
        basis: String,
        denominator: Money? = nil
    ) {
        self.year = year
        self.scope1Tonnes = scope1Tonnes
        self.scope2Tonnes = scope2Tonnes
        self.quality = quality
        self.basis = basis
        self.denominator = denominator
    }
}

/// One loan of the `Loans` section. Fields are optional where a malformed filing may lack them; a
/// filing that passes validation has every required field.
public struct Loan: Hashable, Sendable, Encodable {
    public var id: String = ""
    public var location = SourceLocation(line: 0, column: 0)
    /// The borrower's name, decoded on access from ``borrowerNameText``.
    public var borrowerName: String { borrowerNameText.description }
    public var borrowerNameText: UTF8Text = ""
    public var borrowerUSCC: String = ""
    /// A Shenzhen district code (GB/T 2260) or `other`.
    public var district: String = ""
    /// GB/T 4754-2017 code as filed, e.g. `D4416`.
    public var industry: String = ""
    public var size: String = ""
    public var balance: Money?
    public var originated: CalendarDate?
    public var maturity: CalendarDate?
    public var classification: LoanClassification?
    public var segments: LoanSegments = []
    public var green: GreenDetail?
    public var emissions: BorrowerEmissions?

    public init() {}
}
