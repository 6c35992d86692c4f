/// RFC 4180 records for spreadsheets: fields quoted when they hold a comma, quote or line break; CRLF
/// line ends; and text that a spreadsheet would run as a formula neutralised (``SpreadsheetText``).
///
/// Every CSV that GreenLedger writes — the report's tables and `validate --format csv` — goes through
/// ``row(_:)``, so a lender or borrower named `=HYPERLINK(…)` is shown as text, never evaluated.
public enum CSV {
    /// One record with its CRLF terminator.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field: neutralised when it could be a formula, then quoted only when needed.
    public static func field(_ text: String) -> String {
        // Control characters other than tab and line ends (which quoting keeps inside the field) are shown
        // as visible escapes, as on a terminal: a CSV is read in a terminal as often as in a spreadsheet.
        let visible = TerminalText.escape(text, keeping: ["\t", "\n", "\r"])
        let text = SpreadsheetText.neutralised(visible)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The formula-injection rule shared by the CSV and XLSX writers.
public enum SpreadsheetText {
    /// `text` with a leading `'` when it begins with `=`, `+`, `-`, `@`, a tab or a carriage return and is
    /// not a plain number, so that Excel, WPS and LibreOffice show it as text instead of evaluating it.
    ///
    /// Plain decimal numbers such as `-12.50` or `1e-05` are left alone: they are figures, not formulas.
    /// The rule is OWASP's "CSV Injection" recommendation.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
            !isPlainNumber(text)
        else { return text }
        return "'" + text
    }

    /// An optional `-`, digits, an optional fraction and an optional exponent, nothing else.
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = text.unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let scalar = scalars.first, ("0"..."9").contains(scalar) {
                scalars.removeFirst()
                count += 1
            }
            return count
        }
        if scalars.first == "-" { scalars.removeFirst() }
        guard digits() > 0 else { return false }
        if scalars.first == "." {
            scalars.removeFirst()
            guard digits() > 0 else { return false }
        }
        if scalars.first == "e" || scalars.first == "E" {
            scalars.removeFirst()
            if scalars.first == "-" || scalars.first == "+" { scalars.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}
