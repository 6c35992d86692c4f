import Foundation
import GreenDisclosure
import GreenMetrics
import GreenService
import GreenStore
import GreenTaxonomy
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route against every role, in process (Hummingbird's router test client): 401 without a token,
/// 403 outside the role's scope, 404 for another lender's receipt, as `filing-service-v1` says.
@Suite struct AccessTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    /// A service over a new store holding the 2026-Q3 samples but one lender's, with an account per role.
    struct Fixture {
        let service: FilingService
        let tokens: [String: String]
        let ownFiling: [UInt8]
        let otherReceipt: String
    }

    static func fixture() async throws -> Fixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "access-\(UUID().uuidString)"
        )
        .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try FilingStore(path: directory + "/history.sqlite")
        let intake = FilingIntake(
            store: store, archive: try FilingArchive(directory: directory + "/archive"),
            factors: EstimationFactors(grid: Taxonomy.standard.defaultGridFactor), maximumBytes: 1 << 20)
        let own = "2026-Q3/example-rural-commercial-bank.xml"
        var otherReceipt = ""
        for file in try FileManager.default.contentsOfDirectory(
            atPath: samples.appendingPathComponent("2026-Q3").path
        )
        .sorted() where "2026-Q3/\(file)" != own {
            let result = try await intake.receive(
                FileChunks(path: samples.appendingPathComponent("2026-Q3/\(file)").path), name: file,
                actor: .commandLine)
            if case .stored(let receipt, _, _, _) = result { otherReceipt = receipt.receipt }
        }
        let ownBytes = Array(try Data(contentsOf: samples.appendingPathComponent(own)))
        let text = String(decoding: ownBytes, as: UTF8.self)
        let uscc = try #require(
            text.range(of: #"uscc="[0-9A-Z]{18}""#, options: .regularExpression).map {
                String(text[$0].dropFirst(6).dropLast())
            })
        var tokens: [String: String] = [:]
        for (key, new) in [
            ("lender", try NewAccount(role: .lender, uscc: uscc, district: nil, name: "lender")),
            ("district", try NewAccount(role: .district, uscc: nil, district: "440307", name: "district")),
            ("city", try NewAccount(role: .city, uscc: nil, district: nil, name: "city")),
            ("admin", try NewAccount(role: .admin, uscc: nil, district: nil, name: "admin")),
        ] {
            tokens[key] = try await store.addAccount(new).token
        }
        let service = FilingService(store: store, intake: intake, version: "test", log: RequestLog { _ in })
        return Fixture(service: service, tokens: tokens, ownFiling: ownBytes, otherReceipt: otherReceipt)
    }

    static let roles = ["none", "lender", "district", "city", "admin"]

    /// The status each role gets, in the order of ``roles``.
    static func expect(
        _ client: some TestClientProtocol, _ fixture: Fixture, _ method: HTTPRequest.Method, _ uri: String,
        body: [UInt8]? = nil, _ statuses: [HTTPResponse.Status],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        for (role, status) in zip(roles, statuses) {
            var headers: HTTPFields = [:]
            if let token = fixture.tokens[role] { headers[.authorization] = "Bearer \(token)" }
            let response = try await client.execute(
                uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
            #expect(
                response.status == status, "\(method) \(uri) as \(role)", sourceLocation: sourceLocation)
            if response.status.code >= 400 {
                // Every refusal is {"error": …, "hint": …}.
                let object =
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
                #expect(
                    object?["error"]?.isEmpty == false, "\(method) \(uri) as \(role)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    @Test func everyRouteAnswersEachRoleAsTheSpecSays() async throws {
        let fixture = try await Self.fixture()
        let app = Application(router: fixture.service.router())
        try await app.test(.router) { client in
            for open in ["/", "/healthz", "/openapi.yaml"] {
                try await Self.expect(client, fixture, .get, open, [.ok, .ok, .ok, .ok, .ok])
            }
            try await Self.expect(
                client, fixture, .post, "/v1/validate", body: fixture.ownFiling,
                [.unauthorized, .ok, .ok, .ok, .ok])
            try await Self.expect(
                client, fixture, .post, "/v1/filings", body: fixture.ownFiling,
                [.unauthorized, .created, .forbidden, .forbidden, .forbidden])
            try await Self.expect(
                client, fixture, .get, "/v1/filings?period=2026-Q3", [.unauthorized, .ok, .ok, .ok, .ok])
            try await Self.expect(
                client, fixture, .get, "/v1/filings/\(fixture.otherReceipt)",
                [.unauthorized, .notFound, .forbidden, .ok, .ok])
            try await Self.expect(
                client, fixture, .get, "/v1/filings/\(fixture.otherReceipt)/document",
                [.unauthorized, .notFound, .forbidden, .ok, .ok])
            try await Self.expect(
                client, fixture, .get, "/v1/filings/GLR-000000000000000000000000",
                [.unauthorized, .notFound, .forbidden, .notFound, .notFound])
            try await Self.expect(
                client, fixture, .get, "/v1/aggregate?period=2026-Q3",
                [.unauthorized, .forbidden, .ok, .ok, .ok])
            try await Self.expect(
                client, fixture, .get, "/v1/aggregate?period=2026-Q3&district=440303",
                [.unauthorized, .forbidden, .forbidden, .ok, .ok])
            try await Self.expect(
                client, fixture, .get, "/v1/report?period=2026-Q3&format=json",
                [.unauthorized, .forbidden, .ok, .ok, .ok])
            try await Self.expect(
                client, fixture, .get, "/v1/audit", [.unauthorized, .forbidden, .forbidden, .ok, .ok])
        }
    }

    @Test func aLenderListsOnlyItsOwnFilings() async throws {
        let fixture = try await Self.fixture()
        let app = Application(router: fixture.service.router())
        try await app.test(.router) { client in
            let lender: HTTPFields = [.authorization: "Bearer \(fixture.tokens["lender"]!)"]
            let city: HTTPFields = [.authorization: "Bearer \(fixture.tokens["city"]!)"]
            let filed = try await client.execute(
                uri: "/v1/filings", method: .post, headers: lender, body: ByteBuffer(bytes: fixture.ownFiling)
            )
            #expect(filed.status == .created)
            let own = try await client.execute(
                uri: "/v1/filings?period=2026-Q3", method: .get, headers: lender)
            let all = try await client.execute(uri: "/v1/filings?period=2026-Q3", method: .get, headers: city)
            func receipts(_ response: TestResponse) throws -> [String] {
                let object =
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(object?["schema"] as? String == "greenledger-filings/1")
                return (object?["filings"] as? [[String: Any]] ?? []).compactMap { $0["receipt"] as? String }
            }
            #expect(try receipts(own).count == 1)
            #expect(try receipts(all).count > 5)
            #expect(try receipts(all).contains(try receipts(own)[0]))
        }
    }
}

extension AccessTests {
    @Test func otherMethodsGet405WithAllowAndHeadAnswersAsGet() async throws {
        let fixture = try await Self.fixture()
        let app = Application(router: fixture.service.router())
        try await app.test(.router) { client in
            let put = try await client.execute(uri: "/v1/filings", method: .put)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET, POST, HEAD")
            let delete = try await client.execute(
                uri: "/v1/filings/GLR-000000000000000000000000", method: .delete)
            #expect(delete.status == .methodNotAllowed && delete.headers[.allow] == "GET, HEAD")
            #expect(try await client.execute(uri: "/v1/validate", method: .get).headers[.allow] == "POST")
            let get = try await client.execute(uri: "/healthz", method: .get)
            let head = try await client.execute(uri: "/healthz", method: .head)
            #expect(head.status == .ok && head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            let city: HTTPFields = [.authorization: "Bearer \(fixture.tokens["city"]!)"]
            #expect(try await client.execute(uri: "/v1/audit", method: .head, headers: city).status == .ok)
            #expect(try await client.execute(uri: "/v1/audit", method: .head).status == .unauthorized)
        }
    }
}
