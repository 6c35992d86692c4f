import Foundation
import Synchronization

/// `greenledger serve --port 0` running as a child process: started, read until it says where it listens,
/// stopped with SIGTERM. Its standard error is kept for the log tests.
final class ServerProcess: Sendable {
    let port: Int
    private let process: Process
    private let errors: Collected
    private let exited = DispatchSemaphore(value: 0)
    private let status = Mutex<Int32?>(nil)
    private let stdout: BoundedRunner.Drained
    private let stdoutText = Mutex<String?>(nil)

    struct StartError: Error, CustomStringConvertible {
        let description: String
    }

    /// Standard error, read on a thread of its own as it comes; `listening` is signalled at the line saying
    /// where the server listens (or at the end), `drained` at the end.
    final class Collected: Sendable {
        let data = Mutex(Data())
        let listening = DispatchSemaphore(value: 0)
        let drained = DispatchSemaphore(value: 0)

        init(_ pipe: Pipe) {
            Thread.detachNewThread { [self] in
                let handle = pipe.fileHandleForReading
                var signalled = false
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    let text = data.withLock { data -> Data in
                        data.append(chunk)
                        return data
                    }
                    if !signalled, String(decoding: text, as: UTF8.self).contains("listening on http://") {
                        signalled = true
                        listening.signal()
                    }
                }
                if !signalled { listening.signal() }
                drained.signal()
            }
        }

        var text: String { String(decoding: data.withLock { $0 }, as: UTF8.self) }
    }

    /// Starts `greenledger serve --db db --port 0 arguments…` in `directory` and waits (up to 30 s) for its
    /// `listening on http://127.0.0.1:PORT` line.
    init(db: String, arguments: [String] = [], in directory: URL) throws {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["serve", "--db", db, "--port", "0"] + arguments
        process.currentDirectoryURL = directory
        let err = Pipe()
        let out = Pipe()
        process.standardError = err
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        let exited = exited
        process.terminationHandler = { _ in exited.signal() }
        self.process = process
        try process.run()
        stdout = BoundedRunner.Drained(out)
        errors = Collected(err)
        let text =
            errors.listening.wait(timeout: .now() + 30) == .timedOut ? "(nothing within 30 s)" : errors.text
        guard let range = text.range(of: "listening on http://127.0.0.1:") else {
            kill(process.processIdentifier, SIGKILL)
            throw StartError(description: "serve did not start: \(text)")
        }
        port = Int(text[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }

    var processIdentifier: Int32 { process.processIdentifier }

    /// Sends SIGTERM without waiting.
    func terminate() { kill(process.processIdentifier, SIGTERM) }

    /// Waits for the process to exit (SIGKILL after `timeout` seconds, status -1); returns its status.
    @discardableResult
    func waitForExit(timeout: Double = 30) -> Int32 {
        if let known = status.withLock({ $0 }) { return known }
        var result: Int32 = -1
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        } else {
            result = process.terminationStatus
        }
        exited.signal()  // a later call does not wait again
        status.withLock { $0 = result }
        return result
    }

    /// SIGTERM, then the exit status (0 expected).
    @discardableResult
    func stop() -> Int32 {
        if let known = status.withLock({ $0 }) { return known }
        terminate()
        return waitForExit()
    }

    /// Everything written to standard error so far (all of it once the process has exited).
    var standardError: String {
        if status.withLock({ $0 }) != nil {
            _ = errors.drained.wait(timeout: .now() + 10)
            errors.drained.signal()
        }
        return errors.text
    }

    /// Standard output, once the process has exited (read once: ``BoundedRunner/Drained`` ends once).
    var standardOutput: String {
        if let text = stdoutText.withLock({ $0 }) { return text }
        let text = stdout.text()
        stdoutText.withLock { $0 = text }
        return text
    }
}

/// A temporary directory with a history file, its accounts, and servers over it.
struct ServiceStore {
    let directory: URL
    let db: String

    init(_ name: String) throws {
        directory = try BoundedRunner.temporaryDirectory("service-\(name)")
        db = directory.appendingPathComponent("history.sqlite").path
    }

    /// A store at `db` (a PostgreSQL URL), run from a new temporary directory.
    init(_ name: String, db: String) throws {
        directory = try BoundedRunner.temporaryDirectory("service-\(name)")
        self.db = db
    }

    /// The default archive beside the history: `history.sqlite.archive`.
    var archive: URL { URL(fileURLWithPath: db + ".archive") }

    struct Account {
        let id: String
        let token: String
    }

