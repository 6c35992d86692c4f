import Foundation
import GreenMetrics
import GreenReports
import GreenStore
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore

/// The HTTP filing service (`filing-service-v1`): lenders file and get receipts; district and city staff read
/// roll-ups, reports and the audit log. Routes only translate requests: filing goes through the one
/// ``FilingIntake``, roll-ups through ``FilingStore``, documents through `GreenReports`.
public struct FilingService: Sendable {
    public let store: FilingStore
    public let intake: FilingIntake
    /// The version named by `/healthz` and in reports' manifests.
    public let version: String
    public let targets: TargetSet
    /// Where one line per request goes (standard error by default); never given a token.
    public let log: RequestLog

    public init(
        store: FilingStore, intake: FilingIntake, version: String, targets: TargetSet = .defaults,
        log: RequestLog = .standardError
    ) {
        self.store = store
        self.intake = intake
        self.version = version
        self.targets = targets
        self.log = log
    }

    /// Every route of the service.
    public func router() -> Router<ServiceContext> {
        let router = Router(context: ServiceContext.self)
        // The authenticator first, so that the request log sees the account.
        router.add(middleware: TokenAuthenticator(store: store, log: log))
        router.add(middleware: log)
        let version = version
        let gets: [(path: String, handler: @Sendable (Request, ServiceContext) async throws -> Response)] = [
            (
                "/",
                { _, _ in
                    Response(
                        status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: WebPage.html)))
                }
            ),
            ("/healthz", { _, _ in try json(["status": "ok", "version": version]) }),
            (
                "/openapi.yaml",
                { _, _ in
                    Response(
                        status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml(version: version))))
                }
            ),
            ("/v1/filings", { try await list($0, $1) }),
            ("/v1/filings/{receipt}", { try await receipt($0, $1) }),
            ("/v1/filings/{receipt}/document", { try await document($0, $1) }),
            ("/v1/aggregate", { try await aggregate($0, $1) }),
            ("/v1/report", { try await report($0, $1) }),
            ("/v1/audit", { try await audit($0, $1) }),
        ]
        for (path, handler) in gets {
            router.get(RouterPath(path)) { request, context in try await handler(request, context) }
            // HEAD: the GET's status and headers without its body (RFC 9110 §9.3.2).
            router.head(RouterPath(path)) { request, context in
                let response = try await handler(request, context)
                var headers = response.headers
                if let length = response.body.contentLength { headers[.contentLength] = String(length) }
                return Response(status: response.status, headers: headers, body: ResponseBody())
            }
        }
        router.post("/v1/validate") { request, context in try await validate(request, context) }
        router.post("/v1/filings") { request, context in try await file(request, context) }
        refuseOtherMethods(router)
        return router
    }

    /// The methods each path answers (HEAD wherever GET); any other method gets 405 with `Allow`.
    static let methods: [(path: String, allowed: [HTTPRequest.Method])] = [
        ("/", [.get]), ("/healthz", [.get]), ("/openapi.yaml", [.get]), ("/v1/validate", [.post]),
        ("/v1/filings", [.get, .post]), ("/v1/filings/{receipt}", [.get]),
        ("/v1/filings/{receipt}/document", [.get]),
        ("/v1/aggregate", [.get]), ("/v1/report", [.get]), ("/v1/audit", [.get]),
    ]

    /// Registers, for every path, a 405 answer for the methods it does not take.
    private func refuseOtherMethods(_ router: Router<ServiceContext>) {
        let all: [HTTPRequest.Method] = [
            .get, .head, .post, .put, .patch, .delete, .options, .trace, .connect,
        ]
        for (path, allowed) in Self.methods {
            let allow = (allowed.contains(.get) ? allowed + [.head] : allowed).map(\.rawValue).joined(
                separator: ", ")
            for method in all where !allowed.contains(method) && !(method == .head && allowed.contains(.get))
            {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    throw ServiceError(
                        .methodNotAllowed, "\(path) takes \(allow) only", hint: "see GET /openapi.yaml",
                        allow: allow)
                }
            }
        }
    }

    /// The application listening on `host`:`port` (0 picks a free port); `onRunning` gets the bound port.
    public func application(
        host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var logger = Logger(label: "greenledger-serve")
        logger.logLevel = .warning
        return Application(
            router: router(),
            // A connection that sends nothing for 5 minutes is closed (a stalled client holds no validation
            // slot for ever); long enough for an upload queued behind others.
            server: .http1(configuration: .init(idleTimeout: .seconds(300))),
            configuration: .init(address: .hostname(host, port: port), serverName: "greenledger/\(version)"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// A JSON response: the deterministic encoding the command line prints.
    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: try ReportDocument.json(value))))
    }

    /// Runs a store call on a thread of Dispatch's pool, not the cooperative pool the server's tasks share
    /// (SQLite may wait up to 10 s for another writer's lock); a store failure is logged in full and
    /// answered with 503 without the server's paths.
    func storeCall<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw unavailableError(error)
        }
    }

    /// Runs blocking work (a store call, rendering a report) on Dispatch's global pool.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    func unavailableError(_ error: StoreError) -> ServiceError {
        log.note("store error: \(error.description)")
        return ServiceError.unavailable("the filing history cannot be read or written just now")
    }
}
