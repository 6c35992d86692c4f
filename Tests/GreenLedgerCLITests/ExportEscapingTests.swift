import Foundation
import GreenReports
import Testing
import ZIPFoundation

/// Hostile names in filings and file names reach every sink escaped for it: CSV and XLSX cells cannot be
/// formulas, Markdown cannot break a table or carry HTML, the terminal cannot be given a new line or an
/// escape sequence.
@Suite(.serialized) struct ExportEscapingTests {
    /// The lender's Chinese name in the hostile filing, as the reader sees it. The XSD refuses a line
    /// break in a name (`.*\S.*`), so the accepted filing that reaches the history carries a tab; the
    /// rejected one that `summary` and `aggregate` still print carries a line break.
    static let hostileName = "=HYPERLINK(\"http://x\") | <script>&\tline2`"
    static let brokenName = "=HYPERLINK(\"http://x\") | <script>&\nline2`"

    /// Samples/valid-base.xml with the lender's Chinese name replaced by `name` (XML-escaped).
    static func filing(named name: String) throws -> Data {
        let base = try String(
            contentsOf: CLIRunner.packageRoot.appendingPathComponent("Samples/valid-base.xml"),
            encoding: .utf8)
        let escaped =
            name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\n", with: "&#10;")
            .replacingOccurrences(of: "\t", with: "&#9;")
        let text = base.replacingOccurrences(
            of: "<Name lang=\"zh\">深圳示例检验小额贷款有限公司</Name>", with: "<Name lang=\"zh\">\(escaped)</Name>")
        #expect(text != base)
        return Data(text.utf8)
    }

    /// The working folder, the two filings and a history holding the hostile one, made once; a failure is
    /// thrown to each test that uses them.
    static let setUp = Result { () throws -> (directory: URL, hostile: URL, broken: URL, db: String) in
        let directory = try BoundedRunner.temporaryDirectory("escaping")
        func write(_ name: String, to folder: String, as file: String) throws -> URL {
            let folder = directory.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let url = folder.appendingPathComponent(file)
            try filing(named: name).write(to: url)
            return url
        }
        let hostile = try write(hostileName, to: "filings", as: "hostile.xml")
        let broken = try write(brokenName, to: "broken", as: "broken.xml")
        let db = try CLIRunner.ingest(
            [hostile.path], into: directory.appendingPathComponent("history.sqlite").path)
        return (directory, hostile, broken, db)
    }
    static var directory: URL { get throws { try setUp.get().directory } }
    static var hostileFile: URL { get throws { try setUp.get().hostile } }
    static var brokenFile: URL { get throws { try setUp.get().broken } }
    static var db: String { get throws { try setUp.get().db } }

    static func report(_ format: String, _ name: String) throws -> URL {
        let out = try directory.appendingPathComponent(name)
        let result = try CLIRunner.run([
            "report", "--db", try db, "--format", format, "--out", out.path, "--lang", "en",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    @Test func ingestPrintsTheNameOnOneLine() throws {
        let db = try Self.directory.appendingPathComponent("ingest.sqlite").path
        let hostileFile = try Self.hostileFile
        let result = try CLIRunner.run(["ingest", "--db", db, hostileFile.path])
        #expect(result.status == 0)
        // One line: the name's tab is escaped; the receipt id (random) ends it.
        let line =
            "stored #1: \(hostileFile.path) "
            + "(=HYPERLINK(\"http://x\") | <script>&\\tline2`, 2026-Q3 revision 1)"
        #expect(result.stdout.hasPrefix(line + "; receipt GLR-"))
        #expect(result.stdout.count == line.count + "; receipt GLR-".count + 24 + 1)
        #expect(result.stdout.filter { $0 == "\n" }.count == 1)
    }

    @Test func reportCSVNeutralisesTextButKeepsNumbers() throws {
        let folder = try Self.report("csv", "csv")
        let bytes = try Data(contentsOf: folder.appendingPathComponent("lenders.csv"))
        let rows = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        // The name: a leading ' and RFC 4180 quoting (it holds quotes); the money as numbers.
        #expect(
            rows[1].hasPrefix(
                "1,\"'=HYPERLINK(\"\"http://x\"\") | <script>&\tline2`\",91440300LXAHTNUH70,microcredit,3139045.25,169596.00,0.0"
            ))
        let filings = String(
            decoding: try Data(contentsOf: folder.appendingPathComponent("filings.csv")).dropFirst(3),
            as: UTF8.self)
        #expect(
            filings.contains(",\"'=HYPERLINK(\"\"http://x\"\") | <script>&\tline2`\",2026-Q3,1,ACCEPT,0,0,"))
    }

    @Test func reportXLSXNeutralisesTextCells() throws {
        let file = try Self.report("xlsx", "report.xlsx")
        let archive = try Archive(url: file, accessMode: .read)
        var sheets = ""
        for entry in archive where entry.path.hasPrefix("xl/worksheets/") {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            sheets += String(decoding: data, as: UTF8.self)
        }
        let cell =
            "<t xml:space=\"preserve\">'=HYPERLINK(&quot;http://x&quot;) | &lt;script&gt;&amp;\tline2`</t>"
        // Lenders, evaluation and filings sheets.
        #expect(sheets.components(separatedBy: cell).count - 1 == 3)
        #expect(!sheets.contains(">=HYPERLINK"))
        #expect(sheets.contains("<v>3139045.25</v>"))  // money is still a number
    }

    @Test func reportMarkdownEscapesTheCell() throws {
        let text = try String(contentsOf: try Self.report("md", "report.md"), encoding: .utf8)
        #expect(
            text.contains(
                "| 1 | =HYPERLINK(\"http://x\") \\| &lt;script&gt;&amp;&#9;line2\\` | 91440300LXAHTNUH70 | microcredit | 3,139,045.25 | 169,596.00 |"
            ))
        #expect(!text.contains("<script>"))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("line2") })
    }

