/// Text from a filing, a file name or the database made safe for a terminal.
public enum TerminalText {
    /// `text` with control characters shown as visible escapes (`\n`, `\r`, `\t`, `\u{1B}`), so a file
    /// name or a lender's name can neither start a new line that looks like another file's verdict nor
    /// send escape sequences (colours, cursor moves, title changes) to the terminal. Unicode bidirectional
    /// controls, which can reorder what is shown, are escaped too. Characters in `kept` are left as they are
    /// (a CSV field keeps its tabs and line ends, which quoting protects).
    public static func escape(_ text: String, keeping kept: Set<Unicode.Scalar> = []) -> String {
        let unsafe = { (scalar: Unicode.Scalar) in isUnsafe(scalar) && !kept.contains(scalar) }
        guard text.unicodeScalars.contains(where: unsafe) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard unsafe(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// C0 and C1 control characters, DEL, line and paragraph separators and bidirectional controls.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true  // line and paragraph separators
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional controls
        default: false
        }
    }
}
