/// Text from a filing, a file name or the database made safe for XML and HTML: the one escaper behind the
/// XLSX workbook and the HTML report.
public enum XMLText {
    /// `text` escaped for XML or HTML character data and double-quoted attribute values: `& < > "` become
    /// entities, and the control characters XML 1.0 has no place for (C0 other than tab, line feed and
    /// carriage return) are dropped. Works on Unicode scalars, so a markup character followed by a combining
    /// mark (`<` + U+0338, which Swift compares equal to `≮` as a `Character`) is escaped too.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // Characters XML 1.0 does not allow at all (C0 controls but tab and line ends, U+FFFE,
                // U+FFFF) are dropped: a file name holding one must not make the XLSX or HTML malformed.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
