/// Labels under a chart's bars, kept inside their slot so that neighbours do not overlap: broken into lines
/// (after a space or a hyphen, or next to a Chinese character; inside a word only when it is longer than a
/// line), the last line cut with an ellipsis when the text goes on. The SVG keeps the whole label in a
/// `<title>` tooltip.
///
/// Widths are estimated in ems of the label's font, on the wide side so that a label fits in any usual
/// sans-serif: 1 for Chinese, Japanese, Korean and full-width characters and the ellipsis (full-width in CJK
/// fonts); for others 0.3 (`i`, `l`, `.`…), 0.95 (`m`, `W`, `@`…), 0.72 (other capitals) or 0.58; 0 for
/// combining marks.
enum ChartLabel {
    /// `text` in at most `maxLines` lines of at most `width` ems each.
    static func lines(_ text: String, width: Double, maxLines: Int) -> [String] {
        guard maxLines > 0 else { return [] }
        var lines: [String] = []
        var rest = Substring(text).drop { $0 == " " }
        while lines.count < maxLines - 1, ems(rest) > width {
            let (line, remainder) = firstLine(rest, width: width)
            lines.append(line)
            rest = remainder
        }
        guard !rest.isEmpty else { return lines }
        lines.append(ems(rest) <= width ? trimmed(rest) : truncated(rest, width: width))
        return lines
    }

    /// The longest start of `text` that fits in `width`, ended at the last place a line may break (see
    /// ``canBreak(_:before:)``), or inside a word when there is none; and the rest, without leading spaces.
    /// At least one character is taken, so a width narrower than a character still ends.
    static func firstLine(_ text: Substring, width: Double) -> (line: String, rest: Substring) {
        var used = 0.0
        var lastBreak: Substring.Index? = nil
        var index = text.startIndex
        while index < text.endIndex {
            if canBreak(text, before: index) { lastBreak = index }
            let characterWidth = ems(text[index])
            if used + characterWidth > width && index > text.startIndex { break }
            used += characterWidth
            index = text.index(after: index)
        }
        guard index < text.endIndex else { return (trimmed(text), text[text.endIndex...]) }
        let cut = lastBreak ?? index
        return (trimmed(text[..<cut]), text[cut...].drop { $0 == " " })
    }

    /// A line may break before `index`: at a space, after a space or a hyphen, or next to a wide character.
    static func canBreak(_ text: Substring, before index: Substring.Index) -> Bool {
        guard index > text.startIndex, index < text.endIndex else { return false }
        let previous = text[text.index(before: index)]
        let character = text[index]
        return character == " " || previous == " " || previous == "-" || isWide(previous) || isWide(character)
    }

    /// `text` cut so that it and an ellipsis fit in `width`.
    static func truncated(_ text: Substring, width: Double) -> String {
        var kept = text
        while !kept.isEmpty && ems(kept) + ems("…") > width { kept = kept.dropLast() }
        return trimmed(kept) + "…"
    }

    /// `text` without trailing spaces.
    static func trimmed(_ text: Substring) -> String {
        var text = text
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }

    /// The estimated width of `text` in ems.
    static func ems(_ text: some StringProtocol) -> Double { text.reduce(0) { $0 + ems($1) } }

    /// The estimated width of one character in ems (see the type's comment).
    static func ems(_ character: Character) -> Double {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if isWide(character) || scalar == "…" { return 1 }
        if scalar.properties.generalCategory == .nonspacingMark { return 0 }
        if "ijlI.,:;'|!ft ".unicodeScalars.contains(scalar) { return 0.3 }
        if "mwMW@%".unicodeScalars.contains(scalar) { return 0.95 }
        if ("A"..."Z").contains(scalar) { return 0.72 }
        return 0.58
    }

    /// East Asian wide and full-width characters (the common blocks).
    static func isWide(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
