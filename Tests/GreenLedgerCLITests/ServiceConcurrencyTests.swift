import Foundation
import Synchronization
import Testing

/// The server under load and at shutdown: 16 uploads at once, and SIGTERM in the middle of an upload.
@Suite struct ServiceConcurrencyTests {
    /// What the upload threads found.
    final class Results: Sendable {
        let replies = Mutex([Int: HTTPReply]())
        let failures = Mutex([String]())
    }

    /// Files each `(body, token)` on a thread and connection of its own, all released at once; the replies
    /// by index (an upload that failed has none, and is recorded as an issue).
    static func uploadTogether(_ uploads: [(Data, String)], port: Int) -> [Int: HTTPReply] {
        let results = Results()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for (index, (data, token)) in uploads.enumerated() {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                start.wait()
                do {
                    let reply = try HTTP.file(data, port: port, token: token)
                    results.replies.withLock { $0[index] = reply }
                } catch {
                    results.failures.withLock { $0.append("upload \(index): \(error)") }
                }
            }
        }
        for _ in uploads { start.signal() }
        #expect(done.wait(timeout: .now() + 60) == .success)
        let failures = results.failures.withLock { $0 }
        #expect(failures.isEmpty, "\(failures)")
        return results.replies.withLock { $0 }
    }

    /// 16 uploads on 16 connections at once — every 2026-Q2 and 2026-Q3 sample and one rejected filing, each
    /// with its lender's token: each gets 201 or 422, and the history holds each exactly once.
    @Test func sixteenUploadsAtOnce() throws {
        let store = try ServiceStore("parallel")
        let names = Samples.q2 + Samples.q3 + ["invalid/GL-REC-001-total.xml"]
        #expect(names.count == 16)
        var lenders: [String: ServiceStore.Account] = [:]
        for name in names {
            let uscc = try Samples.uscc(name)
            lenders[uscc] = try lenders[uscc] ?? store.add("lender", uscc: uscc, name: name)
        }
        let city = try store.add("city")
        let uploads = try names.map { name in (name, try Samples.data(name), lenders[try Samples.uscc(name)]!)
        }
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }

        let results = Self.uploadTogether(uploads.map { ($0.1, $0.2.token) }, port: server.port)
        let port = server.port

        var receipts: [String: String] = [:]  // sha256 → receipt
        for (index, (name, data, account)) in uploads.enumerated() {
            let reply = try #require(results[index], "\(name) got no answer")
            let expected = name.hasPrefix("invalid/") ? 422 : 201
            #expect(reply.status == expected, "\(name): \(reply.status) \(reply.text.prefix(300))")
            #expect(reply["sha256"] == SHA256Hex.of(data))
            #expect(reply["account"] == account.id)
            receipts[SHA256Hex.of(data)] = reply["receipt"]
        }
        #expect(Set(receipts.values).count == 16, "16 different receipts")

        // The history: each filing exactly once, under the receipt its upload got.
        let list = try HTTP.get("/v1/filings", port: port, token: city.token).list("filings")
        #expect(list.count == 16)
        for filing in list {
            let sha = filing["sha256"] as? String ?? ""
            #expect(receipts[sha] == filing["receipt"] as? String, "\(sha)")
        }
        #expect(Set(list.compactMap { $0["sha256"] as? String }) == Set(receipts.keys))
        let events = try HTTP.get("/v1/audit", port: port, token: city.token).list("events")
        #expect(events.filter { $0["action"] as? String == "file" }.count == 15)
        #expect(events.filter { $0["action"] as? String == "reject" }.count == 1)
        let archived = store.archivedFiles()
        for (name, data, _) in uploads {
            let sha = SHA256Hex.of(data)
            #expect(archived.contains { $0.hasSuffix("\(sha).xml") }, "\(name) is not archived")
        }
        // The figures too: ingesting the same samples finds every one stored, under 15 distinct filing ids.
        let again = try store.run(
            ["ingest", "--db", store.db]
                + ["2026-Q2", "2026-Q3"].map { Samples.root.appendingPathComponent($0).path })
        let already = again.stdout.split(separator: "\n").filter { $0.hasPrefix("already stored #") }
        #expect(already.count == 15, "\(again.stdout)")
        let ids = Set(
            already.compactMap { Int($0.dropFirst("already stored #".count).prefix { $0.isNumber }) })
        #expect(ids.count == 15)
    }

    /// SIGTERM while a 2.5 MB filing is being sent slowly: the server exits 0, and the filing is either
    /// stored whole (its receipt, every byte in the archive, its figures) or not at all — never in part.
    /// Per the contract the upload in flight is finished (201), and no new connection is served meanwhile.
    @Test func sigtermDuringAnUploadLeavesAllOrNothing() throws {
        let store = try ServiceStore("sigterm")
        defer { store.remove() }
        let big = Data(HugeFilings.filing(lender: 7777, loans: 2500, balance: "1.00", total: "2500.00").utf8)
        let uscc = HugeFilings.uscc(7777)
        let lender = try store.add("lender", uscc: uscc)
        let admin = try store.add("admin")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }

        var signalled = false
        var servedDuringShutdown: Int?
        var reply: HTTPReply?
        var failure: (any Error)?
        do {
            reply = try HTTP.request(
                "POST", "/v1/filings", port: server.port, token: lender.token, body: big, piece: 64 << 10,
                pause: 0.02
            ) { sent in
                if !signalled && sent >= big.count / 3 {
                    signalled = true
                    server.terminate()
                    Thread.sleep(forTimeInterval: 0.3)
                    servedDuringShutdown = try? HTTP.request("GET", "/healthz", port: server.port, timeout: 5)
                        .status
                }
            }
        } catch {
            failure = error
        }
        #expect(signalled)
        let status = server.waitForExit()
        #expect(status == 0, "serve exited \(status): \(server.standardError)")
        #expect(servedDuringShutdown == nil, "a new connection was served after SIGTERM")
        #expect(
            reply?.status == 201, "the upload in flight was not finished: \(reply?.text ?? "\(failure!)")")

        // Look at the history with a new server.
        let after = try store.serve()
        defer { #expect(after.stop() == 0) }
        let list = try HTTP.get("/v1/filings", port: after.port, token: admin.token).list("filings")
        let sha = SHA256Hex.of(big)
        let archived = store.archivedFiles()
        #expect(!archived.contains { $0.contains(".incoming") }, "a partial upload was left: \(archived)")
        let aggregate = try store.run([
            "aggregate", "--db", store.db, "--period", "2026-Q3", "--format", "json",
        ])
        if reply?.status == 201 {
            #expect(list.count == 1)
            #expect(list.first?["sha256"] as? String == sha)
            #expect(list.first?["bytes"] as? Int == big.count)
            #expect(list.first?["receipt"] as? String == reply?["receipt"])
            let file = store.archive.appendingPathComponent("\(sha.prefix(2))/\(sha).xml")
            #expect((try? Data(contentsOf: file)) == big, "the archive does not hold the whole filing")
            #expect(aggregate.stdout.contains(uscc))
            let document = try HTTP.get(
                "/v1/filings/\(reply?["receipt"] ?? "")/document", port: after.port, token: admin.token)
            #expect(document.body == big)
        } else {
            #expect(list.isEmpty, "a receipt for an upload that got no 201: \(list)")
            #expect(archived.isEmpty, "\(archived)")
            #expect(!aggregate.stdout.contains(uscc), "figures of an upload that got no 201")
        }
    }
}
