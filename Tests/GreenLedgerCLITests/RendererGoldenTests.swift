import Foundation
import Testing

/// The text renderers' output on the shipped samples, byte for byte against files in `Golden/`: `summary`
/// (text, Markdown) of one filing, `aggregate` (text, Markdown) of the 2026-Q3 folder, and the quarterly
/// report (Markdown, HTML, the CSV directory) from a history of 2026-Q2 and 2026-Q3. JSON and XLSX have tests
/// of their own and are not kept here.
///
/// Two things in a report change from run to run and are normalised before the comparison (and in the
/// golden files): the path of the temporary history, which becomes `{history}`, and the tool's version in
/// the manifest (`greenledger 0.1.0`), which becomes `greenledger {version}`. Nothing else is touched.
///
/// After an intended change of output, regenerate the files and review the diff:
///
///     GREENLEDGER_UPDATE_GOLDEN=1 swift test --filter RendererGoldenTests
///     git diff Tests/GreenLedgerCLITests/Golden
///
/// With `GREENLEDGER_UPDATE_GOLDEN=1` the tests write the golden files instead of comparing.
@Suite(.serialized) struct RendererGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")
    static let updating = ProcessInfo.processInfo.environment["GREENLEDGER_UPDATE_GOLDEN"] == "1"

    /// A history of the 2026-Q2 and 2026-Q3 samples and a folder for reports, made once; a failure is
    /// thrown to each test that uses them.
    static let setUp = Result { () throws -> (directory: URL, db: String, version: String) in
        let directory = try BoundedRunner.temporaryDirectory("golden")
        let db = try CLIRunner.ingest(
            ["Samples/2026-Q2", "Samples/2026-Q3"],
            into: directory.appendingPathComponent("history.sqlite").path)
        let version = try CLIRunner.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !version.isEmpty else {
            throw CLIRunner.SetUpError(description: "greenledger --version printed nothing")
        }
        return (directory, db, version)
    }

    /// `bytes` with the run-dependent parts of a report replaced (see the suite's comment).
    static func normalised(_ bytes: Data) throws -> Data {
        let (_, db, version) = try setUp.get()
        let text = String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: db, with: "{history}")
            .replacingOccurrences(of: "greenledger \(version)", with: "greenledger {version}")
        return Data(text.utf8)
    }

    /// The first line where `actual` and `expected` differ, for the failure message.
    /// Lines are split at LF bytes, so a CR of a CRLF stays visible at the end of its line.
    static func firstDifference(_ actual: Data, _ expected: Data) -> String {
        let actualLines = actual.split(separator: 0x0A, omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: 0x0A, omittingEmptySubsequences: false)
        for index in 0..<max(actualLines.count, expectedLines.count) {
            let got =
                index < actualLines.count ? String(decoding: actualLines[index], as: UTF8.self) : "<end>"
            let want =
                index < expectedLines.count ? String(decoding: expectedLines[index], as: UTF8.self) : "<end>"
            if got != want {
                return "line \(index + 1):\n  got:  \(got.debugDescription)\n  want: \(want.debugDescription)"
            }
        }
        return "the bytes differ"
    }

    /// Compares `output` (normalised) with `Golden/<name>` byte for byte, or writes it there when updating.
    static func check(_ output: Data, against name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let actual = try normalised(output)
        let file = golden.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: file)
            return
        }
        let expected = try Data(contentsOf: file)
        #expect(
            actual == expected,
            "\(name) differs from its golden file (GREENLEDGER_UPDATE_GOLDEN=1 rewrites it); \(firstDifference(actual, expected))",
            sourceLocation: sourceLocation)
    }

    /// Runs `arguments` and checks that they succeed; returns standard output.
    static func stdout(_ arguments: [String]) throws -> Data {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(result.stderr == "")
        return Data(result.stdout.utf8)
    }

    /// Writes the report in `format` to a new path and returns it.
    static func report(_ format: String, to name: String) throws -> URL {
        let (directory, db, _) = try setUp.get()
        let out = directory.appendingPathComponent(name)
        let result = try CLIRunner.run(["report", "--db", db, "--format", format, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    @Test(arguments: [("text", "summary-longgang.txt"), ("md", "summary-longgang.md")])
    func summary(format: String, golden: String) throws {
        try Self.check(
            Self.stdout(["summary", "--format", format, "Samples/2026-Q3/longgang-village-bank.xml"]),
            against: golden)
    }

    @Test(arguments: [("text", "aggregate-2026-Q3.txt"), ("md", "aggregate-2026-Q3.md")])
    func aggregate(format: String, golden: String) throws {
        try Self.check(Self.stdout(["aggregate", "--format", format, "Samples/2026-Q3"]), against: golden)
    }

    @Test(arguments: [("md", "report-2026-Q3.md"), ("html", "report-2026-Q3.html")])
    func report(format: String, golden: String) throws {
        let file = try Self.report(format, to: golden)
        try Self.check(Data(contentsOf: file), against: golden)
    }

    @Test func reportCSV() throws {
        let folder = try Self.report("csv", to: "csv")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        if !Self.updating {
            let expected = try FileManager.default.contentsOfDirectory(
                atPath: Self.golden.appendingPathComponent("report-2026-Q3-csv").path
            ).sorted()
            #expect(names == expected)
        }
        for name in names {
            try Self.check(
                Data(contentsOf: folder.appendingPathComponent(name)), against: "report-2026-Q3-csv/\(name)")
        }
    }

    /// The comparison is not vacuous: one changed byte, or a missing final newline, is a difference.
    @Test func aChangedByteIsADifference() throws {
        let expected = Data("a\r\nb\n".utf8)
        #expect(Data("a\r\nb\n".utf8) == expected)
        #expect(Data("a\nb\n".utf8) != expected)
        #expect(Data("a\r\nb".utf8) != expected)
        #expect(
            Self.firstDifference(Data("a\r\nc\n".utf8), expected) == "line 2:\n  got:  \"c\"\n  want: \"b\"")
        // Normalising replaces only the history's path and the version.
        let (_, db, version) = try Self.setUp.get()
        let line = "Source: \(db) (database revision 15); greenledger \(version); greenledger 9.9.9"
        #expect(
            String(decoding: try Self.normalised(Data(line.utf8)), as: UTF8.self)
                == "Source: {history} (database revision 15); greenledger {version}; greenledger 9.9.9")
    }
}
