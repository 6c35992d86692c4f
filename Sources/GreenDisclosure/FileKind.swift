import Glibc

/// What a path is, in the words a message uses ("a FIFO (named pipe)", "a character device"): one wording
/// for every place that refuses a path that is not the regular file (or directory) it needs.
public enum FileKind {
    /// The kind of the `st_mode & S_IFMT` value `type`.
    public static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
