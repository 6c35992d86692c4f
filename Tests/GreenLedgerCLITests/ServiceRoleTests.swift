import Foundation
import Testing

/// Each role's scope over HTTP: a lender files and reads only its own, a district reads its own district's
/// roll-ups, the city and admin read everything; a revoked token is refused at once.
@Suite struct ServiceRoleTests {
    static let pingshan = "2026-Q3/pingshan-village-bank-r1.xml"
    static let pengcheng = "2026-Q3/pengcheng-microcredit.xml"

    /// Two lenders, the city, admin and district 440307 over a history with one filing of each lender.
    struct World {
        let store: ServiceStore
        let server: ServerProcess
        let lenderA: ServiceStore.Account
        let lenderB: ServiceStore.Account
        let city: ServiceStore.Account
        let admin: ServiceStore.Account
        let district: ServiceStore.Account
        let receiptA: String
        let receiptB: String

        init(_ name: String) throws {
            store = try ServiceStore(name)
            lenderA = try store.lender(for: pingshan)
            lenderB = try store.lender(for: pengcheng)
            city = try store.add("city")
            admin = try store.add("admin")
            district = try store.add("district", district: "440307")
            server = try store.serve()
            let a = try HTTP.file(try Samples.data(pingshan), port: server.port, token: lenderA.token)
            let b = try HTTP.file(try Samples.data(pengcheng), port: server.port, token: lenderB.token)
            guard a.status == 201, b.status == 201, let receiptA = a["receipt"], let receiptB = b["receipt"]
            else {
                server.stop()
                throw CLIRunner.SetUpError(description: "filing failed: \(a.text) \(b.text)")
            }
            self.receiptA = receiptA
            self.receiptB = receiptB
        }

        func get(_ path: String, _ account: ServiceStore.Account) throws -> HTTPReply {
            try HTTP.get(path, port: server.port, token: account.token)
        }
    }

    /// A lender filing another lender's filing gets 403 and a `forbid` audit event; it lists only its own
    /// receipts; another lender's receipt and document are 404 exactly like a receipt that does not exist;
    /// roll-ups, reports and the audit log are 403.
    @Test func aLenderFilesAndReadsOnlyItsOwn() throws {
        let world = try World("lender")
        defer { #expect(world.server.stop() == 0) }
        let other = try Samples.data(Self.pengcheng)
        var foreign = other
        foreign.append(Data("\n".utf8))  // bytes not stored before: the check is the lender, not the hash
        for data in [other, foreign] {
            let refused = try HTTP.file(data, port: world.server.port, token: world.lenderA.token)
            #expect(refused.status == 403, "\(refused.text)")
            #expect(refused.isErrorBody)
        }
        let events = try world.get("/v1/audit", world.city).list("events")
        let forbids = events.filter { $0["action"] as? String == "forbid" }
        #expect(forbids.count == 2)
        for (event, data) in zip(forbids, [other, foreign]) {
            #expect(event["account"] as? String == world.lenderA.id)
            #expect(event["role"] as? String == "lender")
            #expect(event["receipt"] is NSNull)
            #expect(event["sha256"] as? String == SHA256Hex.of(data))
        }

        for path in ["/v1/filings", "/v1/filings?period=2026-Q3"] {
            let mine = try world.get(path, world.lenderA).list("filings")
            #expect(mine.compactMap { $0["receipt"] as? String } == [world.receiptA], "\(path)")
            let theirs = try world.get(path, world.lenderB).list("filings")
            #expect(theirs.compactMap { $0["receipt"] as? String } == [world.receiptB], "\(path)")
        }
        #expect(try world.get("/v1/filings/\(world.receiptA)", world.lenderA).status == 200)
        #expect(try world.get("/v1/filings/\(world.receiptA)/document", world.lenderA).status == 200)
        let unknown = "GLR-000000000000000000000000"
        for suffix in ["", "/document"] {
            let hidden = try world.get("/v1/filings/\(world.receiptA)\(suffix)", world.lenderB)
            let missing = try world.get("/v1/filings/\(unknown)\(suffix)", world.lenderB)
            #expect(hidden.status == 404, "\(suffix): \(hidden.text)")
            #expect(missing.status == 404)
            #expect(
                hidden.text.replacingOccurrences(of: world.receiptA, with: "ID")
                    == missing.text.replacingOccurrences(of: unknown, with: "ID"),
                "the answer reveals that the receipt exists")
        }
        for path in [
            "/v1/aggregate?period=2026-Q3", "/v1/report?period=2026-Q3&format=json", "/v1/audit",
            "/v1/aggregate?period=2026-Q3&district=440307",
        ] {
            let reply = try world.get(path, world.lenderA)
            #expect(reply.status == 403, "\(path): \(reply.status)")
            #expect(reply.isErrorBody)
        }
    }

