import Glibc

/// Small side files a command reads whole (a targets table): regular files only, bounded in size, so that
/// `/dev/zero`, a FIFO or a huge file named by mistake is refused at once instead of hanging or filling
/// memory.
public enum RegularFile {
    /// The bytes of the regular file at `path`, if it holds at most `maximumBytes`.
    /// Throws ``FilingReadError`` for anything else (missing, unreadable, not a regular file, too large).
    public static func contents(of path: String, maximumBytes: Int = 1 << 20) throws -> [UInt8] {
        let fd = try ChunkReader.openRegularFile(path)
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FilingReadError(file: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            if bytes.count > maximumBytes {
                throw FilingReadError(file: path, reason: "it is larger than \(maximumBytes) bytes")
            }
        }
    }
}
