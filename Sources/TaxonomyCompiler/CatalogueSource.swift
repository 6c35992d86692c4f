/// One industry class (GB/T 4754-2017) listed for a catalogue item, as written in the TSV.
public struct IndustryClassRow: Hashable, Sendable {
    /// Four-digit class code, `-` when the catalogue gives none, `?` when it was lost in the source.
    public let code: String
    public let name: String
    /// `√`, `√√` or empty.
    public let mark: String
}

/// One validated row of a catalogue TSV.
public struct CatalogueRow: Hashable, Sendable {
    public let line: Int
    public let code: String
    public let level: Int
    public let parentCode: String
    public let nameZh: String
    public let nameEn: String
    public let industryClasses: [IndustryClassRow]
    public let sourceURL: String
    public let confidence: String
    public let ghgContribution: String
}

/// A catalogue edition's item list read from `Taxonomy/catalogues/EDITION.tsv`.
public struct CatalogueSource: Sendable {
    public static let header = [
        "code", "level", "parent_code", "name_zh", "name_en", "industry_codes", "source_url", "confidence",
        "ghg_contribution",
    ]
    static let confidences: Set<String> = ["V", "P", "U", "D"]
    static let ghgValues: Set<String> = ["", "√", "√√", "√/√√"]

    public let edition: String
    public let file: String
    public let rows: [CatalogueRow]

    /// Reads and checks one catalogue file; every problem found is appended to `diagnostics`.
    public init(edition: String, file: String, text: String, diagnostics: inout [TaxonomyDiagnostic]) {
        self.edition = edition
        self.file = file
        let table = TSVTable(file: file, text: text, expectedHeader: Self.header, diagnostics: &diagnostics)
        var rows: [CatalogueRow] = []
        var firstLine: [String: Int] = [:]
        var previous: [Int]? = nil
        for row in table.rows {
            func fail(_ message: String) {
                diagnostics.append(.init(file: file, line: row.line, message: message))
            }
            let code = row[0]
            guard let components = Self.codeComponents(code) else {
                fail("malformed code '\(code)'; expected 1 to 3 dot-separated positive numbers such as 4.2.2")
                continue
            }
            if let earlier = firstLine[code] {
                fail("duplicate code '\(code)' (first defined on line \(earlier))")
                continue
            }
            firstLine[code] = row.line
            if let previous, !previous.lexicographicallyPrecedes(components) {
                fail("code '\(code)' is out of order; rows must be sorted by code numerically")
            }
            previous = components
            if Int(row[1]) != components.count {
                fail(
                    "wrong level '\(row[1])' for code '\(code)'; a code with \(components.count) part(s) is level \(components.count)"
                )
            }
            let expectedParent =
                components.count == 1 ? "" : components.dropLast().map(String.init).joined(separator: ".")
            if row[2] != expectedParent {
                fail("parent_code '\(row[2])' does not match code '\(code)'; expected '\(expectedParent)'")
            } else if !expectedParent.isEmpty && firstLine[expectedParent] == nil {
                fail("missing parent '\(expectedParent)' for code '\(code)'")
            }
            let nameZh = row[3].trimmingWhitespace
            let nameEn = row[4].trimmingWhitespace
            if nameZh.isEmpty { fail("empty name_zh for code '\(code)'") }
            if nameEn.isEmpty { fail("empty name_en for code '\(code)'") }
            if nameZh != row[3] || nameEn != row[4] {
                fail("name of '\(code)' has leading or trailing whitespace")
            }
            let classes = Self.industryClasses(row[5], fail: fail)
            if !classes.isEmpty && components.count < 3 {
                fail("industry codes given for '\(code)', but only level-3 items carry them")
            }
            if row[6].trimmingWhitespace.isEmpty { fail("empty source_url for code '\(code)'") }
            if !Self.confidences.contains(row[7]) { fail("confidence '\(row[7])' must be one of V, P, U, D") }
            let ghg = row[8]
            if !Self.ghgValues.contains(ghg) {
                fail("ghg_contribution '\(ghg)' must be empty, √, √√ or √/√√")
            } else {
                let marks = Set(classes.map(\.mark).filter { !$0.isEmpty })
                let union = marks.count == 2 ? "√/√√" : (marks.first ?? "")
                if union != ghg {
                    fail(
                        "ghg_contribution '\(ghg)' of '\(code)' is not the union of its industry rows' marks ('\(union)')"
                    )
                }
            }
            rows.append(
                CatalogueRow(
                    line: row.line, code: code, level: components.count, parentCode: expectedParent,
                    nameZh: nameZh, nameEn: nameEn, industryClasses: classes, sourceURL: row[6],
                    confidence: row[7], ghgContribution: ghg))
        }
        self.rows = rows
    }

    /// The numeric parts of a well-formed code (`4.2.2` → [4, 2, 2]), or nil.
    static func codeComponents(_ code: String) -> [Int]? {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var result: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.first != "0",
                part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(part)
            else { return nil }
            result.append(value)
        }
        return result
    }

    /// Parses `3411 锅炉及辅助设备制造 [√]; - 购置新能源汽车; ? 物业管理`.
    static func industryClasses(_ text: String, fail: (String) -> Void) -> [IndustryClassRow] {
        guard !text.isEmpty else { return [] }
        var result: [IndustryClassRow] = []
        var seen: Set<String> = []
        for entry in text.split(separator: "; ", omittingEmptySubsequences: false).map(String.init) {
            var rest = Substring(entry)
            var mark = ""
            for candidate in ["√√", "√"] where rest.hasSuffix(" [\(candidate)]") {
                mark = candidate
                rest = rest.dropLast(candidate.count + 3)
                break
            }
            guard let space = rest.firstIndex(of: " ") else {
                fail("industry entry '\(entry)' must be 'CODE name [mark]'")
                continue
            }
            let code = String(rest[..<space])
            let name = String(rest[rest.index(after: space)...]).trimmingWhitespace
            let isClass = code.count == 4 && code.allSatisfy { $0.isASCII && $0.isNumber }
            guard isClass || code == "-" || code == "?" else {
                fail("industry code '\(code)' must be a 4-digit GB/T 4754-2017 class, '-' or '?'")
                continue
            }
            guard !name.isEmpty, !name.contains("[") else {
                fail("industry entry '\(entry)' has an empty or malformed name")
                continue
            }
            guard seen.insert(code + " " + name).inserted else {
                fail("industry entry '\(entry)' is listed twice")
                continue
            }
            result.append(IndustryClassRow(code: code, name: name, mark: mark))
        }
        return result
    }
}
