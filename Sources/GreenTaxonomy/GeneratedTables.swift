// Storage types of the tables in Generated/, written by `generate-taxonomy`. Kept compact and internal:
// the public API turns them into ``Edition``, ``TaxonomyItem`` and ``CrosswalkEntry`` values.

/// Namespace of the generated tables.
enum GeneratedTables {}

struct FactRecord: Sendable {
    let value: String
    let confidence: Confidence
    let source: String

    init(_ value: String, _ confidence: Confidence, _ source: String) {
        self.value = value
        self.confidence = confidence
        self.source = source
    }
}

struct EditionRecord: Sendable {
    let id: String
    let order: Int
    let titleZh: FactRecord
    let titleEn: FactRecord
    let documentNumber: FactRecord
    let issuers: FactRecord
    let publishedOn: FactRecord
    let effectiveFrom: FactRecord
    let scope: FactRecord
    let completeness: FactRecord
    let expectedCounts: FactRecord
    let hasIndustryCodes: Bool
    let sources: [FactRecord]
    let notes: [FactRecord]
}

struct IndustryRecord: Sendable {
    let code: String
    let name: String
    let mark: String

    init(_ code: String, _ name: String, _ mark: String) {
        self.code = code
        self.name = name
        self.mark = mark
    }
}

struct ItemRecord: Sendable {
    let code: String
    let nameZh: String
    let nameEn: String
    let industry: [IndustryRecord]
    let confidence: Confidence
    let ghg: String
    let source: Int

    init(
        _ code: String, _ nameZh: String, _ nameEn: String, _ industry: [IndustryRecord],
        _ confidence: Confidence,
        _ ghg: String, _ source: Int
    ) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.industry = industry
        self.confidence = confidence
        self.ghg = ghg
        self.source = source
    }
}

struct CatalogueTable: Sendable {
    let edition: String
    let sources: [String]
    let items: [ItemRecord]
}

struct CrosswalkRecord: Sendable {
    let fromEdition: String
    let fromCode: String
    let toEdition: String
    let toCode: String
    let kind: String

    init(_ fromEdition: String, _ fromCode: String, _ toEdition: String, _ toCode: String, _ kind: String) {
        self.fromEdition = fromEdition
        self.fromCode = fromCode
        self.toEdition = toEdition
        self.toCode = toCode
        self.kind = kind
    }
}

struct CaveatRecord: Sendable {
    let edition: String
    let code: String
    let text: String
    let source: String

    init(_ edition: String, _ code: String, _ text: String, _ source: String) {
        self.edition = edition
        self.code = code
        self.text = text
        self.source = source
    }
}

struct SynonymRecord: Sendable {
    let term: String
    let synonym: String

    init(_ term: String, _ synonym: String) {
        self.term = term
        self.synonym = synonym
    }
}

struct DistrictRecord: Sendable {
    let code: String
    let nameZh: String
    let nameEn: String
    let confidence: Confidence
    let source: String

    init(_ code: String, _ nameZh: String, _ nameEn: String, _ confidence: Confidence, _ source: String) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.confidence = confidence
        self.source = source
    }
}

struct EligibilityRecord: Sendable {
    let edition: String
    let code: String
    let area: String
    let confidence: Confidence
    let source: String

    init(_ edition: String, _ code: String, _ area: String, _ confidence: Confidence, _ source: String) {
        self.edition = edition
        self.code = code
        self.area = area
        self.confidence = confidence
        self.source = source
    }
}

struct FactorRecord: Sendable {
    let id: String
    let kind: String
    let series: String
    let region: String
    let year: String
    let value: Double
    let unit: String
    let confidence: Confidence
    let source: String
    let note: String
    let role: String

    init(
        _ id: String, _ kind: String, _ series: String, _ region: String, _ year: String, _ value: Double,
        _ unit: String,
        _ confidence: Confidence, _ source: String, _ note: String, _ role: String
    ) {
        self.id = id
        self.kind = kind
        self.series = series
        self.region = region
        self.year = year
        self.value = value
        self.unit = unit
        self.confidence = confidence
        self.source = source
        self.note = note
        self.role = role
    }
}