    /// Bidirectional controls are shown as visible text in HTML and XLSX (`\u{202E}`), so they cannot reorder
    /// what a reader sees; the other invisible format characters (Unicode category Cf) are written as
    /// hexadecimal character references; every other character is kept as it is.
    @Test(arguments: [
        ("\u{202E}", #"\u{202E}"#),
        ("invoice\u{202E}fdp.exe", #"invoice\u{202E}fdp.exe"#),
        ("\u{202A}\u{202B}\u{202C}\u{202D}", #"\u{202A}\u{202B}\u{202C}\u{202D}"#),
        ("\u{2066}\u{2067}\u{2068}\u{2069}", #"\u{2066}\u{2067}\u{2068}\u{2069}"#),
        ("\u{200E}\u{200F}\u{061C}", #"\u{200E}\u{200F}\u{61C}"#),
        // Zero-width space, word joiner, byte-order mark, soft hyphen, a tag character.
        ("a\u{200B}b\u{2060}c\u{FEFF}d\u{00AD}e\u{E0041}", "a&#x200B;b&#x2060;c&#xFEFF;d&#xAD;e&#xE0041;"),
        // Markup characters around one: each escaped in its own way.
        ("<\u{202E}&\"", #"&lt;\u{202E}&amp;&quot;"#),
        // A zero-width joiner too; a browser reads the reference back, so the emoji still joins.
        ("👩\u{200D}💻", "👩&#x200D;💻"),
        // Letters, marks, spaces and symbols of any script are kept.
        ("龙岗区 Longgang é\u{0301} ü №", "龙岗区 Longgang é\u{0301} ü №"),
    ])
    func xmlEscapeWritesFormatCharactersAsReferences(text: String, escaped: String) {
        #expect(XMLText.escape(text) == escaped)
    }

    /// A lender named with a right-to-left override: the HTML report shows it as `\u{202E}`, never the raw
    /// character (or a reference to it) that would reorder what the reader sees.
    @Test func reportHTMLWritesBidiControlsAsReferences() throws {
        let folder = try Self.directory.appendingPathComponent("bidi")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let filing = folder.appendingPathComponent("bidi.xml")
        try Self.filing(named: "深圳\u{202E}示例银行").write(to: filing)
        let db = try CLIRunner.ingest(
            [filing.path], into: try Self.directory.appendingPathComponent("bidi.sqlite").path)
        let out = try Self.directory.appendingPathComponent("bidi.html")
        let result = try CLIRunner.run(["report", "--db", db, "--format", "html", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains(#"<td>深圳\u{202E}示例银行</td>"#))
        #expect(!html.unicodeScalars.contains("\u{202E}") && !html.contains("&#x202E;"))
    }

    @Test func summaryTextAndMarkdownEscapeTheName() throws {
        let brokenFile = try Self.brokenFile
        let text = try CLIRunner.run(["summary", brokenFile.path])
        #expect(text.status == 0)
        #expect(
            text.stdout.hasPrefix(
                "绿色金融概要 Green finance summary — =HYPERLINK(\"http://x\") | <script>&\\nline2`\n"))
        let markdown = try CLIRunner.run(["summary", "--format", "md", brokenFile.path])
        #expect(
            markdown.stdout.hasPrefix(
                "# 绿色金融概要 Green finance summary — =HYPERLINK(\"http://x\") \\| &lt;script&gt;&amp;&#10;line2\\`\n\n"
            ))
    }

    @Test func aggregateTextKeepsEachLenderOnOneLine() throws {
        let result = try CLIRunner.run(["aggregate", try Self.brokenFile.deletingLastPathComponent().path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("机构 Lender: =HYPERLINK(\"http://x\") | <script>&\\nline2`; "))
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("line2") })
    }

    /// `validate` in a folder whose files are named like formulas (and one like a plain number).
    @Test func validateCSVNeutralisesFormulaFileNames() throws {
        let folder = try BoundedRunner.temporaryDirectory("formula-names")
        let broken = try Data(
            contentsOf: CLIRunner.packageRoot.appendingPathComponent(
                "Samples/invalid/GL-LOAN-003-district.xml"))
        let names = [
            "plain.xml", "=HYPERLINK(\"x\").xml", "@SUM(1).xml", "+1+1.xml", "-1+1.xml", "\tx.xml", "-12.50",
        ]
        for name in names { try broken.write(to: folder.appendingPathComponent(name)) }
        func rows(_ name: String) throws -> [String] {
            let result = try BoundedRunner.run(["validate", "--format", "csv", "--", name], in: folder)
            #expect(result.status == 1)
            return Array(result.stdout.components(separatedBy: "\r\n").dropFirst().dropLast())
        }
        let plain = try rows("plain.xml")
        #expect(!plain.isEmpty)
        let expected = [
            "=HYPERLINK(\"x\").xml": "\"'=HYPERLINK(\"\"x\"\").xml\"", "@SUM(1).xml": "'@SUM(1).xml",
            "+1+1.xml": "'+1+1.xml", "-1+1.xml": "'-1+1.xml", "\tx.xml": "'\tx.xml", "-12.50": "-12.50",
        ]
        for (name, field) in expected {
            #expect(try rows(name) == plain.map { field + $0.dropFirst("plain.xml".count) })
        }
    }

    /// A file named to look like another file's verdict prints as one line, its line break escaped.
    @Test func validateTextCannotBeGivenAForgedLine() throws {
        let folder = try BoundedRunner.temporaryDirectory("forged")
        let valid = try Data(
            contentsOf: CLIRunner.packageRoot.appendingPathComponent("Samples/valid-base.xml"))
        let broken = try Data(
            contentsOf: CLIRunner.packageRoot.appendingPathComponent(
                "Samples/invalid/GL-LOAN-003-district.xml"))
        try valid.write(to: folder.appendingPathComponent("plain.xml"))
        try valid.write(to: folder.appendingPathComponent("evil\nbank.xml: ACCEPT"))
        try broken.write(to: folder.appendingPathComponent("plain-broken.xml"))
        try broken.write(to: folder.appendingPathComponent("red\u{1B}[31m.xml"))

        let plain = try BoundedRunner.run(["validate", "plain.xml"], in: folder)
        let evil = try BoundedRunner.run(["validate", "evil\nbank.xml: ACCEPT"], in: folder)
        #expect(evil.status == 0)
        #expect(evil.stdout.hasPrefix("evil\\nbank.xml: ACCEPT: ACCEPT ("))
        #expect(evil.stdout == "evil\\nbank.xml: ACCEPT" + plain.stdout.dropFirst("plain.xml".count))
        #expect(!evil.stdout.split(separator: "\n").contains { $0.hasPrefix("bank.xml") })

        let plainBroken = try BoundedRunner.run(["validate", "plain-broken.xml"], in: folder)
        let red = try BoundedRunner.run(["validate", "red\u{1B}[31m.xml"], in: folder)
        #expect(red.status == 1)
        #expect(!red.stdout.contains("\u{1B}"))
        #expect(
            red.stdout
                == plainBroken.stdout.replacingOccurrences(of: "plain-broken.xml", with: "red\\u{1B}[31m.xml")
        )

        let missing = try BoundedRunner.run(["validate", "no\nsuch.xml"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("greenledger: error: no\\nsuch.xml"))
        #expect(missing.stderr.split(separator: "\n").count == 1)
    }
}
