import ArgumentParser
import Foundation
import GreenDisclosure
import GreenMetrics
import GreenReports
import GreenStore
import GreenTaxonomy

/// `greenledger ingest FILE... [--db PATH] [--archive DIR]`
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store accepted filings' figures in the filing history, with a receipt each.",
        discussion: """
            Each file goes through the same intake as 'POST /v1/filings' of 'greenledger serve': read once, as a \
            stream, hashed (SHA-256), archived and validated; an accepted filing's figures are stored with its \
            lender, period, revision and ingest time, its receipt and an audit event, in one transaction. A \
            rejected filing gets a receipt with its findings and no figures. Re-ingesting the same file does \
            nothing but say so; a higher revision supersedes in aggregates while the history keeps every \
            revision; a failing file leaves nothing behind. Several ingests (and servers) may write one history \
            at once: each waits its turn (up to 10 s per filing), and a filing both store is stored once. The \
            filed bytes are kept in --archive (default: the history's path with .archive), one file per SHA-256.
            Exit codes: 0 every file stored or already stored, 1 a filing was rejected or refused, 2 unreadable \
            input or database, no filings found, 64 usage (including a --db that keeps nothing: '', :memory:, \
            file: URIs).
            """)

    @Argument(help: "Filings, or directories holding them.")
    var inputs: [String]

    @Option(
        help:
            "The history: a SQLite file (default: greenledger.sqlite in the working directory) or postgres://user:password@host:port/db[?sslmode=require]."
    )
    var db: String = "greenledger.sqlite"

    @Option(help: "Where the filed bytes are kept (default: the --db path with .archive).")
    var archive: String?

    @OptionGroup var factors: FactorOptions

    func validate() throws {
        try HistoryOptions.checkLocation(db)
    }

    func run() async throws {
        let estimation = try factors.estimation()
        let files = try FileList.xmlFiles(in: inputs)
        guard !files.isEmpty else {
            Output.error("no filings (*.xml) in \(inputs.joined(separator: ", "))")
            throw ExitStatus.couldNotRun
        }
        let (db, archive) = (db, archive)
        let results = try await HistoryOptions.withStore(db, create: true) { store in
            let intake = try HistoryOptions.intake(
                store: store, db: db, archive: archive, factors: estimation, maximumBytes: nil)
            // Files are read and validated in parallel (one per core at a time), then stored in the order given,
            // so that filing ids and the lines printed do not depend on which file finished first.
            let prepared = await withTaskGroup(of: (Int, Result<PreparedFiling, any Error>).self) { group in
                for (index, file) in files.enumerated() {
                    group.addTask {
                        do {
                            return (
                                index, .success(try await intake.prepare(FileChunks(path: file), name: file))
                            )
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
                var results: [(Int, Result<PreparedFiling, any Error>)] = []
                for await result in group { results.append(result) }
                return results.sorted { $0.0 < $1.0 }.map(\.1)
            }
            let now = Date()
            var results: [Result<IntakeResult, any Error>] = []
            for result in prepared {
                switch result {
                case .success(let filing):
                    do {
                        results.append(
                            .success(try await intake.commit(filing, actor: .commandLine, at: now)))
                    } catch {
                        results.append(.failure(error))
                    }
                case .failure(let error): results.append(.failure(error))
                }
            }
            return results
        }
        var failed = false
        var unreadable = false
        for (file, result) in zip(files, results) {
            switch result {
            case .success(let outcome):
                if !IngestOutput.print(outcome, file: file) { failed = true }
            case .failure(let error as FilingReadError):
                unreadable = true
                Output.error(error.description)
            case .failure(let error as StoreError):
                failed = true
                Output.error(error.description)
            case .failure(let error as IntakeError):
                unreadable = true
                Output.error("\(file): \(error.description)")
            case .failure(let error):
                failed = true
                Output.error("\(file): \(error)")
            }
        }
        if unreadable { throw ExitStatus.couldNotRun }
        if failed { throw ExitStatus.rejected }
    }
}

/// The line `ingest` prints for one filing.
enum IngestOutput {
    /// Prints the outcome; returns false for a rejected or refused filing.
    static func print(_ result: IntakeResult, file: String) -> Bool {
        func label(_ receipt: Receipt) -> String {
            TerminalText.escape(
                "\(file) (\(receipt.lender.name ?? receipt.lender.uscc), \(receipt.period ?? "?") revision \(receipt.revision))"
            )
        }
        switch result {
        case .stored(let receipt, let filing, let supersedes, let supersededBy):
            var note = ""
            if !supersedes.isEmpty {
                note += "; supersedes revision \(supersedes.map(String.init).joined(separator: ", "))"
            }
            if let supersededBy { note += "; superseded by stored revision \(supersededBy)" }
            Swift.print("stored #\(filing): \(label(receipt))\(note); receipt \(receipt.receipt)")
        case .duplicate(let receipt, let filing, let refreshed):
            if refreshed {
                Swift.print(
                    "refreshed #\(filing) (receipt \(receipt.receipt)): \(label(receipt)) — stored by an earlier "
                        + "GreenLedger without benefits, carbon effect and credit risk; its figures were recomputed"
                )
            } else {
                Swift.print(
                    "already stored #\(filing) (receipt \(receipt.receipt), received \(receipt.receivedAt)): "
                        + "\(label(receipt)) — nothing written")
            }
        case .rejected(let receipt):
            Swift.print(
                "rejected, not stored: \(label(receipt)) — \(receipt.errors) errors; receipt \(receipt.receipt); "
                    + "run 'greenledger validate \(TerminalText.escape(file))'")
            return false
        case .forbidden(let reason), .conflict(let reason):
            Output.error("\(file): \(reason)")
            return false
        }
        return true
    }
}
