import Foundation
import Testing

/// The request log on standard error: one line per request with method, path, status and account id, and
/// never a token — not the accounts' tokens, not a token that is no account's.
@Suite struct ServiceLogTests {
    @Test func oneLinePerRequestAndNoToken() throws {
        let store = try ServiceStore("log")
        let sample = "2026-Q3/pengcheng-microcredit.xml"
        let lender = try store.lender(for: sample)
        let other = try store.lender(for: "2026-Q3/dapeng-green-leasing.xml")
        let city = try store.add("city")
        let district = try store.add("district", district: "440307")
        let stranger = "glt_" + String(repeating: "Zq9", count: 14)
        let server = try store.serve()
        let port = server.port
        let data = try Samples.data(sample)

        let filed = try HTTP.file(data, port: port, token: lender.token)
        let receipt = filed["receipt"] ?? "GLR-none"
        // (method, path, token, body, status, account id or "-")
        let requests: [(String, String, String?, Data?, Int, String)] = [
            ("GET", "/healthz", nil, nil, 200, "-"),
            ("GET", "/", nil, nil, 200, "-"),
            ("GET", "/openapi.yaml", lender.token, nil, 200, lender.id),
            ("POST", "/v1/filings", lender.token, data, 200, lender.id),
            ("POST", "/v1/validate", other.token, data, 200, other.id),
            ("POST", "/v1/filings", other.token, data, 403, other.id),
            ("GET", "/v1/filings?period=2026-Q3", lender.token, nil, 200, lender.id),
            ("GET", "/v1/filings/\(receipt)", city.token, nil, 200, city.id),
            ("GET", "/v1/filings/\(receipt)/document", lender.token, nil, 200, lender.id),
            ("GET", "/v1/filings/\(receipt)", other.token, nil, 404, other.id),
            ("GET", "/v1/aggregate?period=2026-Q3", district.token, nil, 200, district.id),
            ("GET", "/v1/report?period=2026-Q3&format=json", city.token, nil, 200, city.id),
            ("GET", "/v1/audit", city.token, nil, 200, city.id),
            ("GET", "/v1/audit", lender.token, nil, 403, lender.id),
            ("GET", "/v1/filings", stranger, nil, 401, "-"),
            ("POST", "/v1/filings", nil, Data(), 401, "-"),
            ("POST", "/v1/filings", lender.token, Data(), 400, lender.id),
        ]
        for (method, path, token, body, status, _) in requests {
            let reply = try HTTP.request(method, path, port: port, token: token, body: body)
            #expect(reply.status == status, "\(method) \(path): \(reply.status)")
        }
        #expect(server.stop() == 0)
        let log = server.standardError

        for token in [lender.token, other.token, city.token, district.token, stranger] {
            #expect(!log.contains(token), "a token in the log")
            #expect(!log.contains(token.dropFirst(4).prefix(16)), "part of a token in the log")
            #expect(!server.standardOutput.contains(token))
        }
        #expect(!log.contains("glt_"))
        #expect(!log.contains("Bearer"))

        // One line per request, in order: time, method, path, status, bytes, milliseconds, account.
        let pattern = try NSRegularExpression(
            pattern: #"^\S+ (GET|POST) (\S+) (\d{3}) (\d+|-) ([0-9.]+) ?ms account=(\S+)$"#)
        var lines: [(String, String, Int, String)] = []
        for line in log.split(separator: "\n").map(String.init) {
            let range = NSRange(line.startIndex..., in: line)
            guard let match = pattern.firstMatch(in: line, range: range) else { continue }
            func group(_ index: Int) -> String { String(line[Range(match.range(at: index), in: line)!]) }
            lines.append((group(1), group(2), Int(group(3)) ?? 0, group(6)))
        }
        let expected = [("POST", "/v1/filings", 201, lender.id)] + requests.map { ($0.0, $0.1, $0.4, $0.5) }
        #expect(lines.count == expected.count, "\(log)")
        for (line, want) in zip(lines, expected) {
            #expect(line.0 == want.0 && line.2 == want.2 && line.3 == want.3, "\(line) ≠ \(want)")
            let path = want.1.split(separator: "?").first.map(String.init) ?? want.1
            #expect(line.1 == path || line.1 == want.1, "\(line.1) ≠ \(want.1)")
        }
        // Every other line is the server's own (listening, stopped), not a request.
        let others = log.split(separator: "\n").filter { $0.contains(" account=") == false }
        #expect(others.allSatisfy { $0.contains("greenledger serve:") }, "\(others)")
    }
}
