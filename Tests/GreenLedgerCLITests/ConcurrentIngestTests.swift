import Foundation
import Testing

/// `greenledger ingest` end to end: concurrent writers, history paths that keep nothing or are not files,
/// a history from a newer build, an empty directory.
@Suite struct ConcurrentIngestTests {
    static let q2 = "Samples/2026-Q2"
    static let q3 = "Samples/2026-Q3"

    static func xmlCount(_ directory: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(
            atPath: CLIRunner.packageRoot.appendingPathComponent(directory).path
        ).filter { $0.hasSuffix(".xml") }.count
    }

    static func lines(_ text: String, prefix: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix(prefix) }
    }

    /// Two processes with different sets at once: both exit 0 and every filing is in the history.
    @Test(arguments: 0..<3)
    func twoIngestsOfDifferentFilesLoseNothing(round: Int) throws {
        let directory = try BoundedRunner.temporaryDirectory("concurrent-\(round)")
        let db = directory.appendingPathComponent("history.sqlite").path
        let results = BoundedRunner.runTogether([
            ["ingest", "--db", db, Self.q2], ["ingest", "--db", db, Self.q3],
        ])
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr == "")
        }
        let expected = try Self.xmlCount(Self.q2) + Self.xmlCount(Self.q3)
        #expect(results.map { Self.lines($0.stdout, prefix: "stored #").count }.reduce(0, +) == expected)
        // Everything is there: a third ingest of both sets finds every filing already stored.
        let again = try CLIRunner.run(["ingest", "--db", db, Self.q2, Self.q3])
        #expect(again.status == 0)
        #expect(Self.lines(again.stdout, prefix: "already stored #").count == expected)
        #expect(Self.lines(again.stdout, prefix: "stored #").isEmpty)
    }

    /// Two processes with the same files at once: both exit 0, each filing is stored exactly once.
    @Test(arguments: 0..<3)
    func twoIngestsOfTheSameFilesStoreEachOnce(round: Int) throws {
        let directory = try BoundedRunner.temporaryDirectory("same-\(round)")
        let db = directory.appendingPathComponent("history.sqlite").path
        let results = BoundedRunner.runTogether([
            ["ingest", "--db", db, Self.q3], ["ingest", "--db", db, Self.q3],
        ])
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr == "")
        }
        let count = try Self.xmlCount(Self.q3)
        let stored = results.flatMap { Self.lines($0.stdout, prefix: "stored #") }
        let already = results.flatMap { Self.lines($0.stdout, prefix: "already stored #") }
        #expect(stored.count == count)
        #expect(already.count == count)
        // Ids 1…count, each once.
        let ids = stored.compactMap { Int($0.dropFirst("stored #".count).prefix { $0 != ":" }) }
        #expect(ids.sorted() == Array(1...count))
    }

    @Test(arguments: [
        (
            ["ingest", "--db", "", q3],
            "--db is empty; give the path of the history file, e.g. --db greenledger.sqlite"
        ),
        (
            ["ingest", "--db", ":memory:", q3],
            "--db :memory: would keep nothing (an in-memory database); give the path of a file"
        ),
        (
            ["ingest", "--db", "file:h?mode=memory", q3],
            "--db file:h?mode=memory: URI forms (file:…) are not accepted; give a plain path "
                + "(./file:h?mode=memory for a file named so)"
        ),
        (
            ["aggregate", "--db", ":memory:"],
            "--db :memory: would keep nothing (an in-memory database); give the path of a file"
        ),
        (
            ["aggregate", "--db", "file::memory:?cache=shared"],
            "--db file::memory:?cache=shared: URI forms (file:…) are not accepted; give a plain path "
                + "(./file::memory:?cache=shared for a file named so)"
        ),
        (
            ["report", "--db", "", "--out", "never.html"],
            "--db is empty; give the path of the history file, e.g. --db greenledger.sqlite"
        ),
        (
            ["report", "--db", ":memory:", "--out", "never.html"],
            "--db :memory: would keep nothing (an in-memory database); give the path of a file"
        ),
    ])
    func aHistoryThatKeepsNothingIsAUsageError(arguments: [String], message: String) throws {
        let directory = try BoundedRunner.temporaryDirectory("usage")
        let result = try BoundedRunner.run(arguments, in: directory)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: \(message)\n"))
        #expect(result.stdout == "")
        // Nothing was created, not even a file named like the URI.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    @Test(arguments: ["ingest", "aggregate", "report"])
    func aHistoryThatIsADirectoryOrAFIFOCannotBeUsed(command: String) throws {
        let directory = try BoundedRunner.temporaryDirectory("special")
        let fifo = directory.appendingPathComponent("fifo.sqlite").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, kind) in [(directory.path, "a directory"), (fifo, "a FIFO (named pipe)")] {
            let arguments =
                switch command {
                case "ingest": ["ingest", "--db", path, Self.q3]
                case "aggregate": ["aggregate", "--db", path]
                default: ["report", "--db", path, "--out", directory.appendingPathComponent("r.html").path]
                }
            let result = try BoundedRunner.run(arguments, timeout: 30)
            #expect(result.status == 2)
            #expect(result.stderr == "greenledger: error: \(path): is \(kind), not a filing history file\n")
            #expect(result.stdout == "")
        }
    }

    /// A history whose header says it was written by a newer schema is refused by every command.
    @Test func aHistoryFromANewerBuildIsRefused() throws {
        let directory = try BoundedRunner.temporaryDirectory("newer")
        let db = directory.appendingPathComponent("history.sqlite").path
        #expect(try CLIRunner.run(["ingest", "--db", db, Self.q3]).status == 0)
        // SQLite's user_version is the big-endian 32-bit number at offset 60 of the file header.
        let handle = try #require(FileHandle(forUpdatingAtPath: db))
        try handle.seek(toOffset: 60)
        try handle.write(contentsOf: Data([0, 0, 0, 7]))
        try handle.close()
        let message =
            "greenledger: error: \(db): written by a newer GreenLedger (schema version 7); this build knows "
            + "schema version 3; refusing to use it — upgrade greenledger\n"
        for arguments in [
            ["ingest", "--db", db, Self.q2], ["aggregate", "--db", db],
            ["report", "--db", db, "--out", directory.appendingPathComponent("r.html").path],
        ] {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 2)
            #expect(result.stderr == message)
            #expect(result.stdout == "")
        }
    }

    @Test func anEmptyDirectoryIsAnError() throws {
        let directory = try BoundedRunner.temporaryDirectory("empty")
        let inbox = directory.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data("not a filing".utf8).write(to: inbox.appendingPathComponent("notes.txt"))
        let db = directory.appendingPathComponent("history.sqlite").path
        let result = try CLIRunner.run(["ingest", "--db", db, inbox.path])
        #expect(result.status == 2)
        #expect(result.stderr == "greenledger: error: no filings (*.xml) in \(inbox.path)\n")
        #expect(result.stdout == "")
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}
