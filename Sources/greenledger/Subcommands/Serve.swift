import ArgumentParser
import Foundation
import GreenService
import GreenStore
import Hummingbird

/// `greenledger serve --db DB [--host 127.0.0.1] [--port 8080] [--archive DIR] [--max-upload-mb 1024]`
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the filing service: lenders file over HTTP and get receipts; staff read roll-ups.",
        discussion: """
            The API is filing-service-v1 (GET /openapi.yaml describes it; Docs/filing-service.md shows it in \
            use); GET / is the web page. Accounts and their bearer tokens come from 'greenledger accounts add'. \
            Filings go through the same intake as 'greenledger ingest', into the same history that 'aggregate \
            --db' and 'report --db' read; the filed bytes are kept in --archive. Uploads are streamed: hashed, \
            archived and validated as they arrive, at most one validation per core at a time (--jobs), the rest \
            waiting. One line per request goes to standard error (time, method, path, status, bytes, \
            milliseconds, account id; never a token). SIGTERM or SIGINT stops accepting connections, lets the \
            uploads in flight finish, and exits 0. Listens on loopback by default: put TLS in a reverse proxy \
            in front (Docs/filing-service.md shows nginx).
            Exit codes: 0 stopped by a signal, 2 the store, archive or address cannot be used, 64 usage.
            """)

    @Option(
        help:
            "The history: a SQLite file (default: greenledger.sqlite) or postgres://user:password@host:port/db[?sslmode=require]."
    )
    var db: String = "greenledger.sqlite"

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0: a free port, printed when listening).")
    var port: Int = 8080

    @Option(help: "Where the filed bytes are kept (default: the --db path with .archive).")
    var archive: String?

    @Option(help: "The largest filing accepted, in MiB (larger uploads get 413 as soon as they pass it).")
    var maxUploadMb: Int = 1024

    @Option(help: "Filings validated at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(
        help: """
            An upload that holds a validation slot but sends less than 16 KiB in this many seconds of waiting \
            is cut off with 408, so trickling clients cannot starve filing or delay shutdown.
            """)
    var stallSeconds: Int = 60

    @OptionGroup var factors: FactorOptions

    func validate() throws {
        try HistoryOptions.checkLocation(db)
        if !(0...65535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
        if !(1...1_048_576).contains(maxUploadMb) {
            throw ValidationError("--max-upload-mb must be 1 to 1048576")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if !(1...3600).contains(stallSeconds) { throw ValidationError("--stall-seconds must be 1 to 3600") }
    }

    func run() async throws {
        let estimation = try factors.estimation()
        let (db, archive, host, port, jobs, maxUploadMb, stallSeconds) = (
            db, archive, host, port, jobs, maxUploadMb, stallSeconds
        )
        try await HistoryOptions.withStore(db, create: true) { store in
            let archiveStore: FilingArchive
            do {
                archiveStore = try FilingArchive(directory: HistoryOptions.archiveDirectory(archive, db: db))
            } catch let error as StoreError {
                Output.error(error.description)
                throw ExitStatus.couldNotRun
            }
            let intake = FilingIntake(
                store: store, archive: archiveStore, factors: estimation, maximumBytes: maxUploadMb << 20,
                concurrency: jobs,
                stall: StallPolicy(
                    window: .seconds(stallSeconds), minimumBytes: StallPolicy.standard.minimumBytes,
                    interval: .milliseconds(max(100, stallSeconds * 1000 / 12))))
            let service = FilingService(store: store, intake: intake, version: GreenLedger.version)
            let app = service.application(host: host, port: port) { bound in
                service.log.note(
                    "listening on http://\(host):\(bound) (store \(store.path), archive \(archiveStore.directory))"
                )
            }
            do {
                try await app.runService()
            } catch {
                Output.error("cannot serve on \(host):\(port): \(error)")
                throw ExitStatus.couldNotRun
            }
            service.log.note("stopped")
        }
    }
}
