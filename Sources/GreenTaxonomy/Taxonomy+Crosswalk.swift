/// A pair of items in two editions judged to correspond. All pairs GreenLedger has are **derived** by name
/// or content matching, not official: no official correspondence table was found.
public struct CrosswalkEntry: Hashable, Sendable, Encodable {
    /// How the pair was matched.
    public enum MatchKind: String, Sendable, Encodable, CaseIterable {
        /// Identical level-3 names.
        case exactName = "exact-name"
        /// Near-identical wording, checked by hand.
        case nearName = "near-name"
        /// Same subject, different wording; a suggestion for a human reviewer.
        case semantic
        /// Level-1 categories matched by content.
        case structural

        /// A short explanation for output.
        public var explanation: String {
            switch self {
            case .exactName: "identical names"
            case .nearName: "near-identical wording, checked by hand"
            case .semantic: "same subject, different wording: a suggestion to review"
            case .structural: "level-1 categories matched by content"
            }
        }
    }

    public let fromEdition: EditionID
    public let fromCode: CatalogueCode
    public let toEdition: EditionID
    public let toCode: CatalogueCode
    public let matchKind: MatchKind
    /// Always true for the pairs shipped: they are GreenLedger's derivation, not an official table.
    public var isDerived: Bool { true }

    /// The same pair seen from the other side.
    public var reversed: CrosswalkEntry {
        CrosswalkEntry(
            fromEdition: toEdition, fromCode: toCode, toEdition: fromEdition, toCode: fromCode,
            matchKind: matchKind)
    }

    enum CodingKeys: String, CodingKey {
        case fromEdition = "from_edition"
        case fromCode = "from_code"
        case toEdition = "to_edition"
        case toCode = "to_code"
        case matchKind = "match_kind"
        case isDerived = "derived"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fromEdition, forKey: .fromEdition)
        try container.encode(fromCode, forKey: .fromCode)
        try container.encode(toEdition, forKey: .toEdition)
        try container.encode(toCode, forKey: .toCode)
        try container.encode(matchKind, forKey: .matchKind)
        try container.encode(isDerived, forKey: .isDerived)
    }
}

/// The answer to "what does this code correspond to in that edition?".
public struct CrosswalkResult: Sendable {
    public let source: TaxonomyItem
    public let toEdition: EditionID
    /// Matching items in the target edition, best match kind first.
    public let matches: [(entry: CrosswalkEntry, item: TaxonomyItem)]
    /// Why there are no matches, or what to keep in mind about them.
    public let note: String?
}

extension Taxonomy {
    /// Editions pairs for which a crosswalk exists (either direction can be asked).
    public var crosswalkPairs: [(EditionID, EditionID)] {
        var seen: Set<String> = []
        return crosswalk.compactMap { entry in
            seen.insert("\(entry.fromEdition)→\(entry.toEdition)").inserted
                ? (entry.fromEdition, entry.toEdition) : nil
        }
    }

    /// Items of `to` that correspond to `code` of `from`, using the derived crosswalk in either direction.
    public func map(code text: String, from: String, to: String) throws -> CrosswalkResult {
        let source = try item(edition: from, code: text)
        let target = try catalogue(to)
        let fromID = source.edition
        let toID = target.edition.id
        let entries = crosswalk.compactMap { entry -> CrosswalkEntry? in
            if entry.fromEdition == fromID && entry.toEdition == toID { return entry }
            if entry.fromEdition == toID && entry.toEdition == fromID { return entry.reversed }
            return nil
        }
        guard !entries.isEmpty else {
            let pairs = crosswalkPairs.map { "\($0.0) ↔ \($0.1)" }.joined(separator: ", ")
            throw TaxonomyError(
                kind: .noCrosswalk,
                message:
                    "no crosswalk between \(fromID) and \(toID) (available: \(pairs.isEmpty ? "none" : pairs))"
            )
        }
        let order = CrosswalkEntry.MatchKind.allCases
        let matches = entries.filter { $0.fromCode == source.code }
            .sorted {
                (order.firstIndex(of: $0.matchKind)!, $0.toCode) < (
                    order.firstIndex(of: $1.matchKind)!, $1.toCode
                )
            }
            .compactMap { entry in target.item(entry.toCode).map { (entry: entry, item: $0) } }
        var note: String? = nil
        if matches.isEmpty {
            if source.level == 2 {
                note =
                    "the derived crosswalk pairs level-1 categories and level-3 items only; "
                    + "map the level-3 items under \(source.code) instead"
            } else {
                note =
                    "\(fromID) \(source.code) has no counterpart in the derived crosswalk to \(toID) "
                    + "(it may have been dropped or folded into a broader item; check the catalogue text)"
            }
        } else if matches.contains(where: { $0.entry.matchKind == .semantic }) {
            note = "semantic matches are suggestions for a human reviewer"
        }
        return CrosswalkResult(source: source, toEdition: toID, matches: matches, note: note)
    }
}
