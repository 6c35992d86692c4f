import Foundation
import Testing
import ZIPFoundation

@testable import GreenReports

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
                "benefits.csv", "carbon-effect.csv", "categories.csv", "credit-risk.csv", "districts.csv",
                "emissions.csv", "evaluation.csv", "filings.csv", "indicators.csv", "lenders.csv",
                "manifest.csv", "methodology.csv",
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
                "indicators", "districts", "lenders", "categories", "emissions", "benefits", "carbon-effect",
                "credit-risk", "evaluation", "filings",
            ])
        // Headings say the exact unit; chart bars are named.
        let lenders = try #require(tables.first { $0["id"] as? String == "lenders" })
        #expect(
            lenders["columns"] as? [String] == [
                "#", "Lender", "USCC", "Kind", "Total loans (yuan)", "Green loans (yuan)", "Share",
            ])
        let districts = try #require(document["districts_chart"] as? [[String: Any]])
        #expect(districts.contains { $0["label"] as? String == "Longgang" })
        #expect(districts.allSatisfy { Set($0.keys) == ["label", "value"] })
        let manifest = try #require(document["manifest"] as? [String])
        #expect(manifest.contains { $0.hasPrefix("input Samples/2026-Q3/longgang-village-bank.xml sha256 ") })
    }

    @Test func htmlIsOneSelfContainedFileWithCharts() throws {
        let file = try Self.report("html", "report.html")
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Trend, districts, categories and the lenders' green share (the evaluation, from the history).
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
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

    /// Markdown in 万元 for Chinese (the unit in the heading, grouped numbers in the cells), yuan for English,
    /// 亿元 on request; the Q3 samples' Longgang row is 23,041,765,338.75 元 total and 2,351,971,511.00 元 green.
    @Test func markdownMoneyIsInTheReadersUnitWithTheUnitInTheHeading() throws {
        let zh = try String(contentsOf: try Self.report("md", "zh.md", ["--lang", "zh"]), encoding: .utf8)
        #expect(zh.contains("| 区 | 各项贷款（万元） | 绿色贷款（万元） | 占比 |"))
        // 2,304,176.533875 万元 → .53; 235,197.1511 万元 → .15.
        #expect(zh.contains("| 440307 龙岗区 | 2,304,176.53 | 235,197.15 | 10.21% |"))
        #expect(zh.contains("| # | 机构 | 统一社会信用代码 | 类型 | 各项贷款（万元） | 绿色贷款（万元） | 占比 |"))
        #expect(zh.contains("| 目标 | 分子（万元） | 各项贷款（万元） | 实际 | 目标值 | 截止 | 达标 | 差额（万元） | 依据 |"))
        #expect(zh.contains("- 金额单位：万元（1万元 = 10,000元），由精确到分的合计换算，仅在显示时四舍五入"))
        #expect(!zh.contains("(yuan)"))

        let en = try String(contentsOf: try Self.report("md", "en.md", ["--lang", "en"]), encoding: .utf8)
        #expect(en.contains("| District | Total loans (yuan) | Green loans (yuan) | Share |"))
        #expect(en.contains("| 440307 Longgang | 23,041,765,338.75 | 2,351,971,511.00 | 10.21% |"))
        #expect(en.contains("- Money in yuan, exact to the fen, thousands separated by commas;"))
        #expect(!en.contains("（万元）"))

        // 230.4176533875 亿元 → 230.4177; 23.51971511 亿元 → 23.5197.
        let yi = try String(
            contentsOf: try Self.report("md", "yi.md", ["--lang", "zh", "--money-unit", "yi"]),
            encoding: .utf8)
        #expect(yi.contains("| 区 | 各项贷款（亿元） | 绿色贷款（亿元） | 占比 |"))
        #expect(yi.contains("| 440307 龙岗区 | 230.4177 | 23.5197 | 10.21% |"))
        #expect(yi.contains("保留4位小数"))

        let both = try String(contentsOf: try Self.report("md", "both.md"), encoding: .utf8)
        #expect(
            both.contains(
                "| 区 District | 各项贷款（元） Total loans (yuan) | 绿色贷款（元） Green loans (yuan) | 占比 Share |"))
    }

    /// A missed target's gap in the headline is in the report's unit, the unit word after it. At a 50 % floor:
    /// 0.5 × 94,762,468,360.75 − 9,336,811,828.00 = 38,044,422,352.375, rounded up to the fen
    /// 38,044,422,352.38 元 = 3,804,442.235238 万元 → 3,804,442.24.
    @Test func headlineGapIsInTheReadersUnit() throws {
        let url = try Self.directory.appendingPathComponent("half.tsv")
        try """
        id	indicator	indicator_zh	indicator_en	direction	value	baseline	baseline_year	target_date	confidence	source	note
        half-green	green	绿色贷款	Green loans	floor	50%			2030-12-31	U	example	

        """.write(to: url, atomically: true, encoding: .utf8)
        let zh = try String(
            contentsOf: try Self.report("md", "gap-zh.md", ["--lang", "zh", "--targets", url.path]),
            encoding: .utf8)
        #expect(zh.contains(" · 未达标，差额 3,804,442.24 万元\n"))
        let en = try String(
            contentsOf: try Self.report("md", "gap-en.md", ["--lang", "en", "--targets", url.path]),
            encoding: .utf8)
        #expect(en.contains(" · not met, gap 38,044,422,352.38 yuan\n"))
        let json = try String(
            contentsOf: try Self.report("json", "gap.json", ["--lang", "zh", "--targets", url.path]),
            encoding: .utf8)
        #expect(json.contains("未达标，差额 38044422352.38 元"))
    }

    /// CSV and JSON keep exact yuan without separators whatever the unit of the readable formats, and say so.
    @Test func csvAndJSONStayExactYuan() throws {
        let folder = try Self.report("csv", "csv-zh", ["--lang", "zh", "--money-unit", "wan"])
        let districts = String(
            decoding: try Data(contentsOf: folder.appendingPathComponent("districts.csv")).dropFirst(3),
            as: UTF8.self)
        #expect(districts.hasPrefix("区,各项贷款（元）,绿色贷款（元）,占比\r\n"))
        #expect(districts.contains("\r\n440307 龙岗区,23041765338.75,2351971511.00,0.1020"))
        let json = try String(
            contentsOf: try Self.report("json", "zh.json", ["--lang", "zh"]), encoding: .utf8)
        #expect(json.contains("\"各项贷款（元）\""))
        #expect(json.contains("\"23041765338.75\""))
        #expect(!json.contains("（万元）"))
        #expect(!json.contains("2,304,176.53"))
        #expect(json.contains("金额单位：元，精确到分，不含千位分隔符。"))
    }

    /// The charts' bars are labelled with district and category names in the report's language, not codes;
    /// a category's label starts with its edition's year and its code; the code and the whole name are in the
    /// tooltip.
    @Test func chartsAreLabelledWithNames() throws {
        let zh = try String(
            contentsOf: try Self.report("html", "zh.html", ["--lang", "zh"]), encoding: .utf8)
        #expect(zh.contains("<title>440307 龙岗区</title><tspan"))
        #expect(zh.contains(">龙岗区</tspan></text>"))
        #expect(zh.contains("<title>gfsp-2025 4 能源绿色低碳转型</title><tspan"))
        // "2025·4 能源绿色低碳转型" is 4 × 0.58 + 0.58 + 0.58 + 0.3 + 8 × 1 = 11.78 ems; a 60-px slot at 9 px
        // holds 60 × 0.95 ÷ 9 = 6.33 a line: "2025·4 能源" (5.78) and "绿色低碳转型" (6).
        #expect(zh.contains(">2025·4 能源</tspan><tspan"))
        #expect(zh.contains(">绿色低碳转型</tspan></text>"))
        // The two editions' infrastructure categories, both named 基础设施绿色升级, are told apart.
        #expect(zh.contains(">2025·6 基础</tspan><tspan"))
        #expect(zh.contains(">2019·5 基础</tspan><tspan"))
        #expect(!zh.contains(">440307</text>"))
        #expect(!zh.contains("gfsp 4"))
        // The category bars' tooltip has the exact amount in the report's unit: 2,659,479,472.25 元 = 265,947.95 万元.
        #expect(zh.contains("<title>gfsp-2025 4 能源绿色低碳转型: 265,947.95 万元</title></rect>"))
        let en = try String(
            contentsOf: try Self.report("html", "en.html", ["--lang", "en"]), encoding: .utf8)
        #expect(en.contains(">Longgang</tspan></text>"))
        #expect(en.contains("<title>gfsp-2025 4 Green low-carbon energy transition</title><tspan"))
        #expect(en.contains("<th>Green loans (yuan)</th>"))
    }

    /// The category chart's caption names the unit of its amounts, as the money columns' headings do.
    @Test func categoryChartCaptionNamesTheMoneyUnit() throws {
        let zh = try String(
            contentsOf: try Self.report("html", "zh.html", ["--lang", "zh"]), encoding: .utf8)
        #expect(zh.contains("<figcaption>绿色分类（万元）</figcaption>"))
        #expect(!zh.contains("绿色分类（元）"))
        let en = try String(
            contentsOf: try Self.report("html", "en.html", ["--lang", "en"]), encoding: .utf8)
        #expect(en.contains("<figcaption>Green loans by category (yuan)</figcaption>"))
        let yi = try String(
            contentsOf: try Self.report("html", "yi.html", ["--lang", "both", "--money-unit", "yi"]),
            encoding: .utf8)
        #expect(yi.contains("<figcaption>绿色分类（亿元） Green loans by category (100 million yuan)</figcaption>"))
    }

    /// An edition's tag is its year when no other edition has that year, its whole id otherwise.
    @Test func editionTagsAreShortAndDistinct() {
        #expect(QuarterlyReport.editionTag("gfsp-2025") == "2025")
        #expect(QuarterlyReport.editionTag("gicc-2019") == "2019")
        #expect(QuarterlyReport.editionTag("glct-2024") == "2024")
        // Not an edition of the catalogue, but its year is gfsp-2025's: the whole id.
        #expect(QuarterlyReport.editionTag("draft-2025") == "draft-2025")
        // No year to take.
        #expect(QuarterlyReport.editionTag("custom") == "custom")
        #expect(QuarterlyReport.editionTag("-2030") == "-2030")
        #expect(QuarterlyReport.editionTag("x-20٣0") == "x-20٣0")
        #expect(QuarterlyReport.editionTag("new-2031") == "2031")
    }

    /// Labels are broken at spaces, hyphens and between Chinese characters, cut with an ellipsis past the
    /// last line, and escaped.
    @Test func chartLabelsFitTheirSlot() {
        #expect(ChartLabel.lines("龙岗区", width: 6, maxLines: 2) == ["龙岗区"])
        #expect(ChartLabel.lines("能源绿色低碳转型", width: 6, maxLines: 2) == ["能源绿色低碳", "转型"])
        #expect(ChartLabel.lines("基础设施绿色升级与改造工程", width: 6, maxLines: 2) == ["基础设施绿色", "升级与改造…"])
        #expect(
            ChartLabel.lines("Green low-carbon energy transition", width: 6.33, maxLines: 2) == [
                "Green low-", "carbon en…",
            ])
        for line in ChartLabel.lines("Energy-saving and carbon-reduction industry", width: 6.33, maxLines: 2)
        {
            #expect(ChartLabel.ems(line) <= 6.33)
        }
        #expect(ChartLabel.lines("x", width: 0.1, maxLines: 2) == ["x"])  // a line holds at least a character
        let label = ReportHTML.barLabel("<b>&\"区", detail: "a &amp; b", centre: 10, slot: 60)
        #expect(label.contains("<title>a &amp; b</title>"))
        #expect(label.contains(">&lt;b&gt;&amp;&quot;区</tspan>"))
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
        #expect(
            try CLIRunner.run(["report", "--db", db, "--money-unit", "euro", "--out", "x.html"]).status == 64)
        let unwritable = try CLIRunner.run(["report", "--db", db, "--out", "/nonexistent-dir/r.html"])
        #expect(unwritable.status == 2)
    }
}
