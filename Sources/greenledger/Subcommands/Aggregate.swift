import ArgumentParser
import Foundation
import GreenDisclosure
import GreenMetrics
import GreenReports
import GreenTaxonomy

/// `greenledger aggregate DIR|FILE... [--period P] [--district CODE] [--money-unit yuan|wan|yi]`
struct Aggregate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract:
            "Roll up many lenders' filings: city-wide and per-district shares vs targets, league table, categories.",
        discussion: """
            Every file is validated in the same pass as its figures; REJECTED filings are listed with their error \
            counts and excluded, and only the highest revision per lender and period counts (the others are listed \
            as superseded). The same content (SHA-256) given twice counts once; the copy is listed as duplicate. \
            Two different filings with the same lender, period and revision are a conflict: the report names both \
            files in a Conflicts section (JSON: "conflicts"), and neither is counted. Sums are exact to the fen \
            at any size. Directories are searched for *.xml files. Files run in parallel on all cores; a terminal \
            shows progress on stderr.
            JSON (schema \(AggregateReport.schema), snake_case keys; reference in Docs/json-output.md): money as \
            exact decimal strings in yuan, ratios as numbers (0…1), changes in percentage points.
            Exit codes: 0 report produced (rejected filings are part of it), 1 report produced but with a \
            conflict (some lender's filing was not counted), 2 an input could not be read (a missing or \
            unreadable file, a FIFO or device named *.xml; the report of the rest is still printed) or no \
            readable filing, 64 usage.
            """)

    @Argument(help: "Filings, or directories holding them (none with --db).")
    var inputs: [String] = []

    @Option(
        help:
            "Aggregate the current revisions stored in this filing history (a SQLite file or postgres://user:password@host:port/db) instead of files."
    )
    var db: String?

    @Option(help: "Period to aggregate, e.g. 2026-Q3 (default: the latest period among accepted filings).")
    var period: String?

    @Option(
        help: "Limit to one Shenzhen district code, e.g. 440307 (green and total loans from District rows).")
    var district: String?

    @Option(help: "text, json or md.")
    var format: Summary.Format = .text

    @Option(help: "A target file replacing the plan defaults (see 'greenledger summary --help').")
    var targets: String?

    @Option(help: "Files processed at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var money: MoneyUnitOptions

    @OptionGroup var factors: FactorOptions

    func validate() throws {
        if let period, ReportingPeriod(period) == nil {
            throw ValidationError("--period must look like 2026-Q3 or 2026")
        }
        if let district,
            !Taxonomy.standard.districts.contains(where: { $0.code == district }) && district != "other"
        {
            throw ValidationError(
                "--district must be a Shenzhen district code: \(Taxonomy.standard.districts.map(\.code).joined(separator: ", "))"
            )
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if inputs.isEmpty && db == nil { throw ValidationError("give filings or directories, or --db PATH") }
        if !inputs.isEmpty && db != nil { throw ValidationError("give either filings or --db, not both") }
        if let db {
            try HistoryOptions.checkLocation(db)
            try factors.refuseWithHistory("aggregate --db")
        }
    }

    func run() async throws {
        let estimation = try factors.estimation()
        let grid = estimation.grid
        let targetSet = try TargetOptions.load(targets)
        var report: AggregateReport
        var unreadableCount = 0
        if let db {
            report = try await HistoryOptions.rollUp(
                db, period: period, district: district, targets: targetSet, grid: grid)
        } else {
            let files = try FileList.xmlFiles(in: inputs)
            guard !files.isEmpty else {
                Output.error("no .xml files in \(inputs.joined(separator: ", "))")
                throw ExitStatus.couldNotRun
            }
            let total = files.reduce(0) {
                $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0)
            }
            let line = ProgressLine(label: "\(files.count) filings", totalBytes: total)
            let (summaries, unreadable) = FilingBatch.summarize(
                files, factors: estimation, targets: targetSet, concurrency: jobs
            ) {
                done, bytes in line?.update(bytes: bytes, note: "\(done)/\(files.count) files")
            }
            line?.finish()
            for item in unreadable { Output.error("\(item.file): cannot read the file: \(item.reason)") }
            guard !summaries.isEmpty else { throw ExitStatus.couldNotRun }
            unreadableCount = unreadable.count
            report = Aggregator.aggregate(
                summaries.map(FilingFigures.init), unreadable: unreadable, period: period, district: district,
                targets: targetSet, grid: grid)
        }
        switch format {
        case .json: try Output.json(report)
        case .text:
            print(AggregateRenderer.render(report, style: .text, money: money.format()), terminator: "")
        case .md:
            print(AggregateRenderer.render(report, style: .markdown, money: money.format()), terminator: "")
        }
        for conflict in report.conflicts { Output.error(conflict.reason) }
        // Not reading an input is worse than a conflict between two that were read: 2 wins over 1.
        if unreadableCount > 0 { throw ExitStatus.couldNotRun }
        if !report.conflicts.isEmpty { throw ExitStatus.rejected }
    }
}
