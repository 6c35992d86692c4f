/// Text from a filing, a file name or the database made safe for XML and HTML: the one escaper behind the
/// XLSX workbook and the HTML report.
public enum XMLText {
    /// `text` escaped for XML or HTML character data and double-quoted attribute values: `& < > "` become
    /// entities, and the control characters XML 1.0 has no place for (C0 other than tab, line feed and
    /// carriage return) are dropped. Works on Unicode scalars, so a markup character followed by a combining
    /// mark (`<` + U+0338, which Swift compares equal to `≮` as a `Character`) is escaped too.
    ///
    /// The bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are shown, not
    /// obeyed: written as the visible text `\u{202E}`, as ``TerminalText`` shows them, so that a lender name
    /// holding one cannot reorder what a reader sees in a browser or a spreadsheet. Other invisible format
    /// characters (Unicode category Cf: zero-width characters, U+FEFF, tag characters…) are written as
    /// hexadecimal character references (`&#x200B;`): visible in the source, unchanged for the reader.
    /// Every other character is kept as it is.
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
                if isBidiControl(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                    continue
                }
                if isFormat(scalar) {
                    out += "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A bidirectional control: it reorders the text around it when rendered.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// An invisible format character (general category Cf); none is ASCII, and the first is U+00AD.
    static func isFormat(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0xAD && scalar.properties.generalCategory == .format
    }
}
