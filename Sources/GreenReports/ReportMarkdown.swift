import Foundation

/// The quarterly report as Markdown.
public enum ReportMarkdown {
    /// Every text from the report (names, file names, notes) is escaped with ``MarkdownText/escape(_:)``.
    public static func render(_ report: QuarterlyReport) -> String {
        let e = MarkdownText.escape
        var out = "# \(e(report.title))\n\n"
        for line in report.headline { out += "- \(e(line))\n" }
        for table in report.tables {
            out += "\n## \(e(table.title))\n\n"
            guard !table.rows.isEmpty else {
                out += "—\n"
                continue
            }
            out +=
                "| " + table.columns.map(e).joined(separator: " | ") + " |\n|"
                + table.columns.map { _ in "---|" }.joined() + "\n"
            for row in table.rows {
                out += "| " + row.map { e($0.display) }.joined(separator: " | ") + " |\n"
            }
        }
        out += "\n## Method\n\n" + report.methodology.map { "- \(e($0))\n" }.joined()
        out += "\n## Manifest\n\n" + report.manifest.map { "- \(e($0))\n" }.joined()
        return out
    }
}

/// The quarterly report as CSV: one file per table, UTF-8 with a byte-order mark so Excel shows Chinese,
/// money as exact decimals and ratios as fractions; text that a spreadsheet would evaluate is neutralised
/// (``CSV/field(_:)``).
public enum ReportCSV {
    /// File name → content.
    public static func render(_ report: QuarterlyReport) -> [String: String] {
        var files: [String: String] = [:]
        for table in report.tables {
            var out = "\u{FEFF}" + row(table.columns)
            for cells in table.rows { out += row(cells.map(\.raw)) }
            files["\(table.id).csv"] = out
        }
        files["manifest.csv"] = "\u{FEFF}" + row(["line"]) + report.manifest.map { row([$0]) }.joined()
        return files
    }

    static func row(_ fields: [String]) -> String { CSV.row(fields) }
}
