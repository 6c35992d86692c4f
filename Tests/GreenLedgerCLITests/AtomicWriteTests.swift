import Foundation
import Testing

/// `greenledger report --out`: written through a unique temporary and a rename; symbolic links, FIFOs and
/// other non-regular targets refused; the CSV directory replaced whole or not at all.
@Suite struct AtomicWriteTests {
    /// A history of the 2026-Q3 samples, made once; a failure is thrown to each test that uses it.
    static let history = Result {
        try CLIRunner.ingest(
            ["Samples/2026-Q3"],
            into: BoundedRunner.temporaryDirectory("atomic").appendingPathComponent("history.sqlite").path)
    }
    static var db: String { get throws { try history.get() } }

    static func report(_ format: String, _ out: String, _ extra: [String] = []) throws -> CLIRunner.Result {
        try BoundedRunner.run(
            ["report", "--db", try db, "--format", format, "--out", out] + extra, timeout: 60)
    }

    static func entries(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    @Test func aSymbolicLinkAtTheTargetIsRefusedAndNotFollowed() throws {
        let folder = try BoundedRunner.temporaryDirectory("link")
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("keep me\n".utf8).write(to: victim)
        let out = folder.appendingPathComponent("report.md").path
        try FileManager.default.createSymbolicLink(atPath: out, withDestinationPath: victim.path)
        let result = try Self.report("md", out)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "greenledger: error: \(out): is a symbolic link; refusing to write the report there\n")
        #expect(result.stdout == "")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out) == victim.path)
        #expect(try Self.entries(folder) == ["report.md", "victim.txt"])  // no temporary left behind
    }

    @Test(arguments: ["md", "csv"])
    func aFIFOAtTheTargetIsRefused(format: String) throws {
        let folder = try BoundedRunner.temporaryDirectory("fifo")
        let out = folder.appendingPathComponent("report").path
        #expect(mkfifo(out, 0o600) == 0)
        let result = try Self.report(format, out)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "greenledger: error: \(out): is a FIFO (named pipe); refusing to write the report there\n")
        var status = stat()
        #expect(lstat(out, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)  // still the FIFO
        #expect(try Self.entries(folder) == ["report"])
    }

    @Test func aDirectoryIsNotAFileTarget() throws {
        let folder = try BoundedRunner.temporaryDirectory("dir")
        let result = try Self.report("html", folder.path)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "greenledger: error: \(folder.path): is a directory; refusing to write the report there\n")
    }

    /// The old writer used `.NAME.PID.tmp` and followed a link planted there. `exec` keeps the shell's PID,
    /// so the link below sits exactly at that name; the writer must neither follow nor remove it.
    @Test func aLinkPlantedAtThePredictableTemporaryNameRedirectsNothing() throws {
        let folder = try BoundedRunner.temporaryDirectory("planted")
        let victim = folder.appendingPathComponent("victim.txt")
        try Data("keep me\n".utf8).write(to: victim)
        let stale = folder.appendingPathComponent(".report.md.tmp")
        try Data("stale\n".utf8).write(to: stale)
        let out = folder.appendingPathComponent("report.md").path
        let script = """
            ln -s "$1" "$2/.report.md.$$.tmp" && exec "$3" report --db "$4" --format md --out "$5"
            """
        let result = try BoundedRunner.run(
            ["-c", script, "sh", victim.path, folder.path, CLIRunner.binary.path, try Self.db, out],
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == out + "\n")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me\n")
        #expect(try String(contentsOf: stale, encoding: .utf8) == "stale\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("# 绿色金融季度报告"))
        var status = stat()
        #expect(lstat(out, &status) == 0 && status.st_mode & S_IFMT == S_IFREG)
        let names = try Self.entries(folder)
        #expect(names.count == 4)  // victim, the stale file, the planted link, the report
        #expect(names.filter { $0.hasPrefix(".report.md.") && $0 != ".report.md.tmp" }.count == 1)
    }

    /// An existing CSV set is replaced whole; when it cannot be (here: it holds a directory that is not
    /// part of a report), every old file stays as it was and nothing is left beside it.
    @Test func theCSVDirectoryIsReplacedWholeOrNotAtAll() throws {
        let folder = try BoundedRunner.temporaryDirectory("csvset")
        let out = folder.appendingPathComponent("csv")
        #expect(try Self.report("csv", out.path, ["--lang", "en"]).status == 0)
        let names = try Self.entries(out)
        #expect(names.count == 12)
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            for name in names { files[name] = try Data(contentsOf: out.appendingPathComponent(name)) }
            return files
        }
        let english = try snapshot()

        // Replaced whole by a successful run: every file in the other language, nothing left over.
        let zh = try Self.report("csv", out.path, ["--lang", "zh"])
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(try Self.entries(out) == names)
        #expect(try Self.entries(folder) == ["csv"])
        let chinese = try snapshot()
        #expect(chinese["lenders.csv"] != english["lenders.csv"])

        // A failing run leaves the previous set intact.
        let intruder = out.appendingPathComponent("zzz-notes")
        try FileManager.default.createDirectory(at: intruder, withIntermediateDirectories: true)
        let failed = try Self.report("csv", out.path, ["--lang", "en"])
        #expect(failed.status == 2)
        #expect(
            failed.stderr
                == "greenledger: error: \(out.path): the directory holds 'zzz-notes', which is not part of a report; "
                + "refusing to replace it — give a new or empty directory\n")
        try FileManager.default.removeItem(at: intruder)
        #expect(try snapshot() == chinese)
        #expect(try Self.entries(folder) == ["csv"])
    }

    /// The old writer wrote file by file into the existing directory and stopped at the first it could not
    /// replace, leaving a mix of old and new tables.
    @Test func aSetThatCannotBeReplacedIsNotHalfWritten() throws {
        let folder = try BoundedRunner.temporaryDirectory("half")
        let out = folder.appendingPathComponent("csv")
        #expect(try Self.report("csv", out.path, ["--lang", "en"]).status == 0)
        let names = try Self.entries(out)
        let before = try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        // A non-empty directory where lenders.csv was: no rename can replace it.
        try FileManager.default.removeItem(at: out.appendingPathComponent("lenders.csv"))
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("lenders.csv/keep"), withIntermediateDirectories: true)
        let failed = try Self.report("csv", out.path, ["--lang", "zh"])
        #expect(failed.status == 2)
        let after = try Self.entries(out).filter { $0 != "lenders.csv" }.map {
            try Data(contentsOf: out.appendingPathComponent($0))
        }
        // lenders.csv is the 10th of the 12 files in name order.
        let index = try #require(names.firstIndex(of: "lenders.csv"))
        #expect(index == 9)
        #expect(after == before.enumerated().filter { $0.offset != index }.map(\.element))
    }
}
