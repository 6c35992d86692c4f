/// The greenhouse-gas contribution mark the 2025 catalogue prints on an item (catalogue note 2).
public enum GHGContribution: String, Sendable, Codable, CaseIterable {
    /// `√` 低碳赋能贡献: no direct reduction itself, but a significant contribution to other sectors' reductions.
    case enabling = "√"
    /// `√√` 直接碳减排效益: an absolute or relative direct reduction.
    case direct = "√√"
    /// `√/√√`: different industry rows of the item carry different marks.
    case mixed = "√/√√"

    /// A short bilingual label.
    public var label: String {
        switch self {
        case .enabling: "√ 低碳赋能贡献 enabling"
        case .direct: "√√ 直接碳减排效益 direct reduction"
        case .mixed: "√/√√ mixed (per industry class)"
        }
    }
}

/// A GB/T 4754-2017 industry class the catalogue lists for an item.
public struct IndustryClass: Hashable, Sendable, Encodable {
    /// The four-digit class code; nil when the catalogue gives none (`-`) or it was lost in the source (`?`).
    public let code: String?
    /// True when the source had a code that did not survive extraction (shown as `?`).
    public let codeLostInSource: Bool
    public let name: String
    /// The GHG mark printed on this industry row, if any.
    public let mark: GHGContribution?

    init(_ record: IndustryRecord) {
        code = record.code.count == 4 ? record.code : nil
        codeLostInSource = record.code == "?"
        name = record.name
        mark = GHGContribution(rawValue: record.mark)
    }

    /// `4416 太阳能发电`, `- 购置新能源汽车` or `? 物业管理`, as in the catalogue.
    public var display: String {
        (code ?? (codeLostInSource ? "?" : "-")) + " " + name + (mark.map { " [\($0.rawValue)]" } ?? "")
    }

    enum CodingKeys: String, CodingKey {
        case code, name, mark
        case codeLostInSource = "code_lost_in_source"
    }
}

/// A known problem with an item's data, shown wherever the item is.
public struct Caveat: Hashable, Sendable, Encodable {
    public let text: String
    public let source: String
}

/// One item of a catalogue edition: a level-1 category, a level-2 group or a level-3 item.
public struct TaxonomyItem: Hashable, Sendable, Encodable {
    public let edition: EditionID
    public let code: CatalogueCode
    public let nameZh: String
    /// An unofficial English rendering.
    public let nameEn: String
    /// GB/T 4754-2017 classes (2025 edition only), in catalogue order.
    public let industryClasses: [IndustryClass]
    public let ghgContribution: GHGContribution?
    public let confidence: Confidence
    public let source: String
    public let caveats: [Caveat]

    /// 1, 2 or 3.
    public var level: Int { code.level }

    /// `4.2.2 太阳能利用设施建设和运营 Solar energy utilisation facilities construction and operation`.
    public var display: String { "\(code) \(nameZh) \(nameEn)" }

    enum CodingKeys: String, CodingKey {
        case edition, code, level, parent, confidence, source, caveats
        case nameZh = "name_zh"
        case nameEn = "name_en"
        case industryClasses = "industry_classes"
        case ghgContribution = "ghg_contribution"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(edition, forKey: .edition)
        try container.encode(code, forKey: .code)
        try container.encode(level, forKey: .level)
        try container.encode(code.parent, forKey: .parent)
        try container.encode(nameZh, forKey: .nameZh)
        try container.encode(nameEn, forKey: .nameEn)
        try container.encode(industryClasses, forKey: .industryClasses)
        try container.encode(ghgContribution, forKey: .ghgContribution)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(source, forKey: .source)
        try container.encode(caveats, forKey: .caveats)
    }
}
