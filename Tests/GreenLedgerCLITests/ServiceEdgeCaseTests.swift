import Foundation
import Testing

/// Corners of filing-service-v1: races between uploads of the same lender and revision, an upload the
/// client abandons, SIGINT, a lender's receipt for a file that names no lender, an annual period, empty and
/// oversized bodies on the other upload paths.
@Suite struct ServiceEdgeCaseTests {
    static let r1 = "2026-Q3/pingshan-village-bank-r1.xml"

    /// Six uploads of r1 and three of r1 with one more byte (same lender, period and revision) at once:
    /// exactly one is stored (201); the others of the same bytes get 200 with its receipt, the other bytes 409.
    @Test func racingUploadsOfOneRevision() throws {
        let store = try ServiceStore("race")
        let lender = try store.lender(for: Self.r1)
        let city = try store.add("city")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        let r1 = try Samples.data(Self.r1)
        var edited = r1
        edited.append(Data("\n".utf8))
        let bodies = Array(repeating: r1, count: 6) + Array(repeating: edited, count: 3)
        let replies = ServiceConcurrencyTests.uploadTogether(
            bodies.map { ($0, lender.token) }, port: server.port)
        #expect(replies.count == bodies.count)
        let stored = replies.filter { $0.value.status == 201 }
        #expect(stored.count == 1, "\(replies.values.map(\.status))")
        guard let first = stored.first else { return }
        let (winnerIndex, winner) = (first.key, first.value)
        let winning = bodies[winnerIndex]
        for (index, reply) in replies where index != winnerIndex {
            if bodies[index] == winning {
                #expect(reply.status == 200, "\(reply.text)")
                #expect(reply["status"] == "duplicate")
                #expect(reply["receipt"] == winner["receipt"])
            } else {
                #expect(reply.status == 409, "\(reply.status) \(reply.text)")
            }
        }
        let list = try HTTP.get("/v1/filings", port: server.port, token: city.token).list("filings")
        #expect(list.compactMap { $0["receipt"] as? String } == [winner["receipt"]].compactMap { $0 })
        #expect(store.archivedFiles().count == 1, "\(store.archivedFiles())")
    }

