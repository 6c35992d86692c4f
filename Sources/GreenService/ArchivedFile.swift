import Foundation
import Hummingbird
import NIOCore

/// An archived filing opened for sending: a regular file (symbolic links refused), streamed in 256 KiB
/// chunks so the server never holds it whole.
struct ArchivedFile: Sendable {
    let path: String
    let size: Int

    init(path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw ServiceError.notFound(
                "the filed bytes are missing from the archive",
                hint: "the operator should restore the archive")
        }
        self.path = path
        size = Int(status.st_size)
    }

    func stream(to writer: inout any ResponseBodyWriter) async throws {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw ServiceError.notFound("the filed bytes cannot be read") }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 256 << 10)
        var sent = 0
        while sent < size {
            let count = buffer.withUnsafeMutableBytes {
                read(descriptor, $0.baseAddress, min($0.count, size - sent))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            try await writer.write(ByteBuffer(bytes: buffer[0..<count]))
            sent += count
        }
        try await writer.finish(nil)
    }
}
