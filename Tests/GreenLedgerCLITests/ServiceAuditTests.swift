import Foundation
import Testing

/// `GET /v1/audit`: every kind of event, oldest first, with who, what and which receipt; `?since=`.
@Suite struct ServiceAuditTests {
    static let r1 = "2026-Q3/pingshan-village-bank-r1.xml"

    @Test func everyEventInOrderAndSince() throws {
        let store = try ServiceStore("audit")
        let lender = try store.lender(for: Self.r1)
        let tester = try store.lender(for: "invalid/valid-base.xml")
        let admin = try store.add("admin")
        let city = try store.add("city")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        let port = server.port
        // The filings come at least a second after the accounts, so that `since` can tell them apart.
        Thread.sleep(forTimeInterval: 1.1)

        let r1 = try Samples.data(Self.r1)
        let rejected = try Samples.data("invalid/GL-REC-001-total.xml")
        let foreign = try Samples.data("2026-Q3/pengcheng-microcredit.xml")
        var edited = r1
        edited.append(Data("\n".utf8))
        let filed = try HTTP.file(r1, port: port, token: lender.token)
        let refused = try HTTP.file(rejected, port: port, token: tester.token)
        let forbidden = try HTTP.file(foreign, port: port, token: lender.token)
        let conflict = try HTTP.file(edited, port: port, token: lender.token)
        let duplicate = try HTTP.file(r1, port: port, token: lender.token)
        let statuses: [Int] = [
            filed.status, refused.status, forbidden.status, conflict.status, duplicate.status,
        ]
        #expect(statuses == [201, 422, 403, 409, 200])
        try store.revoke(tester)

        let log = try HTTP.get("/v1/audit", port: port, token: admin.token)
        #expect(log.status == 200)
        #expect(log.object["schema"] as? String == "greenledger-audit/1")
        let events = log.list("events")
        let actions = events.compactMap { $0["action"] as? String }
        #expect(
            actions == [
                "account-add", "account-add", "account-add", "account-add", "file", "reject", "forbid",
                "conflict",
                "duplicate", "account-revoke",
            ])
        guard events.count == 10 else { return }
        // Who acted: the command line for accounts, the filing account for uploads.
        for index in [0, 1, 2, 3, 9] {
            #expect(events[index]["account"] as? String == "cli")
            #expect(events[index]["role"] as? String == "operator")
            #expect(events[index]["receipt"] is NSNull)
        }
        let expected: [(String, String, Any?, Data)] = [
            (lender.id, "file", filed["receipt"], r1), (tester.id, "reject", refused["receipt"], rejected),
            (lender.id, "forbid", nil, foreign), (lender.id, "conflict", nil, edited),
            (lender.id, "duplicate", filed["receipt"], r1),
        ]
        for (event, (account, action, receipt, data)) in zip(events[4..<9], expected) {
            #expect(event["account"] as? String == account, "\(action)")
            #expect(event["role"] as? String == "lender", "\(action)")
            #expect(event["sha256"] as? String == SHA256Hex.of(data), "\(action)")
            if let receipt = receipt as? String {
                #expect(event["receipt"] as? String == receipt, "\(action)")
            } else {
                #expect(event["receipt"] is NSNull, "\(action)")
            }
            #expect(!(event["detail"] as? String ?? "").isEmpty)
        }
        #expect((events[9]["detail"] as? String)?.contains("account \(tester.id)") == true)
        // Times are RFC 3339, never decreasing.
        let formatter = ISO8601DateFormatter()
        let times = events.compactMap { ($0["at"] as? String).flatMap(formatter.date(from:)) }
        #expect(times.count == events.count)
        #expect(times == times.sorted())
        #expect(try HTTP.get("/v1/audit", port: port, token: city.token).body == log.body)

        // `since` the first filing's time: the filing events and the revocation, not the accounts.
        let since = try #require(events[4]["at"] as? String)
        let recent = try HTTP.get("/v1/audit?since=\(since)", port: port, token: city.token)
        #expect(recent.status == 200)
        #expect(
            recent.list("events").compactMap { $0["action"] as? String }
                == ["file", "reject", "forbid", "conflict", "duplicate", "account-revoke"])
        // The same moment written with an offset; with fractional seconds; long ago; in the future.
        let moment = try #require(formatter.date(from: since))
        let shanghai = ISO8601DateFormatter()
        shanghai.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        let offset = shanghai.string(from: moment).replacingOccurrences(of: "+", with: "%2B")
        #expect(try HTTP.get("/v1/audit?since=\(offset)", port: port, token: city.token).body == recent.body)
        let fractional = since.replacingOccurrences(of: "Z", with: ".000Z")
        #expect(
            try HTTP.get("/v1/audit?since=\(fractional)", port: port, token: city.token).body == recent.body)
        let all = try HTTP.get("/v1/audit?since=2000-01-01T00:00:00Z", port: port, token: city.token)
        #expect(all.body == log.body)
        let none = try HTTP.get("/v1/audit?since=2999-01-01T00:00:00Z", port: port, token: city.token)
        #expect(none.status == 200)
        #expect(none.list("events").isEmpty)
        #expect(try HTTP.get("/v1/audit?since=2026-13-01", port: port, token: city.token).status == 400)
    }
}
