import Foundation
import GreenStore
import Hummingbird

/// One line per request — time, method, path, status, response bytes, milliseconds, account id — written
/// after the answer. The query string is left out (it is short, but never needed) and so is every header:
/// no token can reach the log.
public struct RequestLog: RouterMiddleware, Sendable {
    public typealias Context = ServiceContext
    /// Where the lines go.
    public let write: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// Lines on standard error.
    public static let standardError = RequestLog { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A note from the server (a store failure, shutting down), on the same sink.
    public func note(_ text: String) {
        write("\(Timestamp.text(Date())) greenledger serve: \(text)")
    }

    public func handle(
        _ request: Request, context: ServiceContext,
        next: (Request, ServiceContext) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            line(
                request, context, status: response.status.code, bytes: response.body.contentLength,
                since: start)
            return response
        } catch let error as ServiceError {
            line(request, context, status: error.status.code, bytes: error.bodySize, since: start)
            throw error
        } catch let error as HTTPResponseError {
            line(request, context, status: error.status.code, bytes: nil, since: start)
            throw error
        } catch {
            line(request, context, status: 500, bytes: nil, since: start)
            throw error
        }
    }

    private func line(
        _ request: Request, _ context: ServiceContext, status: Int, bytes: Int?,
        since start: ContinuousClock.Instant
    ) {
        let elapsed = ContinuousClock.now - start
        let milliseconds =
            Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let path = String(
            request.uri.path.unicodeScalars.map { $0.value < 0x21 || $0.value == 0x7F ? "?" : Character($0) }
                .prefix(300))
        write(
            "\(Timestamp.text(Date())) \(request.method.rawValue) \(path) \(status) "
                + "\(bytes.map(String.init) ?? "-") \(String(format: "%.1f", milliseconds))ms "
                + "account=\(context.identity?.id ?? "-")")
    }
}
