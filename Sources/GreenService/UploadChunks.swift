import Hummingbird
import NIOCore

/// A request body as chunks of bytes, for the intake (which knows nothing of NIO).
struct UploadChunks: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    let body: RequestBody

    func makeAsyncIterator() -> Iterator { Iterator(base: body.makeAsyncIterator()) }

    struct Iterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator

        mutating func next() async throws -> [UInt8]? {
            try await base.next().map { Array(buffer: $0) }
        }
    }
}
