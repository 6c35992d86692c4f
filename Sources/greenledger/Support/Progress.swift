import Foundation
import GreenReports
import Synchronization

/// Progress of a long run on standard error — only when it is a terminal, never mixed into stdout.
final class ProgressLine: Sendable {
    private let label: String
    private let total: Int?
    private let start = ContinuousClock.now
    private let lastShown = Mutex<ContinuousClock.Instant?>(nil)

    /// Nil when standard error is not a terminal.
    init?(label: String, totalBytes: Int?) {
        guard isatty(2) == 1 else { return nil }
        self.label = TerminalText.escape(label)
        total = totalBytes
    }

    /// Shows `bytes` read (and a note such as "3/40 files"), at most five times a second.
    func update(bytes: Int, note: String? = nil) {
        let now = ContinuousClock.now
        let due = lastShown.withLock { last -> Bool in
            if let last, now - last < .milliseconds(200) { return false }
            last = now
            return true
        }
        guard due else { return }
        let seconds =
            Double((now - start).components.attoseconds) / 1e18 + Double((now - start).components.seconds)
        let megabytes = Double(bytes) / 1_000_000
        let rate = seconds > 0 ? megabytes / seconds : 0
        let of =
            total.map {
                String(
                    format: " of %.0f MB (%.0f%%)", Double($0) / 1_000_000,
                    100 * Double(bytes) / Double(max($0, 1)))
            } ?? ""
        FileHandle.standardError.write(
            Data(String(format: "\r\u{1B}[K%@: %.0f MB%@, %.1f MB/s", label, megabytes, of, rate).utf8))
    }

    /// Clears the line.
    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
