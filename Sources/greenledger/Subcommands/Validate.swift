import ArgumentParser
import Foundation
import GreenDisclosure
import GreenTaxonomy

extension XSDEngine: ExpressibleByArgument {}

/// `greenledger validate FILE...`
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check disclosure filings before filing: XSD and every business rule, ACCEPT or REJECT.",
        discussion: """
            Each filing is read once, as a stream, and checked against the format-v1 XSD and the rules \
            ('greenledger validate --rules' lists them). Findings print compiler-style: \
            FILE:LINE:COL: error[RULE]: message (hint). JSON is one document per run (schema \
            greenledger-validate/1, snake_case keys; reference in Docs/json-output.md).

            Exit codes: 0 every filing accepted; 1 a filing rejected; 2 a file could not be read; 64 usage.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
    }

    @Argument(help: "Filings to check; '-' reads standard input.")
    var files: [String] = []

    @Option(help: "text, json (one document per run) or csv (an error ledger keyed by loan id).")
    var format: Format = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "Print at most N findings per rule and file (all are counted).")
    var maxPerRule: Int = 20

    @Flag(help: "List the rules and exit.")
    var rules = false

    @Option(
        help:
            "The XSD engine: compiled (the schema compiled into the reader; the default) or libxml2 (libxml2's generic XSD engine: slower, a cross-check)."
    )
    var xsdEngine: XSDEngine = .compiled

    @OptionGroup var factors: FactorOptions

    func validate() throws {
        if !rules && files.isEmpty {
            throw ValidationError("give at least one filing, or '-' for standard input")
        }
        if maxPerRule < 0 { throw ValidationError("--max-per-rule must be 0 or more") }
        if files.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input ('-') can be read only once")
        }
    }

    func run() throws {
        if rules {
            ValidationOutput.printRules(format: format)
            return
        }
        let estimation = try factors.estimation()
        var reports: [ValidationReport] = []
        var unreadable: [FilingReadError] = []
        for file in files {
            let input: FilingInput = file == "-" ? .standardInput : .file(path: file)
            do {
                var options = ReaderOptions(
                    storedFindingsPerRule: max(maxPerRule, 1000),
                    generationCheck: estimation.generationCheck ?? .standard)
                options.xsdEngine = xsdEngine
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
                let progress = ProgressLine(label: file == "-" ? "<stdin>" : file, totalBytes: size)
                if let progress { options.progress = { progress.update(bytes: $0) } }
                defer { progress?.finish() }
                reports.append(try DisclosureReader.validate(input, options: options))
            } catch let error as FilingReadError {
                unreadable.append(error)
                Output.error(error.description)
            }
        }
        switch format {
        case .text: ValidationOutput.printText(reports, strict: strict, maxPerRule: maxPerRule)
        case .json: try ValidationOutput.printJSON(reports, unreadable: unreadable, strict: strict)
        case .csv: ValidationOutput.printCSV(reports, strict: strict)
        }
        if !unreadable.isEmpty { throw ExitStatus.couldNotRun }
        if reports.contains(where: { $0.verdict(strict: strict) == .reject }) { throw ExitStatus.rejected }
    }
}
