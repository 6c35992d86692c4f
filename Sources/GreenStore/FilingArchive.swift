import Foundation
import GreenDisclosure

/// The filed bytes, kept as received: one file per content hash (`ab/abcdef….xml` under the directory),
/// written through a new temporary file (`O_CREAT|O_EXCL|O_NOFOLLOW`) and renamed into place when the
/// upload is complete, so a reader never sees half a filing and no name in a filing ever becomes a path.
public struct FilingArchive: Sendable {
    public let directory: String

    /// Opens (creating) the archive directory. Throws ``StoreError`` when it is not a directory (a symbolic
    /// link to one is refused too: the archive is where the operator put it, not where a link points).
    public init(directory: String) throws {
        self.directory = directory
        var status = stat()
        if lstat(directory, &status) != 0 {
            guard mkdir(directory, 0o750) == 0 || errno == EEXIST else {
                throw StoreError(
                    "\(directory): cannot create the archive: \(String(cString: strerror(errno)))")
            }
            guard lstat(directory, &status) == 0 else {
                throw StoreError("\(directory): cannot open the archive: \(String(cString: strerror(errno)))")
            }
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw StoreError(
                "\(directory): is \(FileKind.describe(status.st_mode & S_IFMT)), not an archive directory")
        }
        removeStaleIncoming()
    }

    /// Removes temporaries older than a day: uploads a crashed process never finished (a live upload's
    /// temporary is younger).
    private func removeStaleIncoming() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let dayAgo = time(nil) - 86_400
        for name in names where name.hasPrefix(".incoming-") {
            var status = stat()
            let path = "\(directory)/\(name)"
            if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mtim.tv_sec < dayAgo {
                unlink(path)
            }
        }
    }

    /// Whether `path` lies inside the archive once every symbolic link is resolved (a shard folder swapped
    /// for a link elsewhere is not followed).
    public func contains(resolved path: String) -> Bool {
        guard let root = realpath(directory, nil), let target = realpath(path, nil) else { return false }
        defer {
            free(root)
            free(target)
        }
        return String(cString: target).hasPrefix(String(cString: root) + "/")
    }

    /// The archive beside a history file: `greenledger.sqlite` → `greenledger.sqlite.archive`.
    public static func defaultDirectory(forStore path: String) -> String { path + ".archive" }

    /// Where the bytes with this SHA-256 are kept, or nil for a text that is not a SHA-256 in hex.
    public func path(sha256: String) -> String? {
        guard sha256.utf8.count == 64,
            sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        return "\(directory)/\(sha256.prefix(2))/\(sha256).xml"
    }

    /// Starts writing a filing as it arrives.
    func begin() throws -> ArchiveWriter {
        var generator = SystemRandomNumberGenerator()
        let name = "\(directory)/.incoming-\(UInt64.random(in: 0...UInt64.max, using: &generator)).xml"
        let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw StoreError("\(directory): cannot write to the archive: \(String(cString: strerror(errno)))")
        }
        return ArchiveWriter(archive: self, descriptor: fd, temporary: name)
    }
}

/// One filing being written into the archive: ``write(_:)`` as chunks arrive, ``finishWriting()``, then
/// ``commit(sha256:)`` or ``discard()`` (also on deinit, so a filing never committed leaves nothing behind).
/// Used by one task at a time.
final class ArchiveWriter: @unchecked Sendable {
    let archive: FilingArchive
    private var descriptor: Int32
    let temporary: String
    /// Whether the temporary was moved into place or removed: nothing is left to clean up.
    private var settled = false
    /// Bytes written, and how many of them were handed to the kernel's writeback already.
    private var written = 0
    private var handedOver = 0
    /// Writeback is started every this many bytes, so the `fsync` at the end has little left to wait for.
    static let writebackBytes = 32 << 20

    init(archive: FilingArchive, descriptor: Int32, temporary: String) {
        self.archive = archive
        self.descriptor = descriptor
        self.temporary = temporary
    }

    deinit { discard() }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure(archive.directory, "cannot write to the archive")
            }
            offset += count
        }
        written += bytes.count
        if written - handedOver >= Self.writebackBytes {
            // Starts writing these pages out without waiting (Linux: DONTNEED writes dirty pages back, then
            // drops them from the cache, which a filing being archived does not need).
            _ = posix_fadvise(descriptor, off_t(handedOver), off_t(written - handedOver), POSIX_FADV_DONTNEED)
            handedOver = written
        }
    }

    /// The upload is complete: its bytes are flushed to disk and the file closed (it stays a temporary
    /// until ``commit(sha256:)``), so that many prepared filings hold no descriptors.
    func finishWriting() throws {
        guard descriptor >= 0 else { return }
        guard fsync(descriptor) == 0 else {
            throw Self.failure(archive.directory, "cannot write to the archive")
        }
        close()
    }

    /// Moves the complete filing to its place; returns whether it was new (false: the same bytes were
    /// archived before, and this copy is removed).
    func commit(sha256: String) throws -> Bool {
        guard let target = archive.path(sha256: sha256) else {
            throw StoreError("\(archive.directory): '\(sha256)' is not a content hash")
        }
        try finishWriting()
        let folder = (target as NSString).deletingLastPathComponent
        if mkdir(folder, 0o750) != 0 && errno != EEXIST {
            throw Self.failure(folder, "cannot create the archive folder")
        }
        if access(target, F_OK) == 0 {
            discard()
            return false
        }
        guard rename(temporary, target) == 0 else { throw Self.failure(target, "cannot archive the filing") }
        settled = true
        // The rename itself is made durable before the receipt that names it is stored.
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            _ = Glibc.close(folderDescriptor)
        }
        return true
    }

    /// Removes the temporary file (an upload that broke off, was refused or too large, or never committed).
    func discard() {
        close()
        if !settled {
            settled = true
            unlink(temporary)
        }
    }

    private func close() {
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    private static func failure(_ path: String, _ what: String) -> StoreError {
        StoreError("\(path): \(what): \(String(cString: strerror(errno)))")
    }
}
