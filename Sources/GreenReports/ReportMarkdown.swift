import Foundation

/// The quarterly report as Markdown.
public enum ReportMarkdown {
    /// Every text from the report (names, file names, notes) is escaped with ``MarkdownText/escape(_:)``.
    /// Money is printed in ``QuarterlyReport/moneyFormat``, its unit in the column headings.
    public static func render(_ report: QuarterlyReport) -> String {
        let e = MarkdownText.escape
        let money = report.moneyFormat
        var out = "# \(e(report.title))\n\n"
        for line in report.headline(money) { out += "- \(e(line))\n" }
        for table in report.tables {
            out += "\n## \(e(table.title))\n\n"
            guard !table.rows.isEmpty else {
                out += "—\n"
                continue
            }
            out +=
                "| " + table.headings(money).map(e).joined(separator: " | ") + " |\n|"
                + table.columns.map { _ in "---|" }.joined() + "\n"
            for row in table.rows {
                out += "| " + row.map { e($0.display(money)) }.joined(separator: " | ") + " |\n"
            }
        }
        out += "\n## Method\n\n" + report.methodology(money).map { "- \(e($0))\n" }.joined()
        out += "\n## Manifest\n\n" + report.manifest.map { "- \(e($0))\n" }.joined()
        return out
    }
}

/// The quarterly report as CSV: one file per table, UTF-8 with a byte-order mark so Excel shows Chinese,
/// money as exact yuan decimals without separators (the headings say `(yuan)`) and ratios as fractions; text that a spreadsheet would evaluate is neutralised
/// (``CSV/field(_:)``).
public enum ReportCSV {
    /// File name → content.
    public static func render(_ report: QuarterlyReport) -> [String: String] {
        var files: [String: String] = [:]
        for table in report.tables {
            var out = "\u{FEFF}" + row(table.headings(.exact))
            for cells in table.rows { out += row(cells.map(\.raw)) }
            files["\(table.id).csv"] = out
        }
        files["manifest.csv"] = "\u{FEFF}" + row(["line"]) + report.manifest.map { row([$0]) }.joined()
        // The Method section, as every format has it: how each figure is computed and from what.
        files["methodology.csv"] =
            "\u{FEFF}" + row(["line"]) + report.methodology(.exact).map { row([$0]) }.joined()
        return files
    }

    static func row(_ fields: [String]) -> String { CSV.row(fields) }
}
