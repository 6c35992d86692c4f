import Testing

@testable import TaxonomyCompiler

/// Each kind of bad catalogue row gets a `file:line` diagnostic naming the problem.
@Suite struct CatalogueValidationTests {
    static let header = CatalogueSource.header.joined(separator: "\t")
    static let src = "https://example.org/src"

    /// A catalogue row with sensible defaults; tabs between fields.
    static func row(
        _ code: String, _ level: String? = nil, parent: String? = nil, zh: String = "名称", en: String = "Name",
        industry: String = "", confidence: String = "V", ghg: String = ""
    ) -> String {
        let parts = code.split(separator: ".")
        let level = level ?? String(parts.count)
        let parent = parent ?? parts.dropLast().joined(separator: ".")
        return [code, level, parent, zh, en, industry, src, confidence, ghg].joined(separator: "\t")
    }

    static func diagnostics(_ rows: [String]) -> [String] {
        var diagnostics: [TaxonomyDiagnostic] = []
        _ = CatalogueSource(
            edition: "test-2025", file: "t.tsv", text: ([header] + rows).joined(separator: "\n") + "\n",
            diagnostics: &diagnostics)
        return diagnostics.map(\.description)
    }

    @Test func aCleanCataloguePasses() {
        let rows = [
            Self.row("1"), Self.row("1.1"),
            Self.row("1.1.1", industry: "4416 太阳能发电 [√√]; - 购置新能源汽车", ghg: "√√"),
            Self.row("1.1.2", industry: "3411 锅炉 [√]; 4416 太阳能发电 [√√]", ghg: "√/√√"),
        ]
        #expect(Self.diagnostics(rows) == [])
    }

    @Test(
        "bad rows are reported at their line",
        arguments: [
            ([row("1"), row("1")], "t.tsv:3: error: duplicate code '1' (first defined on line 2)"),
            ([row("1"), row("2.1")], "t.tsv:3: error: missing parent '2' for code '2.1'"),
            (
                [row("1"), row("1.1", "3")],
                "t.tsv:3: error: wrong level '3' for code '1.1'; a code with 2 part(s) is level 2"
            ),
            ([row("1", zh: "")], "t.tsv:2: error: empty name_zh for code '1'"),
            ([row("1", en: " ")], "t.tsv:2: error: empty name_en for code '1'"),
            (
                ["1.x\t2\t1\t名\tN\t\t\(src)\tV\t"],
                "t.tsv:2: error: malformed code '1.x'; expected 1 to 3 dot-separated positive numbers such as 4.2.2"
            ),
            (
                [row("1.1.1.1")],
                "t.tsv:2: error: malformed code '1.1.1.1'; expected 1 to 3 dot-separated positive numbers such as 4.2.2"
            ),
            (
                [row("2"), row("1")],
                "t.tsv:3: error: code '1' is out of order; rows must be sorted by code numerically"
            ),
            ([row("1", parent: "9")], "t.tsv:2: error: parent_code '9' does not match code '1'; expected ''"),
            ([row("1", confidence: "X")], "t.tsv:2: error: confidence 'X' must be one of V, P, U, D"),
            ([row("1", ghg: "√√√")], "t.tsv:2: error: ghg_contribution '√√√' must be empty, √, √√ or √/√√"),
            (
                [row("1"), row("1.1"), row("1.1.1", industry: "4416 太阳能发电 [√√]", ghg: "√")],
                "t.tsv:4: error: ghg_contribution '√' of '1.1.1' is not the union of its industry rows' marks ('√√')"
            ),
            (
                [row("1"), row("1.1"), row("1.1.1", industry: "44X6 太阳能发电")],
                "t.tsv:4: error: industry code '44X6' must be a 4-digit GB/T 4754-2017 class, '-' or '?'"
            ),
            (
                [row("1", industry: "4416 太阳能发电")],
                "t.tsv:2: error: industry codes given for '1', but only level-3 items carry them"
            ),
            (["1\t1\t\t名"], "t.tsv:2: error: expected 9 tab-separated columns, found 4"),
        ])
    func badRow(rows: [String], expected: String) {
        #expect(Self.diagnostics(rows).contains(expected), "\(Self.diagnostics(rows))")
    }

    @Test func wrongHeaderAndLineEndingsAreReported() {
        var diagnostics: [TaxonomyDiagnostic] = []
        _ = CatalogueSource(
            edition: "t-2025", file: "t.tsv", text: "code\tlevel\n", diagnostics: &diagnostics)
        #expect(diagnostics.first?.line == 1)
        diagnostics = []
        _ = CatalogueSource(
            edition: "t-2025", file: "t.tsv", text: Self.header + "\n" + Self.row("1") + "\r\n",
            diagnostics: &diagnostics)
        #expect(
            diagnostics.map(\.description) == ["t.tsv:2: error: carriage return found; use LF line endings"])
    }

    @Test func swiftLiteralsAreEscaped() {
        #expect(SwiftTableRenderer.literal("a\"b\\c\td") == "\"a\\\"b\\\\c\\td\"")
        #expect(SwiftTableRenderer.literal("太阳能") == "\"太阳能\"")
        #expect(SwiftTableRenderer.identifier("gfsp-2025") == "gfsp_2025")
    }
}
