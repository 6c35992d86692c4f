/// The green taxonomy: every catalogue edition, its items, the derived crosswalks and search.
///
/// ``standard`` holds the data compiled in from `Taxonomy/`; the binary needs no data files at run time.
public struct Taxonomy: Sendable {
    /// All editions, current edition first.
    public let editions: [Edition]
    /// Derived (not official) crosswalk pairs, in both directions they were recorded.
    public let crosswalk: [CrosswalkEntry]
    let cataloguesByID: [EditionID: Catalogue]
    let synonyms: [String: [String]]

    /// The taxonomy compiled into this binary.
    public static let standard = Taxonomy()

    init() {
        let editions = GeneratedTables.editions.map(Edition.init)
        self.editions = editions
        var catalogues: [EditionID: Catalogue] = [:]
        for (edition, table) in zip(editions, GeneratedTables.catalogues) {
            catalogues[edition.id] = Catalogue(
                edition: edition, table: table, caveats: GeneratedTables.caveats)
        }
        cataloguesByID = catalogues
        crosswalk = GeneratedTables.crosswalk.map {
            CrosswalkEntry(
                fromEdition: EditionID($0.fromEdition), fromCode: CatalogueCode($0.fromCode)!,
                toEdition: EditionID($0.toEdition), toCode: CatalogueCode($0.toCode)!,
                matchKind: CrosswalkEntry.MatchKind(rawValue: $0.kind)!)
        }
        synonyms = Dictionary(grouping: GeneratedTables.synonyms, by: \.term).mapValues { $0.map(\.synonym) }
    }

    /// The current edition: the complete edition with the latest known effective date (`gfsp-2025`).
    public var currentEdition: Edition {
        editions.filter(\.isComplete).max {
            ($0.effectiveFrom.value ?? .distantPast) < ($1.effectiveFrom.value ?? .distantPast)
        }!
    }

    /// The catalogue of `edition`; throws ``TaxonomyError`` with suggestions for an unknown edition.
    public func catalogue(_ edition: String) throws -> Catalogue {
        if let catalogue = cataloguesByID[EditionID(edition)] { return catalogue }
        throw TaxonomyError.unknownEdition(edition, known: editions.map(\.id))
    }

    /// The catalogue of a known edition id.
    public func catalogue(_ edition: EditionID) throws -> Catalogue {
        try catalogue(edition.rawValue)
    }

    /// Parses `text` as a code, explaining a malformed one.
    public func code(_ text: String, in edition: EditionID) throws -> CatalogueCode {
        if let code = CatalogueCode(text) { return code }
        let problem = CatalogueCode.syntaxProblem(text) ?? "it is not a catalogue code"
        var suggestions: [String] = []
        // `4.2.2.1`: offer the existing level-3 prefix.
        let parts = text.split(separator: ".").prefix(3).joined(separator: ".")
        if let prefix = CatalogueCode(parts), let item = cataloguesByID[edition]?.item(prefix) {
            suggestions.append(item.code.description)
        }
        throw TaxonomyError(
            kind: .malformedCode, message: "malformed code '\(text)': \(problem) (for example 4.2.2)",
            suggestions: suggestions)
    }

    /// The item `code` of `edition`. Throws ``TaxonomyError`` for an unknown edition, a malformed code or an
    /// unknown code, with the nearest valid codes as suggestions.
    public func item(edition: String, code text: String) throws -> TaxonomyItem {
        let catalogue = try catalogue(edition)
        let code = try code(text, in: catalogue.edition.id)
        if let item = catalogue.item(code) { return item }
        throw unknownCode(code, in: catalogue)
    }

    /// The error for a well-formed code that `catalogue` lacks: nearest siblings, and other editions that have it.
    func unknownCode(_ code: CatalogueCode, in catalogue: Catalogue) -> TaxonomyError {
        // Deepest existing enclosing item; its children are the candidates, nearest number first.
        let anchor = code.lineage.dropLast().last(where: { catalogue.item($0) != nil })
        let wanted = code.components[anchor?.level ?? 0]
        let candidates = catalogue.children(of: anchor).sorted {
            (abs($0.code.components.last! - wanted), $0.code) < (
                abs($1.code.components.last! - wanted), $1.code
            )
        }
        var message = "no item '\(code)' in \(catalogue.edition.id)"
        if let warning = catalogue.incompletenessWarning, code.level > 1 { message += " (\(warning))" }
        let elsewhere = editions.filter {
            $0.id != catalogue.edition.id && cataloguesByID[$0.id]?.item(code) != nil
        }
        if !elsewhere.isEmpty {
            message += "; '\(code)' exists in \(elsewhere.map(\.id.rawValue).joined(separator: ", "))"
        }
        return TaxonomyError(
            kind: .unknownCode, message: message,
            suggestions: candidates.prefix(3).map { "\($0.code) \($0.nameZh)" })
    }
}

extension CalendarDate {
    static let distantPast = CalendarDate(year: 1, month: 1, day: 1)!
}
