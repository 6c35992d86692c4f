/// A known data caveat attached to one catalogue item (`Taxonomy/caveats.tsv`).
public struct CaveatRow: Hashable, Sendable {
    public let edition: String
    public let code: String
    public let text: String
    public let source: String

    static let header = ["edition", "code", "caveat", "source"]

    /// Reads the caveats, checking that each names an existing edition and code.
    static func parse(
        file: String, text: String, catalogues: [String: CatalogueSource],
        diagnostics: inout [TaxonomyDiagnostic]
    ) -> [CaveatRow] {
        let table = TSVTable(file: file, text: text, expectedHeader: header, diagnostics: &diagnostics)
        var result: [CaveatRow] = []
        for row in table.rows {
            func fail(_ message: String) {
                diagnostics.append(.init(file: file, line: row.line, message: message))
            }
            guard let catalogue = catalogues[row[0]] else {
                fail("unknown edition '\(row[0])'")
                continue
            }
            guard catalogue.rows.contains(where: { $0.code == row[1] }) else {
                fail("code '\(row[1])' does not exist in \(row[0])")
                continue
            }
            guard !row[2].trimmingWhitespace.isEmpty, !row[3].trimmingWhitespace.isEmpty else {
                fail("a caveat needs its text and its source")
                continue
            }
            result.append(CaveatRow(edition: row[0], code: row[1], text: row[2], source: row[3]))
        }
        return result
    }
}

/// A search synonym (`Taxonomy/search-synonyms.tsv`): searching for `term` also searches for `synonym`.
public struct SynonymRow: Hashable, Sendable {
    public let term: String
    public let synonym: String

    static let header = ["term", "synonym", "rationale"]

    static func parse(file: String, text: String, diagnostics: inout [TaxonomyDiagnostic]) -> [SynonymRow] {
        let table = TSVTable(file: file, text: text, expectedHeader: header, diagnostics: &diagnostics)
        var result: [SynonymRow] = []
        var seen: Set<SynonymRow> = []
        for row in table.rows {
            func fail(_ message: String) {
                diagnostics.append(.init(file: file, line: row.line, message: message))
            }
            let entry = SynonymRow(term: row[0], synonym: row[1])
            if row[0].trimmingWhitespace.isEmpty || row[1].trimmingWhitespace.isEmpty
                || row[2].trimmingWhitespace.isEmpty
            {
                fail("term, synonym and rationale must all be given")
            } else if row[0] == row[1] {
                fail("a term cannot be its own synonym")
            } else if row[0] != row[0].lowercased() || row[1] != row[1].lowercased() {
                fail("write terms in lower case; search ignores case")
            } else if !seen.insert(entry).inserted {
                fail("synonym pair '\(row[0])' → '\(row[1])' is listed twice")
            } else {
                result.append(entry)
            }
        }
        return result
    }
}
