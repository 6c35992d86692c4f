import ArgumentParser
import Foundation
import GreenReports
import GreenTaxonomy

/// Exit codes documented in `greenledger --help`.
enum ExitStatus {
    static let rejected = ExitCode(1)
    static let couldNotRun = ExitCode(2)
    static let usage = ExitCode(64)
}

/// Writes to standard output and standard error.
enum Output {
    static func line(_ text: String = "") {
        print(text)
    }

    /// One line on standard error; file names and filing text in it are escaped for the terminal.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data("greenledger: error: \(TerminalText.escape(text))\n".utf8))
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data("greenledger: note: \(TerminalText.escape(text))\n".utf8))
    }

    /// Deterministic JSON: sorted keys, two-space indentation, slashes and Chinese unescaped.
    static func json(_ value: some Encodable) throws {
        print(String(decoding: try ReportDocument.json(value), as: UTF8.self), terminator: "")
    }

    /// Runs `body`, turning taxonomy lookup errors into a one-line message and the usage exit code.
    static func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as TaxonomyError {
            Output.error(error.description)
            throw ExitStatus.usage
        }
    }
}

/// `--format` for commands that print text or JSON.
struct TextOrJSONOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Output format: text or json (deterministic, sorted keys).")
    var format: Format = .text
}
