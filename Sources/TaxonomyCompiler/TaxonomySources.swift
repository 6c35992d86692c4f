import Foundation

/// Everything under `Taxonomy/`, read and cross-checked: the input of the table generator.
public struct TaxonomySources: Sendable {
    public let editions: [EditionSource]
    public let catalogues: [String: CatalogueSource]
    public let crosswalks: [CrosswalkSource]
    public let caveats: [CaveatRow]
    public let synonyms: [SynonymRow]
    public let districts: [DistrictRow]
    public let eligibility: [EligibilityRow]
    public let factors: [FactorRow]
    /// The text of `targets.tsv` (its rows are parsed by GreenMetrics, which also reads users' target files).
    public let targets: String?
    /// The disclosure XSD from `Schemas/`, when the package has one beside `Taxonomy/`.
    public let schema: SchemaSource?

    /// Reads `taxonomyDirectory` (normally `<package>/Taxonomy`); `displayPrefix` is put before file names in
    /// diagnostics. Throws ``TaxonomyDataError`` listing every problem when any file is bad.
    public static func load(from taxonomyDirectory: URL, displayPrefix: String = "Taxonomy/") throws
        -> TaxonomySources
    {
        var diagnostics: [TaxonomyDiagnostic] = []
        func read(_ relative: String) -> String? {
            let url = taxonomyDirectory.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.append(
                    .init(file: displayPrefix + relative, line: 0, message: "cannot read the file"))
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(
                    .init(file: displayPrefix + relative, line: 0, message: "the file is not valid UTF-8"))
                return nil
            }
            return text
        }
        func list(_ folder: String) -> [String] {
            let path = taxonomyDirectory.appendingPathComponent(folder).path
            return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter {
                $0.hasSuffix(".tsv")
            }
            .sorted()
        }

        let editions =
            read("editions.tsv").map {
                EditionSource.parse(file: displayPrefix + "editions.tsv", text: $0, diagnostics: &diagnostics)
            } ?? []
        var catalogues: [String: CatalogueSource] = [:]
        for name in list("catalogues") {
            let id = String(name.dropLast(4))
            let relative = "catalogues/" + name
            guard editions.contains(where: { $0.id == id }) else {
                diagnostics.append(
                    .init(
                        file: displayPrefix + relative, line: 0, message: "no edition '\(id)' in editions.tsv"
                    ))
                continue
            }
            if let text = read(relative) {
                catalogues[id] = CatalogueSource(
                    edition: id, file: displayPrefix + relative, text: text, diagnostics: &diagnostics)
            }
        }
        for edition in editions {
            guard let catalogue = catalogues[edition.id] else {
                diagnostics.append(
                    .init(
                        file: displayPrefix + "editions.tsv", line: edition.facts["order"]!.line,
                        message: "edition \(edition.id) has no catalogues/\(edition.id).tsv"))
                continue
            }
            checkCounts(edition: edition, catalogue: catalogue, diagnostics: &diagnostics)
        }
        var crosswalks: [CrosswalkSource] = []
        for name in list("crosswalks") {
            let relative = "crosswalks/" + name
            guard let (from, to) = CrosswalkSource.editions(fromFileName: name) else {
                diagnostics.append(
                    .init(
                        file: displayPrefix + relative, line: 0,
                        message: "crosswalk files are named FROM--TO.tsv, e.g. gicc-2019--gfsp-2025.tsv"))
                continue
            }
            if let text = read(relative) {
                crosswalks.append(
                    CrosswalkSource(
                        file: displayPrefix + relative, fromEdition: from, toEdition: to, text: text,
                        catalogues: catalogues, diagnostics: &diagnostics))
            }
        }
        let caveats =
            read("caveats.tsv").map {
                CaveatRow.parse(
                    file: displayPrefix + "caveats.tsv", text: $0, catalogues: catalogues,
                    diagnostics: &diagnostics)
            } ?? []
        let synonyms =
            read("search-synonyms.tsv").map {
                SynonymRow.parse(
                    file: displayPrefix + "search-synonyms.tsv", text: $0, diagnostics: &diagnostics)
            } ?? []
        let districts =
            read("districts.tsv").map {
                DistrictRow.parse(file: displayPrefix + "districts.tsv", text: $0, diagnostics: &diagnostics)
            } ?? []
        let eligibility =
            read("carbon-facility-eligibility.tsv").map {
                EligibilityRow.parse(
                    file: displayPrefix + "carbon-facility-eligibility.tsv", text: $0, catalogues: catalogues,
                    diagnostics: &diagnostics)
            } ?? []
        let factors =
            read("emission-factors.tsv").map {
                FactorRow.parse(
                    file: displayPrefix + "emission-factors.tsv", text: $0, diagnostics: &diagnostics)
            } ?? []
        let targets = read("targets.tsv")
        if let targets {
            let table = TSVTable(
                file: displayPrefix + "targets.tsv", text: targets,
                expectedHeader: [
                    "id", "indicator", "indicator_zh", "indicator_en", "direction", "value", "baseline",
                    "baseline_year",
                    "target_date", "confidence", "source", "note",
                ], diagnostics: &diagnostics)
            if table.rows.isEmpty {
                diagnostics.append(.init(file: displayPrefix + "targets.tsv", line: 0, message: "no targets"))
            }
        }
        let schemaURL = taxonomyDirectory.deletingLastPathComponent().appendingPathComponent(
            "Schemas/disclosure-v1.xsd")
        var schema: SchemaSource? = nil
        if let data = FileManager.default.contents(atPath: schemaURL.path) {
            schema = SchemaSource.check(
                file: "Schemas/disclosure-v1.xsd", text: String(decoding: data, as: UTF8.self),
                diagnostics: &diagnostics)
        } else {
            diagnostics.append(
                .init(file: "Schemas/disclosure-v1.xsd", line: 0, message: "cannot read the file"))
        }
        guard diagnostics.isEmpty else {
            throw TaxonomyDataError(
                diagnostics: diagnostics.sorted { ($0.file, $0.line) < ($1.file, $1.line) })
        }
        return TaxonomySources(
            editions: editions, catalogues: catalogues, crosswalks: crosswalks, caveats: caveats,
            synonyms: synonyms, districts: districts, eligibility: eligibility, factors: factors,
            targets: targets, schema: schema)
    }

    /// A complete edition must have exactly its expected counts per level; an incomplete one at most those.
    static func checkCounts(
        edition: EditionSource, catalogue: CatalogueSource, diagnostics: inout [TaxonomyDiagnostic]
    ) {
        let expected = edition.expectedCounts
        let found = (1...3).map { level in catalogue.rows.filter { $0.level == level }.count }
        let ok = edition.isComplete ? found == expected : zip(found, expected).allSatisfy { $0 <= $1 }
        if !ok {
            let shown = found.map(String.init).joined(separator: "/")
            diagnostics.append(
                .init(
                    file: catalogue.file, line: 0,
                    message: "\(edition.id) has \(shown) items per level, but editions.tsv expects "
                        + "\(edition.facts["expected_counts"]!.value)"
                        + (edition.isComplete ? " for a complete edition" : " at most")))
        }
    }
}
