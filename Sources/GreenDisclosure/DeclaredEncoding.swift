/// The character encoding a filing's first bytes announce (byte-order mark and XML declaration), and
/// whether the reader accepts it.
///
/// Accepted are the encodings lenders' systems export: UTF-8 (the XML default), UTF-16 with a byte-order
/// mark, GB18030 and GBK. Everything else is refused by name before a byte is parsed, so that no file is read
/// under rules the format does not promise (a Latin-1 or EBCDIC file, UTF-16 without its mark, UTF-32). The
/// declaration must also say XML 1.0 (1.1 changes which characters are line ends and names) and end within
/// the bytes looked at, so that it is never read differently here and in libxml2.
struct DeclaredEncoding: Hashable {
    /// The encoding's name as written in the declaration (or implied by the byte-order mark), upper-cased.
    let name: String
    /// Why it is refused, or nil when it is accepted.
    let refusal: String?
    /// The refusal is about the declaration itself (its version, its length), not the encoding it names.
    var declarationRefused = false

    /// The names accepted in an XML declaration without a byte-order mark.
    static let acceptedNames: Set<String> = ["UTF-8", "GB18030", "GBK"]
    static let acceptedList = "UTF-8, UTF-16 (with a byte-order mark), GB18030 and GBK"

    /// Reads the byte-order mark and the XML declaration, if any. `prefix` is the start of the file (the
    /// declaration, when present, is at its very beginning).
    static func sniff(_ prefix: UnsafeRawBufferPointer) -> DeclaredEncoding {
        let bytes = Array(prefix)
        func starts(_ pattern: [UInt8]) -> Bool { bytes.starts(with: pattern) }
        if starts([0x00, 0x00, 0xFE, 0xFF]) || starts([0xFF, 0xFE, 0x00, 0x00])
            || starts([0x00, 0x00, 0x00, 0x3C])
            || starts([0x3C, 0x00, 0x00, 0x00])
        {
            return DeclaredEncoding(name: "UTF-32", refusal: "UTF-32 is not accepted")
        }
        if starts([0xEF, 0xBB, 0xBF]) {
            return check(Array(bytes.dropFirst(3)), implied: "UTF-8") { $0 == "UTF-8" }
        }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) {
            // The declaration's ASCII characters are every other byte after the mark.
            let units = Array(bytes.dropFirst(2))
            let ascii = stride(from: starts([0xFF, 0xFE]) ? 0 : 1, to: units.count, by: 2).map { units[$0] }
            return check(ascii, implied: "UTF-16") { $0.hasPrefix("UTF-16") }
        }
        if starts([0x00, 0x3C]) || starts([0x3C, 0x00]) {
            return DeclaredEncoding(name: "UTF-16", refusal: "UTF-16 is accepted only with a byte-order mark")
        }
        if starts([0x4C, 0x6F, 0xA7, 0x94]) {
            return DeclaredEncoding(name: "EBCDIC", refusal: "EBCDIC is not accepted")
        }
        return check(bytes, implied: nil) { acceptedNames.contains($0) }
    }

    /// Checks the declaration at the start of `ascii`: it ends within it, says version 1.0 (if it says a
    /// version) and names an encoding `accepts` takes. `implied` is the byte-order mark's encoding, if any.
    static func check(_ ascii: [UInt8], implied: String?, accepts: (String) -> Bool) -> DeclaredEncoding {
        let fallback = implied ?? "UTF-8"
        guard ascii.starts(with: Array("<?xml".utf8)) else {
            return DeclaredEncoding(name: fallback, refusal: nil)
        }
        guard let end = ascii.firstIndex(of: UInt8(ascii: ">")) else {
            return DeclaredEncoding(
                name: fallback,
                refusal: "the XML declaration does not end within the first \(ascii.count) bytes",
                declarationRefused: true)
        }
        let text = String(decoding: ascii[..<end], as: UTF8.self)
        if let version = pseudoAttribute("version", in: text), version != "1.0" {
            return DeclaredEncoding(
                name: fallback, refusal: "XML version \(version) is not accepted: filings are XML 1.0",
                declarationRefused: true)
        }
        guard let declared = pseudoAttribute("encoding", in: text) else {
            return DeclaredEncoding(name: fallback, refusal: nil)
        }
        if accepts(declared) { return DeclaredEncoding(name: declared, refusal: nil) }
        if let implied {
            return DeclaredEncoding(
                name: declared,
                refusal: "the byte-order mark says \(implied) but the declaration says \(declared)")
        }
        if declared.hasPrefix("UTF-16") {
            return DeclaredEncoding(name: declared, refusal: "UTF-16 is accepted only with a byte-order mark")
        }
        return DeclaredEncoding(name: declared, refusal: "\(declared) is not accepted")
    }

    /// The upper-cased value of `name="…"` (or `'…'`) in the declaration `text`, printable and at most 40
    /// characters (it is shown to the user); nil when absent.
    static func pseudoAttribute(_ name: String, in text: String) -> String? {
        guard let key = text.firstRange(of: name) else { return nil }
        let space: (Character) -> Bool = { $0.isWhitespace }
        var rest = text[key.upperBound...].drop(while: space)
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: space)
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        let printable: (Character) -> Bool = { $0.isASCII && !$0.isWhitespace && $0 > " " && $0 < "\u{7F}" }
        return String(value.prefix(40).filter(printable)).uppercased()
    }
}
