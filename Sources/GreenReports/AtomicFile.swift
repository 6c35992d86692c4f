import Foundation
import GreenDisclosure

/// Writes a report file, or a directory of them, so that a reader sees the old content or the new, never
/// half of it, and so that nothing planted beside the target can redirect the write.
///
/// A file is written to a new temporary beside the target with a random name, created with
/// `O_CREAT|O_EXCL|O_NOFOLLOW` (an existing file or symbolic link of that name is never opened, let alone
/// followed), flushed with `fsync`, then renamed over the target. A directory is written into a new
/// `mkdtemp` directory beside the target and renamed into place; an existing report directory is first
/// renamed aside and removed once the new one is in.
///
/// The target itself must be absent, a regular file (for ``write(_:to:)``) or a report directory (for
/// ``writeDirectory(_:to:)``). Anything else is refused with ``AtomicWriteError`` and left untouched: a
/// directory, a FIFO, a device (`/dev/null`), a socket — and a symbolic link, even to a regular file,
/// because renaming over it would replace the link, not what it points to; give the real path instead.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `path`.
    public static func write(_ text: String, to path: String) throws(AtomicWriteError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` to `path` through a unique temporary beside it, then renames it into place.
    public static func write(_ data: Data, to path: String) throws(AtomicWriteError) {
        try checkTarget(path, directory: false)
        let (temporary, descriptor) = try createTemporary(beside: path)
        do throws(AtomicWriteError) {
            defer { close(descriptor) }
            try writeAll(data, to: descriptor, path: path)
        } catch {
            unlink(temporary)
            throw error
        }
        do throws(AtomicWriteError) {
            // Checked again just before the rename: something may have been planted since.
            try checkTarget(path, directory: false)
            guard rename(temporary, path) == 0 else { throw AtomicWriteError.system(path, "cannot rename") }
        } catch {
            unlink(temporary)
            throw error
        }
        syncDirectory(parent(of: path))
    }

    /// Writes the files `files` (name → content; plain names, no `/`) as the directory `path`.
    ///
    /// The directory appears whole: the files go into a fresh temporary directory beside `path`, which is
    /// then renamed to `path`. An existing directory at `path` is replaced only when it holds nothing but
    /// regular files named like the ones written (a previous report set); it is renamed aside, the new
    /// one renamed in, and the old removed. If anything fails the old set stays as it was.
    public static func writeDirectory(_ files: [String: Data], to path: String) throws(AtomicWriteError) {
        for name in files.keys where name.isEmpty || name.hasPrefix(".") || name.contains("/") {
            throw AtomicWriteError(description: "\(path): '\(name)' is not a plain file name")
        }
        let existing = try checkTarget(path, directory: true)
        if existing {
            try checkReplaceable(path, names: Set(files.keys))
        }
        let temporary = try createTemporaryDirectory(beside: path)
        do throws(AtomicWriteError) {
            for (name, data) in files.sorted(by: { $0.key < $1.key }) {
                let file = temporary + "/" + name
                let descriptor = open(file, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0o644)
                guard descriptor >= 0 else { throw AtomicWriteError.system(path, "cannot create \(name)") }
                defer { close(descriptor) }
                try writeAll(data, to: descriptor, path: path)
            }
            syncDirectory(temporary)
            guard existing else {
                guard rename(temporary, path) == 0 else {
                    throw AtomicWriteError.system(path, "cannot rename the new directory into place")
                }
                syncDirectory(parent(of: path))
                return
            }
            let aside = uniqueName(beside: path, suffix: "old")
            guard rename(path, aside) == 0 else {
                throw AtomicWriteError.system(path, "cannot move the previous report aside")
            }
            guard rename(temporary, path) == 0 else {
                let failure = AtomicWriteError.system(path, "cannot rename the new directory into place")
                _ = rename(aside, path)
                throw failure
            }
            syncDirectory(parent(of: path))
            removeTree(aside)
        } catch {
            removeTree(temporary)
            throw error
        }
    }

    /// Refuses a target that is neither absent nor of the expected kind; returns whether it exists.
    @discardableResult
    static func checkTarget(_ path: String, directory: Bool) throws(AtomicWriteError) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT { return false }
            throw AtomicWriteError.system(path, "cannot inspect the target")
        }
        let type = status.st_mode & S_IFMT
        if type == (directory ? S_IFDIR : S_IFREG) { return true }
        let kind = type == S_IFREG ? "a file, not a directory" : FileKind.describe(type)
        throw AtomicWriteError.notReplaceable(path, kind: kind)
    }

    /// Refuses to replace a directory that holds anything but the report's own files.
    static func checkReplaceable(_ path: String, names: Set<String>) throws(AtomicWriteError) {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw AtomicWriteError.system(path, "cannot list the existing directory")
        }
        for entry in entries {
            var status = stat()
            let isFile = lstat(path + "/" + entry, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
            guard isFile, names.contains(entry) else {
                throw AtomicWriteError(
                    description: "\(path): the directory holds '\(entry)', which is not part of a report; "
                        + "refusing to replace it — give a new or empty directory")
            }
        }
    }

    /// `DIR/.NAME.RANDOM.SUFFIX` beside `path`: 64 random bits, so the name cannot be guessed in advance.
    static func uniqueName(beside path: String, suffix: String) -> String {
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        return parent(of: path) + "/." + URL(fileURLWithPath: path).lastPathComponent + "." + random + "."
            + suffix
    }

    /// A new, exclusively created temporary file beside `path` and its descriptor.
    static func createTemporary(beside path: String) throws(AtomicWriteError) -> (String, Int32) {
        for _ in 0..<16 {
            let name = uniqueName(beside: path, suffix: "tmp")
            let descriptor = open(name, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (name, descriptor) }
            if errno != EEXIST {
                throw AtomicWriteError.system(path, "cannot create a temporary file beside it")
            }
        }
        throw AtomicWriteError.system(path, "cannot create a temporary file beside it")
    }

    /// A new temporary directory beside `path` (`mkdtemp`), readable like any directory the user creates.
    static func createTemporaryDirectory(beside path: String) throws(AtomicWriteError) -> String {
        var template = Array(
            (parent(of: path) + "/." + URL(fileURLWithPath: path).lastPathComponent + ".XXXXXXXX").utf8CString
        )
        guard let created = mkdtemp(&template) else {
            throw AtomicWriteError.system(path, "cannot create a temporary directory beside it")
        }
        let directory = String(cString: created)
        let mask = umask(0)
        umask(mask)
        chmod(directory, 0o777 & ~mask)
        return directory
    }

    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(AtomicWriteError) {
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            throw AtomicWriteError(description: "\(path): cannot write: \(error.localizedDescription)")
        }
    }

    /// The directory holding `path`.
    static func parent(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// Flushes `directory`'s entries to disk (best effort: not every file system supports it).
    static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Removes a directory this writer created (or moved aside), without following links inside it.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A report that could not be written; `description` is the sentence shown.
public struct AtomicWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }

    /// The target exists and is not something a report may replace.
    public static func notReplaceable(_ path: String, kind: String) -> AtomicWriteError {
        AtomicWriteError(description: "\(path): is \(kind); refusing to write the report there")
    }

    /// A system call failed; the reason is `errno`'s.
    static func system(_ path: String, _ action: String) -> AtomicWriteError {
        AtomicWriteError(description: "\(path): \(action): \(String(cString: strerror(errno)))")
    }
}