    /// A client that closes the connection a third of the way through its upload leaves nothing — no
    /// receipt, no archived or temporary file — and the server goes on serving.
    @Test func anAbandonedUploadLeavesNothing() throws {
        let store = try ServiceStore("abandon")
        defer { store.remove() }
        let big = Data(HugeFilings.filing(lender: 5151, loans: 2500, balance: "1.00", total: "2500.00").utf8)
        let lender = try store.add("lender", uscc: HugeFilings.uscc(5151))
        let admin = try store.add("admin")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        let partial = try HTTP.request(
            "POST", "/v1/filings", port: server.port, token: lender.token, body: big, piece: 64 << 10,
            abandonAt: big.count / 3)
        #expect(partial.status == 0)
        // Give the server a moment to see the end of the stream.
        var archived = store.archivedFiles()
        for _ in 0..<50 where !archived.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            archived = store.archivedFiles()
        }
        #expect(archived.isEmpty, "\(archived)")
        #expect(try HTTP.get("/v1/filings", port: server.port, token: admin.token).list("filings").isEmpty)
        let events = try HTTP.get("/v1/audit", port: server.port, token: admin.token).list("events")
        #expect(events.allSatisfy { ($0["action"] as? String)?.hasPrefix("account-") == true })
        let whole = try HTTP.file(big, port: server.port, token: lender.token)
        #expect(whole.status == 201, "\(whole.text.prefix(300))")
        // The abandoned request has its log line too.
        #expect(server.stop() == 0)
        let posts = server.standardError.split(separator: "\n").filter { $0.contains(" POST /v1/filings ") }
        #expect(posts.count == 2, "\(posts)")
    }

    #if os(Linux)
        /// The server's peak resident memory (VmHWM) does not grow with the size of a filing: a 96 MiB upload
        /// raises it by far less than 96 MiB over a 2 MiB one.
        @Test func peakMemoryDoesNotGrowWithTheFiling() throws {
            let store = try ServiceStore("memory")
            defer { store.remove() }
            let lender = try store.lender(for: Self.r1)
            let server = try store.serve()
            defer { #expect(server.stop() == 0) }
            func peak() throws -> Int {
                let status = try String(
                    contentsOfFile: "/proc/\(server.processIdentifier)/status", encoding: .utf8)
                let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
                return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
            }
            let sample = try Samples.data(Self.r1)
            for megabytes in [2, 96] {
                // Whitespace after the root element (allowed by XML).
                var body = sample
                body.append(Data(repeating: UInt8(ascii: " "), count: megabytes << 20))
                let before = try peak()
                let reply = try HTTP.file(body, port: server.port, token: lender.token)
                #expect([201, 409, 422].contains(reply.status), "\(reply.status)")
                let growth = try peak() - before
                #expect(growth < 32 << 10, "\(megabytes) MiB upload: peak memory grew by \(growth) kB")
            }
        }
    #endif

    /// SIGINT stops the server like SIGTERM: exit 0.
    @Test func sigintStopsTheServer() throws {
        let store = try ServiceStore("sigint")
        let server = try store.serve()
        #expect(try HTTP.get("/healthz", port: server.port).status == 200)
        kill(server.processIdentifier, SIGINT)
        #expect(server.waitForExit() == 0)
    }

    /// A lender's upload that names no lender (not a disclosure) is rejected with a receipt of that lender's
    /// account: the lender reads it, and — "a lender sees its own" — finds it in its list of filings.
    @Test func aLenderListsItsRejectedUploadThatNamesNoLender() throws {
        let store = try ServiceStore("nolender")
        let lender = try store.lender(for: "invalid/valid-base.xml")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        let reply = try HTTP.file(
            try Samples.data("invalid/GL-XML-003-not-a-disclosure.xml"), port: server.port,
            token: lender.token)
        #expect(reply.status == 422)
        let receipt = try #require(reply["receipt"])
        #expect(try HTTP.get("/v1/filings/\(receipt)", port: server.port, token: lender.token).status == 200)
        let list = try HTTP.get("/v1/filings", port: server.port, token: lender.token).list("filings")
        #expect(
            list.compactMap { $0["receipt"] as? String } == [receipt],
            "the lender's own receipt is not listed")
    }

    /// `?period=2026` is accepted as a period (the year), as by `/v1/aggregate`, which rolls up the year:
    /// the list of filings of that period holds the year's filings, not nothing.
    /// A period means the same in every route, as in `aggregate --period`: `2026` is the annual filings of
    /// 2026 (none here), not the quarters of the year.
    @Test func aPeriodIsMatchedExactlyAsInRollUps() throws {
        let store = try ServiceStore("annual")
        let lender = try store.lender(for: Self.r1)
        let city = try store.add("city")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        let q2 = try HTTP.file(
            try Samples.data("2026-Q2/pingshan-village-bank.xml"), port: server.port, token: lender.token)
        let q3 = try HTTP.file(try Samples.data(Self.r1), port: server.port, token: lender.token)
        #expect(q2.status == 201 && q3.status == 201)
        let annual = try HTTP.get("/v1/aggregate?period=2026", port: server.port, token: city.token)
        let cli = try store.run(["aggregate", "--db", store.db, "--period", "2026", "--format", "json"])
        #expect(annual.status == 200)
        #expect(annual.text == cli.stdout)
        let list = try HTTP.get("/v1/filings?period=2026", port: server.port, token: city.token)
        #expect(list.status == 200)
        #expect(
            list.list("filings").isEmpty,
            "GET /v1/filings?period=2026 → \(list.list("filings").count) filings")
        let quarter = try HTTP.get("/v1/filings?period=2026-Q2", port: server.port, token: city.token)
        #expect(quarter.list("filings").compactMap { $0["receipt"] as? String } == [q2["receipt"] as? String])
        #expect(
            try HTTP.get("/v1/filings?period=2026-Q3", port: server.port, token: city.token).list("filings")
                .count == 1)
    }

    /// An empty chunked body is 400 like an empty one with Content-Length: 0; `/v1/validate` has the
    /// upload limit too (413 with and without a declared length).
    @Test func emptyAndOversizedBodiesOnEveryUploadPath() throws {
        let store = try ServiceStore("bodies")
        let lender = try store.lender(for: Self.r1)
        let server = try store.serve(["--max-upload-mb", "1"])
        defer { #expect(server.stop() == 0) }
        for path in ["/v1/filings", "/v1/validate"] {
            let empty = try HTTP.request(
                "POST", path, port: server.port, token: lender.token, body: Data(), framing: .chunked)
            #expect(empty.status == 400, "\(path): \(empty.status) \(empty.text)")
            #expect(empty.isErrorBody)
        }
        var big = try Samples.data(Self.r1)
        big.append(Data(repeating: UInt8(ascii: " "), count: 3 << 20))
        for framing in [HTTP.Framing.length, .chunked] {
            let reply = try HTTP.request(
                "POST", "/v1/validate", port: server.port, token: lender.token, body: big, framing: framing)
            #expect(reply.status == 413, "\(framing): \(reply.status) \(reply.text.prefix(200))")
            #expect(reply.isErrorBody)
        }
        #expect(store.archivedFiles().isEmpty)
    }
}
