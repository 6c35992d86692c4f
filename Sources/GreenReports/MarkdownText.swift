/// Text from a filing, a file name or the database made safe for Markdown.
public enum MarkdownText {
    /// `text` with Markdown's active characters escaped so that it stays one literal table cell or line:
    /// `\ | ` [ ]` get a backslash, `& < >` become entities (no raw HTML, no autolinks), and line breaks and
    /// other control characters become numeric references (`&#10;`), so a name can neither end a table row
    /// nor reach a terminal that shows the Markdown.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "|", "`", "[", "]":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if TerminalText.isUnsafe(scalar) {
                    out += "&#\(scalar.value);"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
