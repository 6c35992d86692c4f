/// A Shenzhen district accepted in filings (`Taxonomy/districts.tsv`).
public struct DistrictRow: Hashable, Sendable {
    public let code: String
    public let nameZh: String
    public let nameEn: String
    public let confidence: String
    public let source: String

    static let header = ["code", "name_zh", "name_en", "confidence", "source"]

    static func parse(file: String, text: String, diagnostics: inout [TaxonomyDiagnostic]) -> [DistrictRow] {
        let table = TSVTable(file: file, text: text, expectedHeader: header, diagnostics: &diagnostics)
        var seen: Set<String> = []
        var result: [DistrictRow] = []
        for row in table.rows {
            func fail(_ message: String) {
                diagnostics.append(.init(file: file, line: row.line, message: message))
            }
            guard row[0].count == 6, row[0].allSatisfy({ $0.isASCII && $0.isNumber }) else {
                fail("district code '\(row[0])' must be 6 digits (GB/T 2260)")
                continue
            }
            guard seen.insert(row[0]).inserted else {
                fail("duplicate district code '\(row[0])'")
                continue
            }
            guard !row[1].isEmpty, !row[2].isEmpty, !row[4].isEmpty else {
                fail("a district needs its Chinese and English names and a source")
                continue
            }
            guard CatalogueSource.confidences.contains(row[3]) else {
                fail("confidence '\(row[3])' must be one of V, P, U, D")
                continue
            }
            result.append(
                DistrictRow(code: row[0], nameZh: row[1], nameEn: row[2], confidence: row[3], source: row[4]))
        }
        return result
    }
}

/// A level-1 category eligible for the carbon emission reduction facility (`carbon-facility-eligibility.tsv`).
public struct EligibilityRow: Hashable, Sendable {
    public let edition: String
    public let code: String
    public let area: String
    public let confidence: String
    public let source: String

    static let header = ["edition", "code", "cerf_area", "rationale", "confidence", "source"]

    static func parse(
        file: String, text: String, catalogues: [String: CatalogueSource],
        diagnostics: inout [TaxonomyDiagnostic]
    ) -> [EligibilityRow] {
        let table = TSVTable(file: file, text: text, expectedHeader: header, diagnostics: &diagnostics)
        var result: [EligibilityRow] = []
        for row in table.rows {
            func fail(_ message: String) {
                diagnostics.append(.init(file: file, line: row.line, message: message))
            }
            guard let catalogue = catalogues[row[0]] else {
                fail("unknown edition '\(row[0])'")
                continue
            }
            guard catalogue.rows.contains(where: { $0.code == row[1] && $0.level == 1 }) else {
                fail("'\(row[1])' is not a level-1 category of \(row[0])")
                continue
            }
            guard !row[2].isEmpty, !row[3].isEmpty, !row[5].isEmpty,
                CatalogueSource.confidences.contains(row[4])
            else {
                fail("each row needs an area, a rationale, a confidence tag (V, P, U, D) and a source")
                continue
            }
            result.append(
                EligibilityRow(
                    edition: row[0], code: row[1], area: row[2], confidence: row[4], source: row[5]))
        }
        return result
    }
}

/// The disclosure XSD, embedded as a string so that a binary copied anywhere still validates.
public struct SchemaSource: Sendable {
    public let file: String
    public let text: String
    /// The XSD compiled into tables for the reader's own XSD engine.
    public let model: XSDModel

    /// Checks that the schema can live in a raw string literal and names the format's namespace.
    public static func check(file: String, text: String, diagnostics: inout [TaxonomyDiagnostic])
        -> SchemaSource?
    {
        if text.contains("\"\"\"#") {
            diagnostics.append(.init(file: file, line: 0, message: "the schema must not contain '\"\"\"#'"))
            return nil
        }
        if !text.contains("targetNamespace=\"urn:greenledger:disclosure:1\"") {
            diagnostics.append(
                .init(
                    file: file, line: 0,
                    message: "the schema's targetNamespace must be urn:greenledger:disclosure:1"))
            return nil
        }
        do {
            return SchemaSource(file: file, text: text, model: try XSDModel(text: text, file: file))
        } catch let diagnostic as TaxonomyDiagnostic {
            diagnostics.append(diagnostic)
        } catch {
            diagnostics.append(.init(file: file, line: 0, message: "\(error)"))
        }
        return nil
    }
}

/// An emission or conversion factor (`Taxonomy/emission-factors.tsv`).
public struct FactorRow: Hashable, Sendable {
    public let id: String
    public let kind: String
    public let series: String
    public let region: String
    public let year: String
    public let value: String
    public let unit: String
    public let confidence: String
    public let source: String
    public let note: String
    public let role: String

