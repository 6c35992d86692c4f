/// The character encoding a filing's first bytes announce (byte-order mark and XML declaration), and
/// whether the reader accepts it.
///
/// Accepted are the encodings lenders' systems export: UTF-8 (the XML default), UTF-16 with a byte-order
/// mark, GB18030 and GBK. Everything else is refused by name before a byte is parsed, so that no file is read
/// under rules the format does not promise (a Latin-1 or EBCDIC file, UTF-16 without its mark, UTF-32).
struct DeclaredEncoding: Hashable {
    /// The encoding's name as written in the declaration (or implied by the byte-order mark), upper-cased.
    let name: String
    /// Why it is refused, or nil when it is accepted.
    let refusal: String?

    /// The names accepted in an XML declaration without a byte-order mark.
    static let acceptedNames: Set<String> = ["UTF-8", "GB18030", "GBK"]
    static let acceptedList = "UTF-8, UTF-16 (with a byte-order mark), GB18030 and GBK"

    /// Whether the bytes are decoded by libxml2 through a converter other than its own UTF-8 and UTF-16.
    var isMultiByteChinese: Bool { name == "GB18030" || name == "GBK" }

    /// Reads the byte-order mark and the `encoding` pseudo-attribute of the XML declaration, if any.
    /// `prefix` is the start of the file (the declaration, when present, is at its very beginning).
    static func sniff(_ prefix: UnsafeRawBufferPointer) -> DeclaredEncoding {
        let bytes = prefix.prefix(512)
        func starts(_ pattern: [UInt8]) -> Bool { bytes.starts(with: pattern) }
        if starts([0x00, 0x00, 0xFE, 0xFF]) || starts([0xFF, 0xFE, 0x00, 0x00])
            || starts([0x00, 0x00, 0x00, 0x3C])
            || starts([0x3C, 0x00, 0x00, 0x00])
        {
            return DeclaredEncoding(name: "UTF-32", refusal: "UTF-32 is not accepted")
        }
        if starts([0xEF, 0xBB, 0xBF]) {
            let declared = declaration(ascii: Array(bytes.dropFirst(3)))
            if let declared, declared != "UTF-8" {
                return DeclaredEncoding(
                    name: declared,
                    refusal: "the byte-order mark says UTF-8 but the declaration says \(declared)")
            }
            return DeclaredEncoding(name: "UTF-8", refusal: nil)
        }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) {
            // The declaration's ASCII characters are every other byte after the mark.
            let littleEndian = starts([0xFF, 0xFE])
            let units = Array(bytes.dropFirst(2))
            let ascii = stride(from: littleEndian ? 0 : 1, to: units.count, by: 2).map { units[$0] }
            let declared = declaration(ascii: ascii)
            if let declared, !declared.hasPrefix("UTF-16") {
                return DeclaredEncoding(
                    name: declared,
                    refusal: "the byte-order mark says UTF-16 but the declaration says \(declared)")
            }
            return DeclaredEncoding(name: "UTF-16", refusal: nil)
        }
        if starts([0x00, 0x3C]) || starts([0x3C, 0x00]) {
            return DeclaredEncoding(name: "UTF-16", refusal: "UTF-16 is accepted only with a byte-order mark")
        }
        if starts([0x4C, 0x6F, 0xA7, 0x94]) {
            return DeclaredEncoding(name: "EBCDIC", refusal: "EBCDIC is not accepted")
        }
        guard let declared = declaration(ascii: Array(bytes)) else {
            return DeclaredEncoding(name: "UTF-8", refusal: nil)
        }
        if acceptedNames.contains(declared) { return DeclaredEncoding(name: declared, refusal: nil) }
        if declared.hasPrefix("UTF-16") {
            return DeclaredEncoding(name: declared, refusal: "UTF-16 is accepted only with a byte-order mark")
        }
        return DeclaredEncoding(name: declared, refusal: "\(declared) is not accepted")
    }

    /// The upper-cased value of `encoding="…"` in an XML declaration at the start of `ascii`, or nil when
    /// there is no declaration or it names no encoding.
    static func declaration(ascii: [UInt8]) -> String? {
        guard ascii.starts(with: Array("<?xml".utf8)), let end = ascii.firstIndex(of: UInt8(ascii: ">"))
        else {
            return nil
        }
        let text = String(decoding: ascii[..<end], as: UTF8.self)
        guard let key = text.firstRange(of: "encoding") else { return nil }
        let space: (Character) -> Bool = { $0.isWhitespace }
        var rest = text[key.upperBound...].drop(while: space)
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: space)
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        // Keep the name printable and short: it is shown to the user.
        let printable: (Character) -> Bool = { $0.isASCII && !$0.isWhitespace && $0 > " " && $0 < "\u{7F}" }
        return String(value.prefix(40).filter(printable)).uppercased()
    }
}
