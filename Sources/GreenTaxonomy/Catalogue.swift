/// One edition's items with their hierarchy: lookup by code, parent, children, ancestors, levels.
public struct Catalogue: Sendable {
    public let edition: Edition
    /// Every item, in code order.
    public let items: [TaxonomyItem]
    private let index: [CatalogueCode: Int]
    private let childIndices: [CatalogueCode: [Int]]

    init(edition: Edition, table: CatalogueTable, caveats: [CaveatRecord]) {
        self.edition = edition
        var items: [TaxonomyItem] = []
        for record in table.items {
            let code = CatalogueCode(record.code)!  // checked by the generator
            items.append(
                TaxonomyItem(
                    edition: edition.id, code: code, nameZh: record.nameZh, nameEn: record.nameEn,
                    industryClasses: record.industry.map(IndustryClass.init),
                    ghgContribution: GHGContribution(rawValue: record.ghg), confidence: record.confidence,
                    source: table.sources[record.source],
                    caveats: caveats.filter { $0.edition == edition.id.rawValue && $0.code == record.code }
                        .map { Caveat(text: $0.text, source: $0.source) }))
        }
        self.items = items
        var index: [CatalogueCode: Int] = [:]
        var children: [CatalogueCode: [Int]] = [:]
        for (position, item) in items.enumerated() {
            index[item.code] = position
            if let parent = item.code.parent { children[parent, default: []].append(position) }
        }
        self.index = index
        self.childIndices = children
    }

    /// The item with `code`, or nil.
    public func item(_ code: CatalogueCode) -> TaxonomyItem? {
        index[code].map { items[$0] }
    }

    /// The item's parent, nil for a level-1 item.
    public func parent(of code: CatalogueCode) -> TaxonomyItem? {
        code.parent.flatMap(item)
    }

    /// Enclosing items, outermost first, not including the item itself.
    public func ancestors(of code: CatalogueCode) -> [TaxonomyItem] {
        code.lineage.dropLast().compactMap(item)
    }

    /// Direct children in code order; for `nil`, the level-1 items.
    public func children(of code: CatalogueCode?) -> [TaxonomyItem] {
        guard let code else { return items.filter { $0.level == 1 } }
        return (childIndices[code] ?? []).map { items[$0] }
    }

    /// Whether the item has no children. In an incomplete edition only level-3 items are known to be leaves.
    public func isLeaf(_ code: CatalogueCode) -> Bool {
        guard item(code) != nil else { return false }
        return edition.isComplete ? (childIndices[code] ?? []).isEmpty : code.level == 3
    }

    /// Items filtered by level and by an enclosing code (the enclosing item itself excluded), in code order.
    public func items(level: Int? = nil, under ancestor: CatalogueCode? = nil) -> [TaxonomyItem] {
        items.filter { item in
            (level == nil || item.level == level)
                && (ancestor.map { $0.contains(item.code) && $0 != item.code } ?? true)
        }
    }

    /// Number of items at levels 1, 2 and 3.
    public var counts: [Int] { (1...3).map { level in items.lazy.filter { $0.level == level }.count } }

    /// The warning every output touching an incomplete edition must show, or nil for a complete one.
    public var incompletenessWarning: String? {
        guard !edition.isComplete else { return nil }
        let found = counts.map(String.init).joined(separator: " / ")
        let expected = edition.expectedCounts.value.map(String.init).joined(separator: " / ")
        return "\(edition.id) is incomplete: GreenLedger knows \(found) items per level of an expected "
            + "\(expected) \(edition.expectedCounts.confidence.tag); codes below what is known cannot be verified"
    }
}
