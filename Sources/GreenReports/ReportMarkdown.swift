import Foundation

/// The quarterly report as Markdown.
public enum ReportMarkdown {
    public static func render(_ report: QuarterlyReport) -> String {
        var out = "# \(report.title)\n\n"
        for line in report.headline { out += "- \(line)\n" }
        for table in report.tables {
            out += "\n## \(table.title)\n\n"
            guard !table.rows.isEmpty else {
                out += "—\n"
                continue
            }
            out +=
                "| " + table.columns.joined(separator: " | ") + " |\n|"
                + table.columns.map { _ in "---|" }.joined() + "\n"
            for row in table.rows {
                out += "| " + row.map { $0.display.replacingPipes() }.joined(separator: " | ") + " |\n"
            }
        }
        out += "\n## Method\n\n" + report.methodology.map { "- \($0)\n" }.joined()
        out += "\n## Manifest\n\n" + report.manifest.map { "- \($0)\n" }.joined()
        return out
    }
}

/// The quarterly report as CSV: one file per table, UTF-8 with a byte-order mark so Excel shows Chinese,
/// money as exact decimals and ratios as fractions.
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

/// RFC 4180 records: fields quoted when they hold a comma, quote or line break; CRLF line ends.
public enum CSV {
    /// One record with its CRLF terminator.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted only when needed.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingPipes() -> String { String(map { $0 == "|" ? "/" : $0 }) }

    /// Escaped for HTML text and attribute values.
    var htmlEscaped: String {
        var out = ""
        for character in self {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
