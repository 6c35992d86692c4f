import ArgumentParser
import Foundation
import GreenDisclosure
import GreenMetrics
import GreenReports
import GreenStore
import GreenTaxonomy

/// `greenledger report --period P [--district CODE] --format md|html|csv|json --out PATH [--lang zh|en|both]
/// [--money-unit yuan|wan|yi]`
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the quarterly green report from the filing history (ingest filings first).",
        discussion: """
            Headline (green share vs target, change on the quarter and the year), indicators vs targets, districts, \
            lender league table, green categories, avoided and financed emissions, data quality (each filing's \
            verdict), methodology and a manifest (tool version, database revision, input SHA-256). HTML is one \
            self-contained printable file with inline SVG charts; CSV is a directory with one file per table \
            (UTF-8 with BOM). Files are written atomically: through a new temporary beside --out, then renamed; \
            the CSV directory is built beside --out and renamed into place, replacing an existing report \
            directory whole (a directory holding anything else is refused). --out must be absent or a regular \
            file (a directory for csv): symbolic links, devices and FIFOs are refused. CSV and XLSX cells whose \
            text begins with = + - @ get a leading ' so spreadsheets do not run them as formulas. JSON is the \
            report model (schema \(QuarterlyReport.schema), snake_case keys; reference in Docs/json-output.md).
            Money: Markdown and HTML print it in --money-unit (default 万元 for --lang zh, yuan otherwise) with \
            thousands separators, the unit in each money column's heading (绿色贷款（万元）, Green loans (yuan)); \
            万元 have 2 decimals and 亿元 4, rounded half away from zero from the exact fen total when printed, \
            as the report's method section says. CSV, JSON and XLSX hold exact yuan without separators, their \
            headings saying (yuan).
            Exit codes: 0 written, 2 empty or unreadable history, unwritable or refused output, 64 usage \
            (including a --db that keeps nothing: '', :memory:, file: URIs).
            """)

    @Option(help: "Period, e.g. 2026-Q3 (default: the latest stored).")
    var period: String?

    @Option(help: "Limit to one Shenzhen district code, e.g. 440307.")
    var district: String?

    @Option(help: "md, html, csv (a directory of files), xlsx or json.")
    var format: ReportFormat = .html

    @Option(help: "Where to write: a file, or a directory for csv.")
    var out: String

    @Option(help: "Labels in zh, en or both.")
    var lang: String = "both"

    @OptionGroup var money: MoneyUnitOptions

    @Option(
        help:
            "The history: a SQLite file (default: greenledger.sqlite) or postgres://user:password@host:port/db."
    )
    var db: String = "greenledger.sqlite"

    @Option(help: "A target file replacing the plan defaults.")
    var targets: String?

    @OptionGroup var factors: FactorOptions

    func validate() throws {
        try HistoryOptions.checkLocation(db)
        try factors.refuseWithHistory("report")
        if ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be zh, en or both") }
        if let period, ReportingPeriod(period) == nil {
            throw ValidationError("--period must look like 2026-Q3 or 2026")
        }
    }

    func run() async throws {
        let grid = try factors.chosen()
        let targetSet = try TargetOptions.load(targets)
        let rolled = try await HistoryOptions.rollUp(
            db, period: period, district: district, targets: targetSet, grid: grid)
        let manifest = ReportDocument.manifest(
            version: GreenLedger.version, rolled: rolled, format: format, district: district)
        let language = ReportLanguage(rawValue: lang) ?? .both
        let report = QuarterlyReport(
            rolled, language: language, moneyUnit: money.unit(for: language), manifest: manifest)
        do {
            if format == .csv {
                try AtomicFile.writeDirectory(ReportCSV.render(report).mapValues { Data($0.utf8) }, to: out)
            } else {
                try AtomicFile.write(try ReportDocument.render(report, format: format), to: out)
            }
        } catch let error as AtomicWriteError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        } catch {
            Output.error("\(out): cannot write the report: \(error.localizedDescription)")
            throw ExitStatus.couldNotRun
        }
        print(TerminalText.escape(out))
    }
}
