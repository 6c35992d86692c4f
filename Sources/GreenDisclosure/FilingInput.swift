import Glibc

/// Where a filing's bytes come from.
public enum FilingInput: Sendable {
    /// A file on disk.
    case file(path: String)
    /// Standard input (`-` on the command line).
    case standardInput
    /// Bytes in memory, with the name to use in findings.
    case bytes([UInt8], name: String)
    /// Bytes arriving from a producer (an upload), with the name to use in findings.
    case stream(FilingByteStream, name: String)

    /// The name findings use: the path, `<stdin>`, or the given name.
    public var displayName: String {
        switch self {
        case .file(let path): path
        case .standardInput: "<stdin>"
        case .bytes(_, let name): name
        case .stream(_, let name): name
        }
    }
}

/// A filing that cannot be read at all (missing, unreadable, a directory).
public struct FilingReadError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): cannot read the file: \(reason)" }
}

/// Reads a source in chunks without holding it whole.
struct ChunkReader {
    private let descriptor: Int32
    private let owned: Bool
    private var memory: [UInt8]?
    private var offset = 0
    private var stream: (source: FilingByteStream, name: String)?

    init(_ input: FilingInput) throws {
        switch input {
        case .file(let path):
            descriptor = try Self.openRegularFile(path)
            owned = true
        case .standardInput:
            descriptor = 0
            owned = false
        case .bytes(let bytes, _):
            descriptor = -1
            owned = false
            memory = bytes
        case .stream(let source, let name):
            descriptor = -1
            owned = false
            stream = (source, name)
        }
    }

    /// Opens `path` for reading if it is a regular file (following symbolic links). A FIFO, a device, a
    /// socket or a directory is refused without blocking: opening is non-blocking (a FIFO with no writer
    /// would otherwise wait forever) and the type is checked on the opened descriptor, not the name.
    static func openRegularFile(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw FilingReadError(file: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = Glibc.close(fd)
            throw FilingReadError(file: path, reason: reason)
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            _ = Glibc.close(fd)
            throw FilingReadError(file: path, reason: "it is \(FileKind.describe(kind)), not a regular file")
        }
        // Regular files never block; clear the flag so reads behave as usual.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// Fills `buffer` with the next bytes; returns the count, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let stream { return try stream.source.read(into: buffer, name: stream.name) }
        if let memory {
            let count = min(buffer.count, memory.count - offset)
            guard count > 0 else { return 0 }
            memory.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(
                    from: source.baseAddress!.advanced(by: offset), byteCount: count)
            }
            offset += count
            return count
        }
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR {
                throw FilingReadError(file: "input", reason: String(cString: strerror(errno)))
            }
        }
    }

    func close() {
        stream?.source.closeReader()
        if owned { _ = Glibc.close(descriptor) }
    }
}
