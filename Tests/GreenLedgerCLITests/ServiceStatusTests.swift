import Foundation
import Testing

/// `greenledger serve` end to end: the status codes of filing-service-v1 that are not about a filing's
/// content — the open pages, 401 without a valid token, 400, 404 and 413.
@Suite struct ServiceStatusTests {
    static let protected: [(String, String)] = [
        ("POST", "/v1/validate"), ("POST", "/v1/filings"), ("GET", "/v1/filings"),
        ("GET", "/v1/filings?period=2026-Q3"), ("GET", "/v1/filings/GLR-000000000000000000000000"),
        ("GET", "/v1/filings/GLR-000000000000000000000000/document"), ("GET", "/v1/aggregate?period=2026-Q3"),
        ("GET", "/v1/report?period=2026-Q3&format=json"), ("GET", "/v1/audit"),
    ]

    /// `/healthz`, `/openapi.yaml` and `/` answer 200 without a token; everything else is 401 without a
    /// token, with a token that is no account's, and with a scheme other than Bearer.
    @Test func onlyTheOpenPagesNeedNoToken() throws {
        let store = try ServiceStore("open")
        let lender = try store.lender(for: Samples.q3[0])
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }

        let health = try HTTP.get("/healthz", port: server.port)
        #expect(health.status == 200)
        #expect(health["status"] == "ok")
        #expect(!(health["version"] ?? "").isEmpty)
        let openAPI = try HTTP.get("/openapi.yaml", port: server.port)
        #expect(openAPI.status == 200)
        #expect(openAPI.text.contains("openapi: 3.1"))
        #expect(openAPI.text.contains("/v1/filings"))
        let page = try HTTP.get("/", port: server.port)
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(!page.text.contains("<script src="), "the page is self-contained")

        let sample = try Samples.data(Samples.q3[0])
        for (method, path) in Self.protected {
            let body = method == "POST" ? sample : nil
            for header in [
                [], ["Authorization: Bearer glt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
                ["Authorization: Bearer \(lender.token)x"], ["Authorization: Basic \(lender.token)"],
            ] {
                let reply = try HTTP.request(method, path, port: server.port, body: body, headers: header)
                #expect(reply.status == 401, "\(method) \(path) \(header)")
                #expect(reply.isErrorBody, "\(reply.text)")
            }
        }
        // Nothing was filed by any of those.
        #expect(store.archivedFiles().isEmpty)
        let list = try HTTP.get("/v1/filings", port: server.port, token: lender.token)
        #expect(list.status == 200)
        #expect((list.object["filings"] as? [Any])?.isEmpty == true)
    }

    /// 400: an empty filing, an empty validation, a period or `since` that is not one, a report format the
    /// API does not serve; 404: a receipt that does not exist, for the city too.
    @Test func badRequestsAndUnknownReceipts() throws {
        let store = try ServiceStore("bad")
        let lender = try store.lender(for: Samples.q3[0])
        let city = try store.add("city")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        let port = server.port

        for path in ["/v1/filings", "/v1/validate"] {
            let empty = try HTTP.request("POST", path, port: port, token: lender.token, body: Data())
            #expect(empty.status == 400, "POST \(path) with an empty body: \(empty.text)")
            #expect(empty.isErrorBody)
        }
        for path in [
            "/v1/audit?since=yesterday", "/v1/filings?period=2026-Q5", "/v1/aggregate?period=Q3-2026",
            "/v1/report?period=2026-Q3&format=csv", "/v1/report?period=2026-Q3&format=json&lang=fr",
            "/v1/aggregate?period=2026-Q3&district=999999",
        ] {
            let reply = try HTTP.get(path, port: port, token: city.token)
            #expect(reply.status == 400, "GET \(path): \(reply.status) \(reply.text)")
            #expect(reply.isErrorBody)
        }
        for path in [
            "/v1/filings/GLR-0123456789abcdef01234567", "/v1/filings/GLR-0123456789abcdef01234567/document",
        ] {
            for token in [city.token, lender.token] {
                let reply = try HTTP.get(path, port: port, token: token)
                #expect(reply.status == 404, "GET \(path): \(reply.status)")
                #expect(reply.isErrorBody)
            }
        }
        // Still nothing stored, nothing archived.
        #expect(store.archivedFiles().isEmpty)
        let audit = try HTTP.get("/v1/audit", port: port, token: city.token)
        let actions = (audit.object["events"] as? [[String: Any]] ?? []).compactMap {
            $0["action"] as? String
        }
        #expect(actions == ["account-add", "account-add"])
    }

    /// `POST /v1/validate` answers the filing's `greenledger-validate/1` entry and stores nothing.
    @Test func validateStoresNothing() throws {
        let store = try ServiceStore("validate")
        let lender = try store.lender(for: "2026-Q3/pengcheng-microcredit.xml")
        let district = try store.add("district", district: "440307")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        for (token, sample) in [
            (lender.token, "2026-Q3/pengcheng-microcredit.xml"),
            (district.token, "invalid/GL-REC-001-total.xml"),
        ] {
            let reply = try HTTP.request(
                "POST", "/v1/validate", port: server.port, token: token, body: try Samples.data(sample))
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.text.contains(sample.hasPrefix("invalid") ? "REJECT" : "ACCEPT"))
        }
        #expect(store.archivedFiles().isEmpty)
        let list = try HTTP.get("/v1/filings", port: server.port, token: lender.token)
        #expect((list.object["filings"] as? [Any])?.isEmpty == true)
    }

    /// A body beyond `--max-upload-mb 1` gets 413 with the error body, before the whole body was sent, with a
    /// declared Content-Length and chunked without one; nothing is kept. A chunked filing under the limit
    /// is filed.
    @Test(arguments: [HTTP.Framing.length, .chunked])
    func tooLargeIsCutOff(framing: HTTP.Framing) throws {
        let store = try ServiceStore("large")
        let sample = "2026-Q3/pengcheng-microcredit.xml"
        let lender = try store.lender(for: sample)
        let admin = try store.add("admin")
        let server = try store.serve(["--max-upload-mb", "1"])
        defer { #expect(server.stop() == 0) }

        // A real filing padded with a comment to 16 MiB.
        var big = try Samples.data(sample)
        big.append(Data("<!--".utf8))
        big.append(Data(repeating: UInt8(ascii: "x"), count: (16 << 20) - big.count - 3))
        big.append(Data("-->".utf8))
        let reply = try HTTP.file(big, port: server.port, token: lender.token, framing: framing)
        #expect(reply.status == 413, "\(reply.status) \(reply.text)")
        #expect(reply.isErrorBody, "\(reply.text)")
        #expect(reply.bodyBytesSent < big.count, "the server read the whole 16 MiB before answering")
        // Just over the limit is too large as well.
        let justOver = big.prefix((1 << 20) + 1)
        let over = try HTTP.file(Data(justOver), port: server.port, token: lender.token, framing: framing)
        #expect(over.status == 413)

        let list = try HTTP.get("/v1/filings", port: server.port, token: admin.token)
        #expect((list.object["filings"] as? [Any])?.isEmpty == true)
        #expect(store.archivedFiles().isEmpty, "\(store.archivedFiles())")

        // Under the limit, the same framing files.
        let data = try Samples.data(sample)
        let filed = try HTTP.file(data, port: server.port, token: lender.token, framing: framing)
        #expect(filed.status == 201, "\(filed.text)")
        #expect(filed["status"] == "stored")
        #expect(filed["sha256"] == SHA256Hex.of(data))
        #expect(filed.object["bytes"] as? Int == data.count)
    }
}
