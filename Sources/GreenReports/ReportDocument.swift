import Foundation
import GreenMetrics

/// The formats of the quarterly report: one file each, but for CSV (a directory of tables).
public enum ReportFormat: String, Sendable, CaseIterable {
    case md, html, csv, xlsx, json

    /// The media type of a one-file format.
    public var mediaType: String {
        switch self {
        case .md: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .json: "application/json"
        }
    }
}

/// The report and roll-up documents exactly as `greenledger report`, `greenledger aggregate --format json`
/// and the filing service write them, so the command line and the API give the same bytes.
public enum ReportDocument {
    /// Deterministic JSON: sorted keys, two-space indentation, slashes and Chinese unescaped, a final newline.
    public static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }

    /// The report's manifest: tool and version, the command that makes it, and every input's SHA-256.
    public static func manifest(
        version: String, rolled: AggregateReport, format: ReportFormat, district: String?
    ) -> [String] {
        [
            "greenledger \(version)",
            "command: greenledger report --period \(rolled.period ?? "?") --format \(format.rawValue)"
                + (district.map { " --district \($0)" } ?? ""),
        ]
            + rolled.filings.filter { $0.treatment == .included }.map {
                "input \($0.file) sha256 \($0.sha256 ?? "?")"
            }
    }

    /// A one-file report (`md`, `html`, `xlsx` or `json`); `csv` is a directory: ``ReportCSV/render(_:)``.
    public static func render(_ report: QuarterlyReport, format: ReportFormat) throws -> Data {
        switch format {
        case .md: return Data(ReportMarkdown.render(report).utf8)
        case .html: return Data(ReportHTML.render(report).utf8)
        case .xlsx: return try ReportXLSX.render(report)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(report) + Data("\n".utf8)
        case .csv: throw ReportFormatError.directory
        }
    }
}

/// A report format that is not one file; `description` is the sentence shown.
public struct ReportFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String

    /// CSV is a directory of tables, written by ``ReportCSV/render(_:)``.
    public static let directory = ReportFormatError(
        description: "csv is a directory of tables, not one file: choose html, md, xlsx or json")
}
