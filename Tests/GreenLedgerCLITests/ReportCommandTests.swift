import Foundation
import Testing
import ZIPFoundation

/// `greenledger report` end to end, from a history built by `ingest`.
@Suite(.serialized) struct ReportCommandTests {
    /// A folder and a history of the 2026-Q3 samples, made once; a failure is thrown to each test that uses
    /// them.
    static let setUp = Result { () throws -> (directory: URL, db: String) in
        let directory = try BoundedRunner.temporaryDirectory("report")
        let db = try CLIRunner.ingest(
            ["Samples/2026-Q3"], into: directory.appendingPathComponent("history.sqlite").path)
        return (directory, db)
    }
    static var directory: URL { get throws { try setUp.get().directory } }
    static var db: String { get throws { try setUp.get().db } }

    /// The SVG namespace URI: it names the vocabulary of the inline charts, and nothing is fetched from it.
    static let svgNamespace = "xmlns=\"http://www.w3.org/2000/svg\""

    /// What would keep an HTML report from being one self-contained file: a script, or any http: or https:
    /// reference other than the SVG namespace URI. Empty when there is none.
    static func externalReferences(in html: String) -> [String] {
        var found: [String] = []
        if html.range(of: "<script", options: .caseInsensitive) != nil { found.append("<script") }
        let withoutNamespace = html.replacingOccurrences(of: svgNamespace, with: "")
        for scheme in ["http:", "https:"]
        where withoutNamespace.range(of: scheme, options: .caseInsensitive) != nil {
            found.append(scheme)
        }
        return found
    }

    static func report(_ format: String, _ name: String, _ extra: [String] = []) throws -> URL {
        let out = try directory.appendingPathComponent(name)
        let result = try CLIRunner.run(
            ["report", "--db", try db, "--format", format, "--out", out.path] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == out.path + "\n")
        return out
    }

    @Test func csvRoundTripsTheAggregateToTheFen() throws {
        let folder = try Self.report("csv", "csv")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(
            files == [
                "categories.csv", "districts.csv", "emissions.csv", "filings.csv", "indicators.csv",
                "lenders.csv", "manifest.csv",
            ])
        #expect(!files.contains { $0.hasPrefix(".") })  // no temporary files left
        let bytes = try Data(contentsOf: folder.appendingPathComponent("lenders.csv"))
        #expect(Array(bytes.prefix(4)) == [0xEF, 0xBB, 0xBF, UInt8(ascii: "#")])  // UTF-8 byte-order mark
        let lenders = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let rows = lenders.split(separator: "\r\n").dropFirst().map {
            $0.split(separator: ",").map(String.init)
        }
        let aggregate = try CLIRunner.run(["aggregate", "--format", "json", "--db", try Self.db])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(aggregate.stdout.utf8)) as? [String: Any])
        let league = try #require(document["lenders"] as? [[String: Any]])
        #expect(rows.count == league.count)
        for (row, lender) in zip(rows, league) {
            #expect(row[2] == lender["uscc"] as? String)
            #expect(row[4] == lender["total"] as? String)
            #expect(row[5] == lender["green"] as? String)
        }
    }

    @Test func jsonRoundTrips() throws {
        let file = try Self.report("json", "report.json", ["--lang", "en"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect((document["title"] as? String)?.hasPrefix("Quarterly green finance report — 2026-Q3") == true)
        let tables = try #require(document["tables"] as? [[String: Any]])
        #expect(
            tables.map { $0["id"] as? String } == [
                "indicators", "districts", "lenders", "categories", "emissions", "filings",
            ])
        let manifest = try #require(document["manifest"] as? [String])
        #expect(manifest.contains { $0.hasPrefix("input Samples/2026-Q3/longgang-village-bank.xml sha256 ") })
    }

    @Test func htmlIsOneSelfContainedFileWithCharts() throws {
        let file = try Self.report("html", "report.html")
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        // No script and no reference to fetch: the only http: in the file is the SVG namespace URI.
        #expect(html.contains(Self.svgNamespace))
        #expect(Self.externalReferences(in: html) == [])
        // The check can fail (the assertion it replaces, `!script && !http && !https || svgNamespace`, held
        // for any file with a chart): the same report with a script or a remote image is caught.
        #expect(html.contains("</body>"))
        let scripted = html.replacingOccurrences(of: "</body>", with: "<SCRIPT>alert(1)</SCRIPT></body>")
        #expect(Self.externalReferences(in: scripted) == ["<script"])
        let remote = html.replacingOccurrences(
            of: "</body>", with: "<img src=\"https://example.com/pixel.png\"></body>")
        #expect(Self.externalReferences(in: remote) == ["https:"])
        let stylesheet = html.replacingOccurrences(
            of: "</body>", with: "<link rel=\"stylesheet\" href=\"http://example.com/x.css\"></body>")
        #expect(Self.externalReferences(in: stylesheet) == ["http:"])
        #expect(html.contains("绿色金融季度报告 Quarterly green finance report"))
        #expect(html.contains("深圳龙岗示例村镇银行股份有限公司"))
    }

    @Test func xlsxHasASheetPerTableWithNumbersStoredAsNumbers() throws {
        let file = try Self.report("xlsx", "report.xlsx")
        let archive = try Archive(url: file, accessMode: .read)
        func part(_ path: String) throws -> String {
            let entry = try #require(archive[path])
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let workbook = try part("xl/workbook.xml")
        for name in ["report", "indicators", "districts", "lenders", "categories", "emissions", "filings"] {
            #expect(workbook.contains("<sheet name=\"\(name)\""))
        }
        // Sheet 4 is the league table: money cells are numbers with the money style, not strings.
        let lenders = try part("xl/worksheets/sheet4.xml")
        let aggregate = try CLIRunner.run(["aggregate", "--format", "json", "--db", try Self.db])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(aggregate.stdout.utf8)) as? [String: Any])
        let first = try #require((document["lenders"] as? [[String: Any]])?.first)
        let total = try #require(first["total"] as? String)
        let uscc = try #require(first["uscc"] as? String)
        #expect(lenders.contains("<c r=\"E2\" s=\"1\"><v>\(total)</v></c>"))
        #expect(
            lenders.contains(
                "<c r=\"C2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(uscc)</t></is></c>"
            ))
        #expect(lenders.contains("<c r=\"G2\" s=\"2\"><v>0."))
        // The same report gives the same bytes.
        let again = try Self.report("xlsx", "again.xlsx")
        #expect(try Data(contentsOf: file) == Data(contentsOf: again))
    }

    @Test func markdownAndErrors() throws {
        let file = try Self.report("md", "report.md", ["--district", "440307", "--lang", "zh"])
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("# 绿色金融季度报告 — 2026-Q3 · 440307 龙岗区"))
        let missing = try CLIRunner.run([
            "report", "--db", try Self.directory.appendingPathComponent("none.sqlite").path, "--out",
            "x.html",
        ])
        #expect(missing.status == 2)
        let db = try Self.db
        #expect(try CLIRunner.run(["report", "--db", db, "--lang", "fr", "--out", "x.html"]).status == 64)
        let unwritable = try CLIRunner.run(["report", "--db", db, "--out", "/nonexistent-dir/r.html"])
        #expect(unwritable.status == 2)
    }
}
