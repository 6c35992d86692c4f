/// A Shenzhen district code accepted in filings (GB/T 2260).
public struct ShenzhenDistrict: Hashable, Sendable, Encodable {
    public let code: String
    public let nameZh: String
    public let nameEn: String
    public let confidence: Confidence
    public let source: String

    enum CodingKeys: String, CodingKey {
        case code, confidence, source
        case nameZh = "name_zh"
        case nameEn = "name_en"
    }
}

/// A level-1 category whose loans may be refinanced under the carbon emission reduction facility
/// (碳减排支持工具). The mapping from the facility's areas to categories is GreenLedger's (derived).
public struct CarbonFacilityCategory: Hashable, Sendable {
    public let edition: EditionID
    public let code: CatalogueCode
    /// The facility's area: clean energy; energy saving and environmental protection; carbon-reduction technology.
    public let area: String
    public let confidence: Confidence
    public let source: String
}

extension Taxonomy {
    /// Shenzhen's districts, by code (9 districts; Dapeng and Shenshan have no standard county code).
    public var districts: [ShenzhenDistrict] {
        GeneratedTables.districts.map {
            ShenzhenDistrict(
                code: $0.code, nameZh: $0.nameZh, nameEn: $0.nameEn, confidence: $0.confidence,
                source: $0.source)
        }
    }

    /// Level-1 categories eligible for the carbon emission reduction facility, per edition.
    public var carbonFacilityCategories: [CarbonFacilityCategory] {
        GeneratedTables.carbonFacilityEligibility.map {
            CarbonFacilityCategory(
                edition: EditionID($0.edition), code: CatalogueCode($0.code)!, area: $0.area,
                confidence: $0.confidence,
                source: $0.source)
        }
    }
}
