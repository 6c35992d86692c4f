import ArgumentParser
import Foundation
import GreenDisclosure
import GreenMetrics
import GreenReports
import GreenStore
import GreenTaxonomy

/// `greenledger ingest FILE... [--db PATH]`
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store accepted filings' figures (not the XML) in the filing history.",
        discussion: """
            Each file is validated and summarised in one pass; an accepted filing's figures are stored with its \
            SHA-256, lender, period, revision and ingest time, one transaction per filing. Re-ingesting the same \
            file does nothing and says so; a higher revision supersedes in aggregates while the history keeps \
            every revision; a rejected or failing file leaves nothing behind. Several ingests may write one \
            history at once: each waits its turn (up to 10 s per filing), and a filing both store is stored once.
            Exit codes: 0 every file stored or already stored, 1 a filing was rejected or refused, 2 unreadable \
            input or database, no filings found, 64 usage (including a --db that keeps nothing: '', :memory:, \
            file: URIs).
            """)

    @Argument(help: "Filings, or directories holding them.")
    var inputs: [String]

    @Option(help: "The history database (default: greenledger.sqlite in the working directory).")
    var db: String = "greenledger.sqlite"

    @OptionGroup var factors: FactorOptions

    func validate() throws {
        try HistoryOptions.checkLocation(db)
    }

    func run() throws {
        let estimation = try factors.estimation()
        let files = try FileList.xmlFiles(in: inputs)
        guard !files.isEmpty else {
            Output.error("no filings (*.xml) in \(inputs.joined(separator: ", "))")
            throw ExitStatus.couldNotRun
        }
        let store: FilingStore
        do {
            store = try FilingStore(path: db)
        } catch let error as StoreError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        }
        let (summaries, unreadable) = FilingBatch.summarize(
            files, factors: estimation, targets: .defaults,
            concurrency: ProcessInfo.processInfo.activeProcessorCount)
        let now = ISO8601DateFormatter().string(from: Date())
        var failed = false
        for summary in summaries {
            let figures = FilingFigures(summary)
            let label = TerminalText.escape(
                "\(figures.file) (\(figures.lenderName ?? figures.lenderUSCC), \(figures.period ?? "?") revision \(figures.revision))"
            )
            do {
                switch try store.ingest(figures, ingestedAt: now) {
                case .stored(let id, let supersedes, let supersededBy):
                    var note = ""
                    if !supersedes.isEmpty {
                        note += "; supersedes revision \(supersedes.map(String.init).joined(separator: ", "))"
                    }
                    if let supersededBy { note += "; superseded by stored revision \(supersededBy)" }
                    print("stored #\(id): \(label)\(note)")
                case .alreadyStored(let id, let file, let ingestedAt):
                    print(
                        "already stored #\(id) (as \(TerminalText.escape(file)), \(TerminalText.escape(ingestedAt))): "
                            + "\(label) — nothing written")
                case .refreshed(let id, let file):
                    print(
                        "refreshed #\(id) (as \(TerminalText.escape(file))): \(label) — stored by an earlier "
                            + "GreenLedger without benefits, carbon effect and credit risk; its figures were recomputed"
                    )
                case .rejected(let errors):
                    failed = true
                    print(
                        "rejected, not stored: \(label) — \(errors) errors; run 'greenledger validate \(TerminalText.escape(figures.file))'"
                    )
                }
            } catch let error as StoreError {
                failed = true
                Output.error(error.description)
            }
        }
        for item in unreadable { Output.error("\(item.file): cannot read the file: \(item.reason)") }
        if !unreadable.isEmpty { throw ExitStatus.couldNotRun }
        if failed { throw ExitStatus.rejected }
    }
}
