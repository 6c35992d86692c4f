import Foundation
import Testing

/// End-to-end: the built binary's stdout, stderr and exit code.
@Suite struct TaxonomyCommandTests {
    @Test func showPrintsItemParentChainAndIndustryClasses() throws {
        let result = try CLIRunner.run(["taxonomy", "show", "gfsp-2025", "4.2.2"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "gfsp-2025 4.2.2  太阳能利用设施建设和运营")
        #expect(lines.contains("  4          能源绿色低碳转型  Green low-carbon energy transition"))
        #expect(
            lines.contains("    4.2      清洁能源设施建设和运营  Construction and operation of clean energy facilities"))
        #expect(lines.contains("  4416 太阳能发电 [√√]"))
        #expect(lines.contains("GHG contribution: √√ 直接碳减排效益 direct reduction"))
        #expect(lines.contains { $0.hasPrefix("crosswalk (derived, not official): gicc-2019 3.2.2") })
    }

    @Test func mapAnswersTheExactNameCounterpart() throws {
        let result = try CLIRunner.run([
            "taxonomy", "map", "3.2.2", "--from", "gicc-2019", "--to", "gfsp-2025",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("→ gfsp-2025 4.2.2   太阳能利用设施建设和运营"))
        #expect(result.stdout.contains("[exact-name: identical names]"))
        #expect(result.stdout.contains("derived crosswalk, not official"))
    }

    @Test func industryListsTheSolarItems() throws {
        let result = try CLIRunner.run(["taxonomy", "industry", "4416", "--format", "json"])
        #expect(result.status == 0)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let matches = try #require(document["matches"] as? [[String: Any]])
        let codes = matches.map { ($0["item"] as? [String: Any])?["code"] as? String }
        #expect(codes == ["4.2.2", "4.2.8", "4.3.1", "4.3.2", "4.3.7"])
    }

    @Test(
        "bad arguments get a one-line error with suggestions and exit 64",
        arguments: [
            (
                ["taxonomy", "show", "gfsp-2024", "4.2.2"],
                "greenledger: error: unknown catalogue edition 'gfsp-2024' (editions: gfsp-2025, gicc-2019, glct-2024); did you mean gfsp-2025, glct-2024?\n"
            ),
            (
                ["taxonomy", "show", "gfsp-2025", "4.2.99"],
                "greenledger: error: no item '4.2.99' in gfsp-2025; did you mean 4.2.9 热泵设施建设和运营, 4.2.8 氢能基础设施建设和运营, 4.2.7 海洋能利用设施建设和运营?\n"
            ),
            (
                ["taxonomy", "show", "gfsp-2025", "4.2.2.1"],
                "greenledger: error: malformed code '4.2.2.1': catalogue codes have at most 3 levels (for example 4.2.2); did you mean 4.2.2?\n"
            ),
            (
                ["taxonomy", "industry", "X4416"],
                "greenledger: error: malformed industry code 'X4416': a GB/T 4754-2017 code is an optional section letter and 2 to 4 digits, such as 4416 or D4416\n"
            ),
            (
                ["taxonomy", "map", "1", "--from", "gfsp-2025", "--to", "glct-2024"],
                "greenledger: error: no crosswalk between gfsp-2025 and glct-2024 (available: gicc-2019 ↔ gfsp-2025)\n"
            ),
        ])
    func badArguments(arguments: [String], stderr: String) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == stderr)
    }

    @Test func incompleteEditionIsFlaggedEverywhere() throws {
        let list = try CLIRunner.run(["taxonomy", "list", "glct-2024"])
        #expect(list.stdout.hasPrefix("warning: glct-2024 is incomplete"))
        let export = try CLIRunner.run(["taxonomy", "export", "glct-2024", "--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        #expect((document["warnings"] as? [String])?.count == 1)
        let csv = try CLIRunner.run(["taxonomy", "export", "glct-2024", "--format", "csv"])
        #expect(
            csv.stdout.split(separator: "\r\n").dropFirst().allSatisfy { $0.hasSuffix("cannot be verified") })
    }

    @Test func exportIsCompleteAndDeterministic() throws {
        let first = try CLIRunner.run(["taxonomy", "export", "gfsp-2025", "--format", "json"])
        let second = try CLIRunner.run(["taxonomy", "export", "gfsp-2025", "--format", "json"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect((document["items"] as? [Any])?.count == 318)
        let csv = try CLIRunner.run(["taxonomy", "export", "gicc-2019", "--format", "csv", "--bom"])
        #expect(csv.stdout.hasPrefix("\u{FEFF}edition,code,level,"))
        #expect(csv.stdout.split(separator: "\r\n").count == 1 + 247)
        #expect(csv.stdout.contains("gicc-2019,3.2.2,3,3.2,太阳能利用设施建设和运营,"))
    }

    @Test func everyCommandHasJSONOutput() throws {
        for arguments in [
            ["taxonomy", "editions"], ["taxonomy", "show", "gicc-2019", "3.2.2"],
            ["taxonomy", "list", "gfsp-2025", "--level", "1"],
            ["taxonomy", "search", "光伏"], ["taxonomy", "industry", "4416"],
            ["taxonomy", "map", "3.2.2", "--from", "gicc-2019", "--to", "gfsp-2025"],
        ] {
            let result = try CLIRunner.run(arguments + ["--format", "json"])
            #expect(result.status == 0, "\(arguments)")
            #expect(
                (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) is [String: Any],
                "\(arguments)")
        }
    }

    @Test func editionsAnswersWhichEditionAppliesToALoan() throws {
        let result = try CLIRunner.run(["taxonomy", "editions", "--originated", "2025-11-02"])
        #expect(
            result.stdout.contains(
                "loan originated 2025-11-02: loans originated on or after 2025-10-01 must be classified under gfsp-2025"
            ))
        let bad = try CLIRunner.run(["taxonomy", "editions", "--originated", "2025-02-30"])
        #expect(bad.status == 64)
        #expect(
            bad.stderr
                == "greenledger: error: '2025-02-30' is not a date; write YYYY-MM-DD, e.g. 2025-10-01\n")
    }
}
