import Foundation
import Testing

/// The API's roll-ups and reports are the command line's, byte for byte, over the same history.
@Suite struct ServiceRollUpTests {
    /// Files every 2026-Q2 and 2026-Q3 sample over HTTP, each with its lender's token (r1 before r2).
    static func fileSamples(_ store: ServiceStore, port: Int) throws {
        var lenders: [String: ServiceStore.Account] = [:]
        for name in Samples.q2 + Samples.q3 {
            let uscc = try Samples.uscc(name)
            let account = try lenders[uscc] ?? store.add("lender", uscc: uscc, name: name)
            lenders[uscc] = account
            let reply = try HTTP.file(try Samples.data(name), port: port, token: account.token)
            guard reply.status == 201 else {
                throw CLIRunner.SetUpError(description: "\(name): \(reply.status) \(reply.text)")
            }
        }
    }

    @Test func aggregateAndReportMatchTheCommandLine() throws {
        let store = try ServiceStore("rollup")
        let city = try store.add("city")
        let admin = try store.add("admin")
        let district = try store.add("district", district: "440307")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        try Self.fileSamples(store, port: server.port)

        // (account, API query, CLI options)
        let aggregates: [(ServiceStore.Account, String, [String])] = [
            (city, "period=2026-Q3", ["--period", "2026-Q3"]),
            (admin, "period=2026-Q3", ["--period", "2026-Q3"]),
            (city, "period=2026-Q2", ["--period", "2026-Q2"]),
            (city, "period=2026-Q3&district=440307", ["--period", "2026-Q3", "--district", "440307"]),
            (city, "period=2026-Q3&district=440310", ["--period", "2026-Q3", "--district", "440310"]),
            (district, "period=2026-Q3", ["--period", "2026-Q3", "--district", "440307"]),
            (district, "period=2026-Q2&district=440307", ["--period", "2026-Q2", "--district", "440307"]),
            (city, "", []),
        ]
        for (account, query, options) in aggregates {
            let api = try HTTP.get("/v1/aggregate?\(query)", port: server.port, token: account.token)
            let cli = try store.run(["aggregate", "--db", store.db, "--format", "json"] + options)
            #expect(api.status == 200, "\(query): \(api.text.prefix(300))")
            #expect(cli.status == 0, "\(options): \(cli.stderr)")
            #expect(api.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(!api.body.isEmpty)
            #expect(api.text == cli.stdout, "GET /v1/aggregate?\(query) ≠ aggregate \(options)")
        }
        // The roll-up holds r2 and not r1 (superseded), and the Q3 lenders.
        let q3 = try HTTP.get("/v1/aggregate?period=2026-Q3", port: server.port, token: city.token).text
        #expect(q3.contains(try Samples.uscc("2026-Q3/pingshan-village-bank-r2.xml")))

        let reports: [(ServiceStore.Account, String, [String])] = [
            (city, "period=2026-Q3&format=json", ["--period", "2026-Q3", "--format", "json"]),
            (admin, "period=2026-Q2&format=json", ["--period", "2026-Q2", "--format", "json"]),
            (
                city, "period=2026-Q3&format=json&district=440307",
                ["--period", "2026-Q3", "--format", "json", "--district", "440307"]
            ),
            (
                district, "period=2026-Q3&format=json",
                ["--period", "2026-Q3", "--format", "json", "--district", "440307"]
            ),
            (
                city, "period=2026-Q3&format=json&lang=en",
                ["--period", "2026-Q3", "--format", "json", "--lang", "en"]
            ),
            (
                city, "period=2026-Q3&format=md&lang=zh",
                ["--period", "2026-Q3", "--format", "md", "--lang", "zh"]
            ),
            (city, "period=2026-Q3&format=html", ["--period", "2026-Q3", "--format", "html"]),
            (
                district, "period=2026-Q3&format=html&lang=en",
                ["--period", "2026-Q3", "--format", "html", "--district", "440307", "--lang", "en"]
            ),
        ]
        for (index, (account, query, options)) in reports.enumerated() {
            let api = try HTTP.get("/v1/report?\(query)", port: server.port, token: account.token)
            let out = store.directory.appendingPathComponent("report-\(index)").path
            let cli = try store.run(["report", "--db", store.db, "--out", out] + options)
            #expect(api.status == 200, "\(query): \(api.text.prefix(300))")
            #expect(cli.status == 0, "\(options): \(cli.stderr)")
            let file = try Data(contentsOf: URL(fileURLWithPath: out))
            #expect(!api.body.isEmpty)
            #expect(api.body == file, "GET /v1/report?\(query) ≠ report \(options)")
        }
    }
}
