/// One row of a derived crosswalk between two editions.
public struct CrosswalkRow: Hashable, Sendable {
    public let line: Int
    public let fromCode: String
    public let toCode: String
    public let matchKind: String
}

/// A crosswalk file `Taxonomy/crosswalks/FROM--TO[-suffix].tsv`, checked against both catalogues.
public struct CrosswalkSource: Sendable {
    public static let matchKinds: Set<String> = ["exact-name", "near-name", "semantic", "structural"]

    public let file: String
    public let fromEdition: String
    public let toEdition: String
    public let rows: [CrosswalkRow]

    /// The two editions named by a crosswalk file name, or nil when the name does not follow the pattern.
    public static func editions(fromFileName name: String) -> (String, String)? {
        guard name.hasSuffix(".tsv") else { return nil }
        let stem = name.dropLast(4)
        let parts = stem.split(separator: "--", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, EditionSource.isEditionID(parts[0]) else { return nil }
        // The target may carry a suffix after its year (`gfsp-2025-level1`).
        let to = parts[1].split(separator: "-", omittingEmptySubsequences: false).prefix(2).joined(
            separator: "-")
        guard EditionSource.isEditionID(to) else { return nil }
        return (parts[0], to)
    }

    /// Reads a crosswalk file and checks each row against the catalogues of both editions.
    public init(
        file: String, fromEdition: String, toEdition: String, text: String,
        catalogues: [String: CatalogueSource],
        diagnostics: inout [TaxonomyDiagnostic]
    ) {
        self.file = file
        self.fromEdition = fromEdition
        self.toEdition = toEdition
        let fromYear = String(fromEdition.suffix(4))
        let toYear = String(toEdition.suffix(4))
        let header = [
            "code_\(fromYear)", "name_\(fromYear)", "code_\(toYear)", "name_\(toYear)", "match_kind",
        ]
        let table = TSVTable(file: file, text: text, expectedHeader: header, diagnostics: &diagnostics)
        let fromItems = Dictionary(
            uniqueKeysWithValues: (catalogues[fromEdition]?.rows ?? []).map { ($0.code, $0) })
        let toItems = Dictionary(
            uniqueKeysWithValues: (catalogues[toEdition]?.rows ?? []).map { ($0.code, $0) })
        if catalogues[fromEdition] == nil || catalogues[toEdition] == nil {
            diagnostics.append(
                .init(file: file, line: 0, message: "crosswalk names an edition without a catalogue file"))
        }
        var seen: [String: Int] = [:]
        var rows: [CrosswalkRow] = []
        for row in table.rows {
            func fail(_ message: String) {
                diagnostics.append(.init(file: file, line: row.line, message: message))
            }
            var ok = true
            for (code, name, items, edition) in [
                (row[0], row[1], fromItems, fromEdition), (row[2], row[3], toItems, toEdition),
            ] {
                guard let item = items[code] else {
                    fail("code '\(code)' does not exist in \(edition)")
                    ok = false
                    continue
                }
                if item.nameZh != name {
                    fail("name '\(name)' does not match \(edition) \(code) '\(item.nameZh)'")
                    ok = false
                }
            }
            if !Self.matchKinds.contains(row[4]) {
                fail(
                    "match_kind '\(row[4])' must be one of \(Self.matchKinds.sorted().joined(separator: ", "))"
                )
                ok = false
            } else if row[4] == "exact-name" && row[1] != row[3] {
                fail("match_kind exact-name but the names differ")
                ok = false
            }
            if ok, fromItems[row[0]]?.level != toItems[row[2]]?.level {
                fail("a crosswalk row must pair items of the same level")
                ok = false
            }
            let key = row[0] + "→" + row[2]
            if let earlier = seen[key] {
                fail("pair \(row[0]) → \(row[2]) is listed twice (first on line \(earlier))")
                ok = false
            }
            seen[key] = row.line
            if ok {
                rows.append(CrosswalkRow(line: row.line, fromCode: row[0], toCode: row[2], matchKind: row[4]))
            }
        }
        self.rows = rows
    }
}
