/// Small side files a command reads whole (a targets table): regular files only, bounded in size, so that
/// `/dev/zero`, a FIFO or a huge file named by mistake is refused at once instead of hanging or filling
/// memory. Read with the filings' own ``ChunkReader``, which refuses what is not a regular file.
public enum RegularFile {
    /// The bytes of the regular file at `path`, if it holds at most `maximumBytes`.
    /// Throws ``FilingReadError`` for anything else (missing, unreadable, not a regular file, too large).
    public static func contents(of path: String, maximumBytes: Int = 1 << 20) throws -> [UInt8] {
        var reader = try ChunkReader(.file(path: path))
        defer { reader.close() }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        var bytes: [UInt8] = []
        while true {
            let count = try reader.read(into: chunk)
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            if bytes.count > maximumBytes {
                throw FilingReadError(file: path, reason: "it is larger than \(maximumBytes) bytes")
            }
        }
    }
}