    /// `greenledger accounts add`; the token is standard output, the id is in the note on standard error.
    func add(_ role: String, uscc: String? = nil, district: String? = nil, name: String? = nil) throws
        -> Account
    {
        var arguments = ["accounts", "add", "--db", db, "--role", role, "--name", name ?? "\(role) account"]
        if let uscc { arguments += ["--uscc", uscc] }
        if let district { arguments += ["--district", district] }
        let result = try BoundedRunner.run(arguments, in: directory, timeout: 30)
        let token = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, token.hasPrefix("glt_"),
            let range = result.stderr.range(of: "added account ")
        else {
            throw CLIRunner.SetUpError(
                description: "accounts add \(role) exited \(result.status): \(result.stderr)")
        }
        return Account(id: String(result.stderr[range.upperBound...].prefix { $0.isNumber }), token: token)
    }

    /// A lender account for the USCC named in `sample`.
    func lender(for sample: String) throws -> Account {
        try add("lender", uscc: try Samples.uscc(sample), name: "lender of \(sample)")
    }

    func revoke(_ account: Account) throws {
        let result = try BoundedRunner.run(["accounts", "revoke", "--db", db, account.id], in: directory)
        guard result.status == 0 else {
            throw CLIRunner.SetUpError(
                description: "accounts revoke exited \(result.status): \(result.stderr)")
        }
    }

    /// Deletes the directory (for tests that archive megabytes; call after the server has stopped).
    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Starts a server over this history.
    func serve(_ arguments: [String] = []) throws -> ServerProcess {
        try ServerProcess(db: db, arguments: arguments, in: directory)
    }

    /// Runs the command line in this directory.
    func run(_ arguments: [String]) throws -> CLIRunner.Result {
        try BoundedRunner.run(arguments, in: directory, timeout: 60)
    }

    /// Files in the archive directory, relative to it (temporary `.incoming-…` files included).
    func archivedFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: archive.path)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: archive.appendingPathComponent(name).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(name)
            }
        }
        return files.sorted()
    }
}

/// The sample filings under Samples/, by path relative to it.
enum Samples {
    static let root = CLIRunner.packageRoot.appendingPathComponent("Samples")

    static let q3 = [
        "2026-Q3/dapeng-green-leasing.xml", "2026-Q3/example-bank-shenzhen-branch.xml",
        "2026-Q3/example-finance-company.xml", "2026-Q3/example-rural-commercial-bank.xml",
        "2026-Q3/longgang-village-bank.xml", "2026-Q3/pengcheng-microcredit.xml",
        "2026-Q3/pingshan-village-bank-r1.xml", "2026-Q3/pingshan-village-bank-r2.xml",
    ]

    static let q2 =
        q3.filter { !$0.contains("pingshan") }.map { $0.replacingOccurrences(of: "Q3", with: "Q2") }
        + ["2026-Q2/pingshan-village-bank.xml"]

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(name))
    }

    /// The `<Lender uscc="…">` of a sample.
    static func uscc(_ name: String) throws -> String {
        let text = String(decoding: try data(name), as: UTF8.self)
        guard let range = text.range(of: "<Lender uscc=\"") else {
            throw CLIRunner.SetUpError(description: "\(name) names no lender")
        }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}

/// SHA-256 (FIPS 180-4) of some bytes, in lower-case hex; the test target does not link a crypto library.
enum SHA256Hex {
    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
        0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7,
        0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc,
        0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351,
        0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e,
        0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585,
        0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f,
        0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
        0xc671_78f2,
    ]

    static func of(_ data: Data) -> String {
        var h: [UInt32] = [
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
            0x5be0_cd19,
        ]
        var message = [UInt8](data)
        let bitLength = UInt64(message.count) * 8
        message.append(0x80)
        while message.count % 64 != 56 { message.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        var w = [UInt32](repeating: 0, count: 64)
        for block in stride(from: 0, to: message.count, by: 64) {
            for i in 0..<16 {
                let j = block + i * 4
                let high: UInt32 = UInt32(message[j]) << 24 | UInt32(message[j + 1]) << 16
                w[i] = high | UInt32(message[j + 2]) << 8 | UInt32(message[j + 3])
            }
            for i in 16..<64 {
                let s0: UInt32 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1: UInt32 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let sum1: UInt32 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                let choice: UInt32 = (e & f) ^ (~e & g)
                let t1: UInt32 = hh &+ sum1 &+ choice &+ k[i] &+ w[i]
                let sum0: UInt32 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                let majority: UInt32 = (a & b) ^ (a & c) ^ (b & c)
                let t2: UInt32 = sum0 &+ majority
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, v) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ v }
        }
        return h.map { String(format: "%08x", $0) }.joined()
    }
}
