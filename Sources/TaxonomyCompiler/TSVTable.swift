/// A tab-separated file with a header row, read with the line number of every row kept for diagnostics.
///
/// The format is deliberately strict so that the reference data stays reviewable: UTF-8, LF line endings,
/// exactly the expected columns on every row, no blank lines except one final newline.
struct TSVTable {
    struct Row {
        let line: Int
        let fields: [String]

        subscript(_ index: Int) -> String { fields[index] }
    }

    let file: String
    let header: [String]
    let rows: [Row]

    /// Parses `text`, checking the header against `expectedHeader`; problems are appended to `diagnostics`.
    init(file: String, text: String, expectedHeader: [String], diagnostics: inout [TaxonomyDiagnostic]) {
        self.file = file
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first else {
            diagnostics.append(.init(file: file, line: 0, message: "file is empty; expected a header row"))
            header = []
            rows = []
            return
        }
        header = first.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        if header != expectedHeader {
            diagnostics.append(
                .init(
                    file: file, line: 1,
                    message: "header must be '\(expectedHeader.joined(separator: "<TAB>"))'"
                        + " but is '\(header.joined(separator: "<TAB>"))'"))
            rows = []
            return
        }
        var parsed: [Row] = []
        for (offset, line) in lines.enumerated().dropFirst() {
            let number = offset + 1
            if line.contains("\r") {
                diagnostics.append(
                    .init(file: file, line: number, message: "carriage return found; use LF line endings"))
                continue
            }
            if line.trimmingWhitespace.isEmpty {
                diagnostics.append(.init(file: file, line: number, message: "blank line"))
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == expectedHeader.count else {
                diagnostics.append(
                    .init(
                        file: file, line: number,
                        message:
                            "expected \(expectedHeader.count) tab-separated columns, found \(fields.count)"))
                continue
            }
            parsed.append(Row(line: number, fields: fields))
        }
        rows = parsed
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (ASCII and ideographic space).
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = {
            $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{3000}"
        }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) })
        else {
            return ""
        }
        return String(self[start...end])
    }
}
