import Foundation
import Testing

/// Every JSON document the command line writes uses one key style, snake_case
/// (`^[a-z0-9]+(_[a-z0-9]+)*$`), and names a schema id that `Docs/json-output.md` describes.
///
/// Objects whose keys are data rather than field names (rule ids, indicator ids, category and district
/// codes, reasons) are maps: their keys are not checked, their values are.
@Suite struct JSONConventionTests {
    /// Fields holding maps keyed by data, as the dotted path of field names ending there.
    static let dataMaps: Set<String> = [
        "counts_by_rule", "numerators", "not_estimated", "book.categories", "book.districts",
        "benefits.categories", "benefits.districts", "assumptions",
    ]

    static func isSnakeCase(_ key: String) -> Bool {
        key.wholeMatch(of: #/[a-z0-9]+(_[a-z0-9]+)*/#) != nil
    }

    /// The keys of `value` (recursively) that are not snake_case, each with its path.
    static func offendingKeys(in value: Any, path: [String] = []) -> [String] {
        if let array = value as? [Any] {
            return array.flatMap { offendingKeys(in: $0, path: path) }
        }
        guard let object = value as? [String: Any] else { return [] }
        let dotted = path.joined(separator: ".")
        let isMap = dataMaps.contains { dotted == $0 || dotted.hasSuffix("." + $0) }
        return object.keys.sorted().flatMap { key -> [String] in
            let here = path + [key]
            let own = isMap || isSnakeCase(key) ? [] : [here.joined(separator: ".")]
            let inner = object[key].map { offendingKeys(in: $0, path: isMap ? path + ["*"] : here) } ?? []
            return own + inner
        }
    }

    static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(
            atPath: CLIRunner.packageRoot.appendingPathComponent(folder).path
        )
        .filter { $0.hasSuffix(".xml") }.sorted().map { "\(folder)/\($0)" }
    }

    /// Each JSON-producing command on the samples, with a name for messages.
    static func commands(db: String, report: String) throws -> [(name: String, arguments: [String])] {
        let quarter = try files(in: "Samples/2026-Q3")
        let invalid = try files(in: "Samples/invalid")
        var commands: [(String, [String])] = [
            ("validate", ["validate", "--format", "json"] + quarter + invalid + ["Samples/valid-base.xml"]),
            ("validate --rules", ["validate", "--rules", "--format", "json"]),
            ("aggregate", ["aggregate", "Samples/2026-Q3", "--format", "json"]),
            (
                "aggregate --district",
                ["aggregate", "Samples/2026-Q3", "--district", "440307", "--format", "json"]
            ),
            ("aggregate --db", ["aggregate", "--db", db, "--format", "json"]),
            ("report", ["report", "--db", db, "--format", "json", "--out", report]),
            ("taxonomy editions", ["taxonomy", "editions", "--format", "json"]),
            (
                "taxonomy editions --originated",
                ["taxonomy", "editions", "--originated", "2025-11-02", "--format", "json"]
            ),
            ("taxonomy show", ["taxonomy", "show", "gfsp-2025", "4.2.2", "--format", "json"]),
            ("taxonomy list", ["taxonomy", "list", "glct-2024", "--format", "json"]),
            ("taxonomy search", ["taxonomy", "search", "光伏", "--format", "json"]),
            ("taxonomy industry", ["taxonomy", "industry", "4416", "--format", "json"]),
            (
                "taxonomy map",
                ["taxonomy", "map", "3.2.2", "--from", "gicc-2019", "--to", "gfsp-2025", "--format", "json"]
            ),
            ("taxonomy factors", ["taxonomy", "factors", "--format", "json"]),
            ("taxonomy export", ["taxonomy", "export", "gfsp-2025", "--format", "json"]),
        ]
        for file in quarter + ["Samples/valid-base.xml", "Samples/invalid/GL-GREEN-006-carbon-facility.xml"] {
            commands.append(("summary \(file)", ["summary", file, "--format", "json"]))
        }
        return commands
    }

    @Test func everyJSONKeyIsSnakeCaseAndEverySchemaIsDocumented() throws {
        let directory = try BoundedRunner.temporaryDirectory("json-convention")
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("history.sqlite").path
        let report = directory.appendingPathComponent("report.json").path
        let ingest = try CLIRunner.run(["ingest", "--db", db, "Samples/2026-Q2", "Samples/2026-Q3"])
        try #require(ingest.status == 0, "ingest: \(ingest.stderr)")
        let reference = try String(
            contentsOf: CLIRunner.packageRoot.appendingPathComponent("Docs/json-output.md"), encoding: .utf8)

        for (name, arguments) in try Self.commands(db: db, report: report) {
            let result = try CLIRunner.run(arguments)
            // validate exits 1 on the invalid samples; anything else means the command did not run.
            #expect(result.status == 0 || result.status == 1, "\(name): \(result.stderr)")
            let text = name == "report" ? try String(contentsOfFile: report, encoding: .utf8) : result.stdout
            let document = try JSONSerialization.jsonObject(with: Data(text.utf8))
            #expect(Set(Self.offendingKeys(in: document)).sorted() == [], "\(name)")
            if let schema = (document as? [String: Any])?["schema"] as? String {
                #expect(reference.contains("`\(schema)`"), "\(name): \(schema) is not in Docs/json-output.md")
            }
        }
    }

    @Test func theWalkerFindsCamelCaseAndSkipsDataMaps() {
        let document: [String: Any] = [
            "schema": "x", "rows": [["nameZh": "a", "share_of_green": 0.5]],
            "book": ["categories": ["gfsp-2025 4": "1.00"], "numerators": ["tech-enterprise": "2.00"]],
            "sections": ["Loans": true],
        ]
        #expect(Self.offendingKeys(in: document) == ["rows.nameZh", "sections.Loans"])
    }
}
