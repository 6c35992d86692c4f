import Foundation
import Hummingbird

/// An error answer of the filing service: a status and `{"error":"…","hint":"…"}`; `description` is the
/// sentence a user reads.
public struct ServiceError: Error, HTTPResponseError, CustomStringConvertible, Sendable {
    public let status: HTTPResponse.Status
    public let description: String
    public let hint: String?
    /// The methods a path takes, for the `Allow` header of a 405.
    public let allow: String?

    public init(
        _ status: HTTPResponse.Status, _ description: String, hint: String? = nil, allow: String? = nil
    ) {
        self.status = status
        self.description = description
        self.hint = hint
        self.allow = allow
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"greenledger\"" }
        if let allow { headers[.allow] = allow }
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: ServiceError.body(description, hint: hint))))
    }

    /// The size of the JSON body, for the request log.
    var bodySize: Int { ServiceError.body(description, hint: hint).count }

    /// `{"error":…,"hint":…}` with sorted keys.
    static func body(_ error: String, hint: String?) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(["error": error, "hint": hint ?? ""])) ?? Data("{}".utf8)
    }

    static let unauthorized = ServiceError(
        .unauthorized, "no valid token: send 'Authorization: Bearer glt_…' with an unrevoked account's token",
        hint: "an administrator creates accounts with 'greenledger accounts add'")

    static func forbidden(_ description: String, hint: String? = nil) -> ServiceError {
        ServiceError(.forbidden, description, hint: hint)
    }

    static func notFound(_ description: String, hint: String? = nil) -> ServiceError {
        ServiceError(.notFound, description, hint: hint)
    }

    static func badRequest(_ description: String, hint: String? = nil) -> ServiceError {
        ServiceError(.badRequest, description, hint: hint)
    }

    static func unavailable(_ description: String) -> ServiceError {
        ServiceError(
            .serviceUnavailable, description,
            hint: "the operator should look at the server's log and its store")
    }
}
