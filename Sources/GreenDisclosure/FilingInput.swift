import Glibc

/// Where a filing's bytes come from.
public enum FilingInput: Sendable {
    /// A file on disk.
    case file(path: String)
    /// Standard input (`-` on the command line).
    case standardInput
    /// Bytes in memory, with the name to use in findings.
    case bytes([UInt8], name: String)

    /// The name findings use: the path, `<stdin>`, or the given name.
    public var displayName: String {
        switch self {
        case .file(let path): path
        case .standardInput: "<stdin>"
        case .bytes(_, let name): name
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

    init(_ input: FilingInput) throws {
        switch input {
        case .file(let path):
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                throw FilingReadError(file: path, reason: "it is a directory")
            }
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw FilingReadError(file: path, reason: String(cString: strerror(errno))) }
            descriptor = fd
            owned = true
        case .standardInput:
            descriptor = 0
            owned = false
        case .bytes(let bytes, _):
            descriptor = -1
            owned = false
            memory = bytes
        }
    }

    /// Fills `buffer` with the next bytes; returns the count, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
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
        if owned { _ = Glibc.close(descriptor) }
    }
}