    /// A district account gets its own district by default and when it names it, 403 for another district,
    /// for the audit log, for filing and for receipts; it lists filings' metadata.
    @Test func aDistrictReadsItsOwnDistrict() throws {
        let world = try World("district")
        defer { #expect(world.server.stop() == 0) }
        let own = try world.get("/v1/aggregate?period=2026-Q3", world.district)
        #expect(own.status == 200, "\(own.text)")
        let named = try world.get("/v1/aggregate?period=2026-Q3&district=440307", world.district)
        let cityView = try world.get("/v1/aggregate?period=2026-Q3&district=440307", world.city)
        let whole = try world.get("/v1/aggregate?period=2026-Q3", world.city)
        #expect(named.status == 200)
        #expect(own.body == named.body)
        #expect(own.body == cityView.body, "a district's default is its own district")
        #expect(own.body != whole.body, "a district does not get the city's roll-up")
        let report = try world.get("/v1/report?period=2026-Q3&format=json", world.district)
        let cityReport = try world.get("/v1/report?period=2026-Q3&format=json&district=440307", world.city)
        #expect(report.status == 200)
        #expect(report.body == cityReport.body)

        for path in [
            "/v1/aggregate?period=2026-Q3&district=440303", "/v1/aggregate?district=440311",
            "/v1/report?period=2026-Q3&format=json&district=440303",
            "/v1/report?period=2026-Q3&district=440308",
            "/v1/audit", "/v1/audit?since=2026-01-01T00:00:00Z",
        ] {
            let reply = try world.get(path, world.district)
            #expect(reply.status == 403, "\(path): \(reply.status) \(reply.text)")
            #expect(reply.isErrorBody)
        }
        let filing = try HTTP.file(
            try Samples.data(Self.pengcheng), port: world.server.port, token: world.district.token)
        #expect(filing.status == 403)
        let list = try world.get("/v1/filings?period=2026-Q3", world.district)
        #expect(list.status == 200)
        #expect(
            Set(list.list("filings").compactMap { $0["receipt"] as? String }) == [
                world.receiptA, world.receiptB,
            ])
        #expect(list.list("filings").allSatisfy { $0["findings"] == nil })
        for suffix in ["", "/document"] {
            let reply = try world.get("/v1/filings/\(world.receiptA)\(suffix)", world.district)
            #expect(
                [403, 404].contains(reply.status), "a district reads roll-ups, not receipts: \(reply.status)")
        }
    }

    /// The city and admin list every filing, read every receipt and document, every district's roll-up,
    /// reports and the audit log; neither files.
    @Test func cityAndAdminReadEverything() throws {
        let world = try World("city")
        defer { #expect(world.server.stop() == 0) }
        for account in [world.city, world.admin] {
            let list = try world.get("/v1/filings", account).list("filings")
            #expect(list.compactMap { $0["receipt"] as? String } == [world.receiptA, world.receiptB])
            for receipt in [world.receiptA, world.receiptB] {
                let read = try world.get("/v1/filings/\(receipt)", account)
                #expect(read.status == 200)
                #expect(read.object["findings"] is [Any])
                #expect(try world.get("/v1/filings/\(receipt)/document", account).status == 200)
            }
            #expect(try world.get("/v1/aggregate?period=2026-Q3", account).status == 200)
            #expect(try world.get("/v1/aggregate", account).status == 200)
            for code in 440303...440311 {
                let reply = try world.get("/v1/aggregate?period=2026-Q3&district=\(code)", account)
                #expect(reply.status == 200, "district \(code): \(reply.text)")
            }
            for format in ["json", "md", "html", "xlsx"] {
                let reply = try world.get("/v1/report?period=2026-Q3&format=\(format)", account)
                #expect(reply.status == 200, "\(format): \(reply.text.prefix(300))")
                #expect(!reply.body.isEmpty)
            }
            let audit = try world.get("/v1/audit", account)
            #expect(audit.status == 200)
            #expect(audit.object["schema"] as? String == "greenledger-audit/1")
            #expect(audit.list("events").filter { $0["action"] as? String == "file" }.count == 2)
            let filing = try HTTP.file(
                try Samples.data(Self.pengcheng), port: world.server.port, token: account.token)
            #expect(filing.status == 403, "only a lender files")
        }
    }

    /// `greenledger accounts revoke` while the server runs: the token gets 401 at once, on every path;
    /// other accounts are unaffected.
    @Test func aRevokedTokenIsRefused() throws {
        let world = try World("revoke")
        defer { #expect(world.server.stop() == 0) }
        // Tokens: glt_ and at least 32 random bytes as base64url text (43 characters), all different.
        let tokens = [world.lenderA, world.lenderB, world.city, world.admin, world.district].map(\.token)
        #expect(Set(tokens).count == tokens.count)
        for token in tokens {
            #expect(token.hasPrefix("glt_") && token.count >= 4 + 43, "\(token.count) characters")
            #expect(
                token.dropFirst(4).allSatisfy {
                    $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0))
                })
        }
        #expect(try world.get("/v1/filings", world.lenderA).status == 200)
        #expect(try world.get("/v1/audit", world.admin).status == 200)
        try world.store.revoke(world.lenderA)
        try world.store.revoke(world.admin)
        for path in [
            "/v1/filings", "/v1/filings/\(world.receiptA)", "/v1/filings/\(world.receiptA)/document",
        ] {
            let reply = try world.get(path, world.lenderA)
            #expect(reply.status == 401, "\(path): \(reply.status)")
            #expect(reply.isErrorBody)
        }
        let filing = try HTTP.file(
            try Samples.data(Self.pingshan), port: world.server.port, token: world.lenderA.token)
        #expect(filing.status == 401)
        #expect(try world.get("/v1/audit", world.admin).status == 401)
        #expect(try world.get("/v1/filings", world.lenderB).status == 200)
        #expect(try world.get("/v1/audit", world.city).status == 200)
        #expect(try HTTP.get("/healthz", port: world.server.port, token: world.lenderA.token).status == 200)
        // The listing shows the revocation and never a token.
        let listing = try world.store.run(["accounts", "list", "--db", world.store.db])
        #expect(listing.status == 0)
        #expect(!listing.stdout.contains("glt_"))
        let revoked = listing.stdout.split(separator: "\n").filter { !$0.hasSuffix(" -") }
        #expect(revoked.count == 3, "the header and two revoked accounts: \(listing.stdout)")
    }
}
