import Foundation
import Synchronization

/// Runs the built binary like ``CLIRunner``, but in a chosen working directory, with a deadline (a hang
/// is a failure, not a stuck test run), or several at once.
enum BoundedRunner {
    /// Runs `arguments` in `directory` (default: the package root); after `timeout` seconds the process is
    /// killed and the result has status -1.
    static func run(
        _ arguments: [String], in directory: URL? = nil, executable: URL = CLIRunner.binary,
        timeout: Double = 60
    ) throws -> CLIRunner.Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? CLIRunner.packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // Both pipes are drained on their own threads so a large output cannot block the child.
        let stdout = Drained(out)
        let stderr = Drained(err)
        var status = Int32(-1)
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        } else {
            status = process.terminationStatus
        }
        return CLIRunner.Result(status: status, stdout: stdout.text(), stderr: stderr.text())
    }

    /// Runs every argument list at the same time and returns the results in the same order.
    static func runTogether(_ runs: [[String]], timeout: Double = 120) -> [CLIRunner.Result] {
        let results = Mutex([CLIRunner.Result?](repeating: nil, count: runs.count))
        DispatchQueue.concurrentPerform(iterations: runs.count) { index in
            let result =
                (try? run(runs[index], timeout: timeout))
                ?? CLIRunner.Result(status: -2, stdout: "", stderr: "could not start")
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0 }.map { $0 ?? CLIRunner.Result(status: -2, stdout: "", stderr: "") }
    }

    /// A pipe read to its end on a thread of its own.
    final class Drained: Sendable {
        private let data = Mutex(Data())
        private let done = DispatchSemaphore(value: 0)

        init(_ pipe: Pipe) {
            Thread.detachNewThread { [self] in
                let bytes = pipe.fileHandleForReading.readDataToEndOfFile()
                data.withLock { $0 = bytes }
                done.signal()
            }
        }

        /// Waits for the end of the output.
        func text() -> String {
            done.wait()
            return String(decoding: data.withLock { $0 }, as: UTF8.self)
        }
    }

    /// A new empty directory under the temporary directory.
    static func temporaryDirectory(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
