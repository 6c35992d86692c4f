/// Lower-case hexadecimal text of bytes (content hashes, token hashes, receipt ids).
enum Hex {
    private static let digits = Array("0123456789abcdef")

    static func string(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
