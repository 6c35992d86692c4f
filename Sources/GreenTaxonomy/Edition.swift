/// The identifier of a catalogue edition, such as `gfsp-2025`.
public struct EditionID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible, Codable,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: EditionID, rhs: EditionID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// 《绿色金融支持项目目录（2025年版）》, the current standard from 2025-10-01.
    public static let gfsp2025: EditionID = "gfsp-2025"
    /// 《绿色产业指导目录（2019年版）》.
    public static let gicc2019: EditionID = "gicc-2019"
    /// 《绿色低碳转型产业指导目录（2024年版）》 — only its level-1 items are known.
    public static let glct2024: EditionID = "glct-2024"
}

/// A catalogue edition's identity: titles, document number, issuers, dates, completeness and sources.
///
/// Every field carries its confidence tag and source, taken from `Taxonomy/editions.tsv`.
public struct Edition: Sendable, Identifiable {
    public let id: EditionID
    /// Position in listings: the current edition first.
    public let order: Int
    public let titleZh: Attested<String>
    /// An unofficial English rendering.
    public let titleEn: Attested<String>
    public let documentNumber: Attested<String>
    public let issuers: Attested<[String]>
    public let publishedOn: Attested<CalendarDate?>
    /// Nil when the effective date is not known (tagged ``Confidence/unverified``).
    public let effectiveFrom: Attested<CalendarDate?>
    public let scope: Attested<String>
    /// False when only part of the edition's items are known (`glct-2024`): outputs touching it must say so.
    public let isComplete: Bool
    public let completeness: Attested<String>
    /// Expected item counts for levels 1, 2 and 3.
    public let expectedCounts: Attested<[Int]>
    /// Whether the edition lists GB/T 4754-2017 industry classes per item.
    public let hasIndustryCodes: Bool
    public let sources: [Attested<String>]
    public let notes: [Attested<String>]

    init(_ record: EditionRecord) {
        func attested(_ fact: FactRecord) -> Attested<String> {
            Attested(fact.value, confidence: fact.confidence, source: fact.source)
        }
        func date(_ fact: FactRecord) -> Attested<CalendarDate?> {
            Attested(CalendarDate(fact.value), confidence: fact.confidence, source: fact.source)
        }
        id = EditionID(record.id)
        order = record.order
        titleZh = attested(record.titleZh)
        titleEn = attested(record.titleEn)
        documentNumber = attested(record.documentNumber)
        issuers = Attested(
            record.issuers.value.split(separator: ";").map { String($0.drop(while: { $0 == " " })) },
            confidence: record.issuers.confidence, source: record.issuers.source)
        publishedOn = date(record.publishedOn)
        effectiveFrom = date(record.effectiveFrom)
        scope = attested(record.scope)
        completeness = attested(record.completeness)
        isComplete = record.completeness.value == "complete"
        expectedCounts = Attested(
            record.expectedCounts.value.split(separator: "/").map { Int($0)! },
            confidence: record.expectedCounts.confidence, source: record.expectedCounts.source)
        hasIndustryCodes = record.hasIndustryCodes
        sources = record.sources.map(attested)
        notes = record.notes.map(attested)
    }

}

extension Edition: Encodable {
    enum CodingKeys: String, CodingKey {
        case id, order, scope, completeness, sources, notes, issuers
        case titleZh = "title_zh"
        case titleEn = "title_en"
        case documentNumber = "document_number"
        case publishedOn = "published_on"
        case effectiveFrom = "effective_from"
        case isComplete = "complete"
        case expectedCounts = "expected_counts"
        case hasIndustryCodes = "has_industry_codes"
    }
}
