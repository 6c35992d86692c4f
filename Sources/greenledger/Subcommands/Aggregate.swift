import ArgumentParser
import Foundation
import GreenDisclosure
import GreenMetrics
import GreenReports
import GreenStore
import GreenTaxonomy

/// `greenledger aggregate DIR|FILE... [--period P] [--district CODE]`
struct Aggregate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract:
            "Roll up many lenders' filings: city-wide and per-district shares vs targets, league table, categories.",
        discussion: """
            Every file is validated in the same pass as its figures; REJECTED filings are listed with their error \
            counts and excluded, and only the highest revision per lender and period counts (the others are listed \
            as superseded). Directories are searched for *.xml files. Files run in parallel on all cores; a \
            terminal shows progress on stderr.
            Exit codes: 0 report produced (rejected filings are part of it), 2 no readable filing, 64 usage.
            """)

    @Argument(help: "Filings, or directories holding them (none with --db).")
    var inputs: [String] = []

    @Option(help: "Aggregate the current revisions stored in this filing history instead of files.")
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
    }

    func run() throws {
        var grid = Taxonomy.standard.defaultGridFactor
        try Output.reportingErrors { grid = try factors.resolve() }
        let targetSet = try TargetOptions.load(targets)
        var report: AggregateReport
        if let db {
            report = try fromHistory(db, grid: grid, targets: targetSet)
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
                files, grid: grid, targets: targetSet, concurrency: jobs
            ) {
                done, bytes in line?.update(bytes: bytes, note: "\(done)/\(files.count) files")
            }
            line?.finish()
            for item in unreadable { Output.error("\(item.file): cannot read the file: \(item.reason)") }
            guard !summaries.isEmpty else { throw ExitStatus.couldNotRun }
            report = Aggregator.aggregate(
                summaries.map(FilingFigures.init), unreadable: unreadable, period: period, district: district,
                targets: targetSet, grid: grid)
        }
        switch format {
        case .json: try Output.json(report)
        case .text: print(AggregateRenderer.render(report, style: .text), terminator: "")
        case .md: print(AggregateRenderer.render(report, style: .markdown), terminator: "")
        }
    }
}

/// Expands directories into the *.xml files under them, sorted; files are kept as given.
enum FileList {
    static func xmlFiles(in inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                Output.error("\(input): no such file or directory")
                throw ExitStatus.couldNotRun
            }
            if isDirectory.boolValue {
                let enumerator = FileManager.default.enumerator(atPath: input)
                while let relative = enumerator?.nextObject() as? String {
                    if relative.hasSuffix(".xml") {
                        files.append((input as NSString).appendingPathComponent(relative))
                    }
                }
            } else {
                files.append(input)
            }
        }
        return Array(Set(files)).sorted()
    }
}

/// `--targets FILE` shared by summary and aggregate.
enum TargetOptions {
    static func load(_ path: String?) throws -> TargetSet {
        guard let path else { return .defaults }
        do {
            return try TargetSet(tsv: try String(contentsOfFile: path, encoding: .utf8), name: path)
        } catch let error as TargetFileError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        } catch {
            Output.error("\(path): cannot read the target file: \(error.localizedDescription)")
            throw ExitStatus.couldNotRun
        }
    }
}

extension Aggregate {
    /// The roll-up of the stored filings of a period, with the green share of earlier stored periods for
    /// quarter-on-quarter and year-on-year changes.
    func fromHistory(_ path: String, grid: EmissionFactor, targets: TargetSet) throws -> AggregateReport {
        do {
            let store = try FilingStore(path: path)
            let stored = try store.filings().map(\.figures)
            guard !stored.isEmpty else {
                Output.error("\(path): the filing history is empty; run 'greenledger ingest' first")
                throw ExitStatus.couldNotRun
            }
            var report = Aggregator.aggregate(
                stored, period: period, district: district, targets: targets, grid: grid)
            report.history = try store.periods().map { past in
                let rolled = Aggregator.aggregate(
                    stored, period: past, district: district, targets: targets, grid: grid)
                return HistoryPoint(
                    period: past, share: rolled.shares.first { $0.share.indicator == .green }?.share)
            }
            report.source = "\(path) (database revision \(try store.revision()))"
            if let current = report.period.flatMap(ReportingPeriod.init) {
                report.projections = TrendProjection.project(
                    history: report.history, targets: targets, current: current)
            }
            return report
        } catch let error as StoreError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        }
    }
}