    static let header = [
        "id", "kind", "series", "region", "year", "value", "unit", "confidence", "source", "note", "role",
    ]
    static let kinds: Set<String> = ["electricity", "fuel", "conversion", "heat"]
    static let units: Set<String> = [
        "tCO2/MWh", "kgCO2/kg", "kgCO2/m3", "kgce/kg", "kgce/m3", "tCO2/tce", "tCO2/GJ", "GJ/tce",
        "gce/kWh", "kgce/kWh",
    ]
    /// `default-grid`: the Scope 2 default, which must be the newest verified ([V]) row of its series and
    /// region; `default-supply-coal`: the guideline baseline's thermal-power supply coal consumption.
    static let roles: Set<String> = ["", "default-grid", "default-supply-coal"]

    static func parse(file: String, text: String, diagnostics: inout [TaxonomyDiagnostic]) -> [FactorRow] {
        let table = TSVTable(file: file, text: text, expectedHeader: header, diagnostics: &diagnostics)
        var seen: [String: Int] = [:]
        var result: [FactorRow] = []
        var defaults = 0
        var supplyDefaults = 0
        for row in table.rows {
            func fail(_ message: String) {
                diagnostics.append(.init(file: file, line: row.line, message: message))
            }
            let id = row[0]
            guard !id.isEmpty, id.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" })
            else {
                fail("factor id '\(id)' must be lower-case letters, digits and hyphens")
                continue
            }
            if let earlier = seen[id] {
                fail("duplicate factor id '\(id)' (first on line \(earlier))")
                continue
            }
            seen[id] = row.line
            guard kinds.contains(row[1]) else {
                fail("kind '\(row[1])' must be one of \(kinds.sorted().joined(separator: ", "))")
                continue
            }
            guard let value = Double(row[5]), value > 0, row[5].allSatisfy({ $0.isNumber || $0 == "." })
            else {
                fail("value '\(row[5])' must be a positive decimal number")
                continue
            }
            _ = value
            guard units.contains(row[6]) else {
                fail("unit '\(row[6])' must be one of \(units.sorted().joined(separator: ", "))")
                continue
            }
            guard row[4].isEmpty || (row[4].count == 4 && Int(row[4]) != nil) else {
                fail("year '\(row[4])' must be empty or four digits")
                continue
            }
            guard CatalogueSource.confidences.contains(row[7]), !row[8].isEmpty, !row[2].isEmpty,
                !row[3].isEmpty
            else {
                fail("each factor needs a series, a region, a confidence tag (V, P, U, D) and a source")
                continue
            }
            guard roles.contains(row[10]) else {
                fail("role '\(row[10])' must be empty, default-grid or default-supply-coal")
                continue
            }
            if row[10] == "default-grid" {
                defaults += 1
                if row[6] != "tCO2/MWh" { fail("the default grid factor must be in tCO2/MWh") }
                if row[7] != "V" { fail("the default grid factor must be verified (V)") }
            }
            if row[10] == "default-supply-coal" {
                supplyDefaults += 1
                if row[6] != "gce/kWh" { fail("the default supply coal consumption must be in gce/kWh") }
            }
            result.append(
                FactorRow(
                    id: id, kind: row[1], series: row[2], region: row[3], year: row[4], value: row[5],
                    unit: row[6],
                    confidence: row[7], source: row[8], note: row[9], role: row[10]))
        }
        if defaults != 1 && !table.rows.isEmpty {
            diagnostics.append(
                .init(
                    file: file, line: 0,
                    message: "exactly one factor must have role default-grid (found \(defaults))"))
        }
        if supplyDefaults > 1 {
            diagnostics.append(
                .init(
                    file: file, line: 0,
                    message: "at most one factor may have role default-supply-coal (found \(supplyDefaults))")
            )
        }
        // The default grid factor is the newest verified one of its series and region: a newer [V] row
        // must take the role over (a newer [P] row does not).
        if let chosen = result.first(where: { $0.role == "default-grid" }) {
            let newer = result.filter {
                $0.series == chosen.series && $0.region == chosen.region && $0.confidence == "V"
                    && (Int($0.year) ?? 0) > (Int(chosen.year) ?? 0)
            }
            for row in newer {
                diagnostics.append(
                    .init(
                        file: file, line: 0,
                        message:
                            "'\(row.id)' is a newer verified factor of the default's series and region: give it "
                            + "role default-grid instead of '\(chosen.id)'"))
            }
        }
        return result
    }
}
