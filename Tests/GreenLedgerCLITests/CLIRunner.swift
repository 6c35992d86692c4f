import Foundation

/// Runs the built `greenledger` binary, which `swift test` builds next to the test bundle.
struct CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let binary: URL = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("greenledger")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        // Fallback: the package's default build folder.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/greenledger")
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A suite's set-up step that did not work (thrown to each test that needs it, rather than a trap).
    struct SetUpError: Error, CustomStringConvertible {
        let description: String
    }

    /// Ingests `inputs` (paths relative to the package root) into the history at `db`; throws unless
    /// `ingest` exits 0. Returns `db`.
    @discardableResult
    static func ingest(_ inputs: [String], into db: String) throws -> String {
        let result = try run(["ingest", "--db", db] + inputs)
        guard result.status == 0 else {
            throw SetUpError(description: "ingest \(inputs) exited \(result.status): \(result.stderr)")
        }
        return db
    }
}
