import Foundation
import Synchronization
import Testing

/// Several `greenledger` processes on one PostgreSQL database at once, as a city's offices and a filing
/// service of more than one process use it. Needs `GREENLEDGER_TEST_POSTGRES` (see `scripts/with-postgres`);
/// skipped with a note without it, a failure under CI.
@Suite struct PostgresProcessTests {
    /// A new database on the test server, as a `postgres://` URL, or nil when PostgreSQL is not configured.
    static func newDatabase() throws -> String? {
        guard let base = ProcessInfo.processInfo.environment["GREENLEDGER_TEST_POSTGRES"], !base.isEmpty
        else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("GREENLEDGER_TEST_POSTGRES is not set: CI must run the PostgreSQL tests")
            } else {
                print("note: GREENLEDGER_TEST_POSTGRES is not set; the PostgreSQL process tests are skipped")
            }
            return nil
        }
        let name = "gl_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        psql.arguments = ["psql", "-q", base, "-c", "CREATE DATABASE \(name)"]
        try psql.run()
        psql.waitUntilExit()
        guard psql.terminationStatus == 0, let slash = base.range(of: "/", options: .backwards) else {
            throw CLIRunner.SetUpError(
                description: "psql could not create a test database (GREENLEDGER_TEST_POSTGRES)")
        }
        let query = base.range(of: "?").map { String(base[$0.lowerBound...]) } ?? ""
        return String(base[..<slash.upperBound]) + name + query
    }

    /// Runs each argument list as its own process, all started together; the results in order.
    static func together(_ runs: [[String]], in directory: URL) -> [CLIRunner.Result?] {
        let results = Mutex([Int: CLIRunner.Result]())
        let done = DispatchGroup()
        for (index, arguments) in runs.enumerated() {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                if let result = try? BoundedRunner.run(arguments, in: directory, timeout: 120) {
                    results.withLock { $0[index] = result }
                }
            }
        }
        _ = done.wait(timeout: .now() + 180)
        return runs.indices.map { index in results.withLock { $0[index] } }
    }

    @Test func twoIngestProcessesStoreEachFilingOnce() throws {
        guard let db = try Self.newDatabase() else { return }
        let directory = try BoundedRunner.temporaryDirectory("pg-ingest")
        let inputs = [
            Samples.root.appendingPathComponent("2026-Q2").path,
            Samples.root.appendingPathComponent("2026-Q3").path,
        ]
        let results = Self.together(
            [0, 1].map {
                ["ingest", "--db", db, "--archive", directory.appendingPathComponent("a\($0)").path] + inputs
            },
            in: directory)
        let lines = results.compactMap { $0 }.flatMap { $0.stdout.split(separator: "\n") }
        #expect(results.allSatisfy { $0?.status == 0 }, "\(results.map { $0?.stderr ?? "no result" })")
        let filings = Samples.q2.count + Samples.q3.count
        #expect(lines.filter { $0.hasPrefix("stored #") }.count == filings)
        #expect(lines.filter { $0.hasPrefix("already stored #") }.count == filings)
        // The history holds each once: the quarter's roll-up lists its 8 filings, the trend both quarters.
        let rolled = try BoundedRunner.run(["aggregate", "--db", db, "--format", "json"], in: directory)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(rolled.stdout.utf8)) as? [String: Any])
        #expect((json["filings"] as? [Any])?.count == Samples.q3.count)
        #expect(
            (json["history"] as? [[String: Any]])?.compactMap { $0["period"] as? String } == [
                "2026-Q2", "2026-Q3",
            ])
    }

    @Test func twoServersOnOneDatabaseTakeTheSameUploadsAtOnce() throws {
        guard let db = try Self.newDatabase() else { return }
        let store = try ServiceStore("pg-serve", db: db)
        var lenders: [String: ServiceStore.Account] = [:]
        for name in Samples.q3 {
            let uscc = try Samples.uscc(name)
            lenders[uscc] = try lenders[uscc] ?? store.add("lender", uscc: uscc, name: name)
        }
        let city = try store.add("city")
        let servers = try (0..<2).map { index in
            try store.serve(["--archive", store.directory.appendingPathComponent("archive-\(index)").path])
        }
        defer { for server in servers { #expect(server.stop() == 0) } }
        // Every 2026-Q3 sample to both servers at once: 16 uploads.
        var uploads: [(Data, String)] = []
        var ports: [Int] = []
        for name in Samples.q3 {
            let token = try #require(lenders[try Samples.uscc(name)]).token
            for server in servers {
                uploads.append((try Samples.data(name), token))
                ports.append(server.port)
            }
        }
        let replies = Mutex([Int: HTTPReply]())
        let done = DispatchGroup()
        let targets = ports
        for (index, (data, token)) in uploads.enumerated() {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                if let reply = try? HTTP.file(data, port: targets[index], token: token) {
                    replies.withLock { $0[index] = reply }
                }
            }
        }
        #expect(done.wait(timeout: .now() + 120) == .success)
        let statuses = uploads.indices.map { index in replies.withLock { $0[index]?.status } }
        // Per filing: one server stored it (201), the other answered with the same receipt (200 duplicate).
        for pair in stride(from: 0, to: statuses.count, by: 2) {
            #expect(Set([statuses[pair], statuses[pair + 1]]) == [201, 200], "\(Samples.q3[pair / 2])")
            let receipts = [pair, pair + 1].compactMap { index in
                replies.withLock { $0[index]?.object["receipt"] as? String }
            }
            #expect(receipts.count == 2 && receipts[0] == receipts[1])
        }
        let listed = try HTTP.get("/v1/filings", port: servers[1].port, token: city.token)
        #expect(listed.list("filings").count == Samples.q3.count)
    }
}
