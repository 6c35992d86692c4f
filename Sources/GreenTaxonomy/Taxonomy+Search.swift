/// One search result: the item, its relevance and what matched.
public struct SearchHit: Sendable, Encodable {
    public let item: TaxonomyItem
    /// Higher is better; only the order is meaningful.
    public let score: Double
    /// What matched, e.g. `name 太阳能利用设施建设和运营 (via synonym 光伏 → 太阳能)`.
    public let matchedOn: String

    enum CodingKeys: String, CodingKey {
        case item, score
        case matchedOn = "matched_on"
    }
}

extension Taxonomy {
    /// Items whose code, Chinese or English name, or industry classes match `query`, best first.
    ///
    /// Ranking: an exact code wins; then whole-name, name-prefix and name-substring matches in Chinese,
    /// whole-word matches in English, then industry-class names. Every whitespace-separated term must
    /// match. Synonyms from `Taxonomy/search-synonyms.tsv` (e.g. 光伏 → 太阳能) count slightly less than the
    /// term itself. Ties go to the current edition, then to deeper items, then to code order.
    public func search(_ query: String, edition: String? = nil, limit: Int? = nil) throws -> [SearchHit] {
        let scope = try edition.map { [try catalogue($0)] } ?? editions.compactMap { cataloguesByID[$0.id] }
        let normalized = query.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        guard !normalized.isEmpty else { return [] }
        let terms =
            synonyms[normalized] != nil || !normalized.contains(" ")
            ? [normalized] : normalized.split(separator: " ").map(String.init)
        let alternatives = terms.map { term in
            [(term, 1.0, "")] + (synonyms[term] ?? []).map { ($0, 0.9, " (via synonym \(term) → \($0))") }
        }
        let exactCode = CatalogueCode(normalized)

        var hits: [(hit: SearchHit, order: Int)] = []
        for catalogue in scope {
            for item in catalogue.items {
                if let exactCode, item.code == exactCode {
                    hits.append(
                        (SearchHit(item: item, score: 1000, matchedOn: "code"), catalogue.edition.order))
                    continue
                }
                var total = 0.0
                var reasons: [String] = []
                var matchedAll = true
                for options in alternatives {
                    var best: (Double, String)? = nil
                    for (term, weight, via) in options {
                        if let (score, reason) = Self.score(term: term, item: item),
                            best == nil || score * weight > best!.0
                        {
                            best = (score * weight, reason + via)
                        }
                    }
                    guard let best else {
                        matchedAll = false
                        break
                    }
                    total += best.0
                    reasons.append(best.1)
                }
                guard matchedAll else { continue }
                total += Double(item.level)  // prefer the specific item over its group on equal match
                var distinct: [String] = []
                for reason in reasons where !distinct.contains(reason) { distinct.append(reason) }
                hits.append(
                    (
                        SearchHit(item: item, score: total, matchedOn: distinct.joined(separator: "; ")),
                        catalogue.edition.order
                    ))
            }
        }
        hits.sort { a, b in
            if a.hit.score != b.hit.score { return a.hit.score > b.hit.score }
            if a.order != b.order { return a.order < b.order }
            return a.hit.item.code < b.hit.item.code
        }
        let result = hits.map(\.hit)
        return limit.map { Array(result.prefix($0)) } ?? result
    }

    /// How well one lower-cased term matches one item, and on what; nil when it does not match.
    static func score(term: String, item: TaxonomyItem) -> (Double, String)? {
        let zh = item.nameZh.lowercased()
        let closeness = Double(term.count) / Double(max(zh.count, 1))
        if zh == term { return (100, "name") }
        if zh.hasPrefix(term) { return (85 + 5 * closeness, "name") }
        if zh.contains(term) { return (70 + 5 * closeness, "name") }
        let en = item.nameEn.lowercased()
        let words = en.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let enCloseness = Double(term.count) / Double(max(en.count, 1))
        if term.contains(" ") ? en.contains(term) : words.contains(term) {
            return (70 + 5 * enCloseness, "English name")
        }
        if term.count >= 3 && words.contains(where: { $0.hasPrefix(term) }) {
            return (55 + 5 * enCloseness, "English name")
        }
        if term.count >= 3 && en.contains(term) { return (40, "English name") }
        if let match = item.industryClasses.first(where: {
            $0.name.lowercased().contains(term) || $0.code == term
        }) {
            return (35, "industry class \(match.display)")
        }
        return nil
    }
}
