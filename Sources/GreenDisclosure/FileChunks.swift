/// A file's bytes as an asynchronous sequence of chunks (256 KiB), for an intake that takes uploads and
/// files alike. Only a regular file is read (as ``FilingInput/file(path:)``); the first `next()` throws
/// ``FilingReadError`` for anything else.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public let path: String

    public init(path: String) { self.path = path }

    public func makeAsyncIterator() -> Iterator { Iterator(path: path) }

    public final class Iterator: AsyncIteratorProtocol {
        private let path: String
        private var reader: ChunkReader?
        private var done = false

        init(path: String) { self.path = path }

        deinit { reader?.close() }

        public func next() async throws -> [UInt8]? {
            guard !done else { return nil }
            if reader == nil { reader = try ChunkReader(.file(path: path)) }
            var chunk = [UInt8](repeating: 0, count: 256 << 10)
            let count: Int
            do {
                count = try chunk.withUnsafeMutableBytes { try reader!.read(into: $0) }
            } catch let error as FilingReadError {
                throw FilingReadError(file: path, reason: error.reason)
            }
            if count == 0 {
                done = true
                reader?.close()
                reader = nil
                return nil
            }
            chunk.removeLast(chunk.count - count)
            return chunk
        }
    }
}
