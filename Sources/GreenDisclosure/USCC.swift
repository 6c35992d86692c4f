/// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character
/// alphabet (digits and capital letters without I, O, S, V, Z), the last being a check character.
public enum USCC {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    static let values: [Int] = {
        var table = [Int](repeating: -1, count: 128)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = value }
        return table
    }()

    /// Why `code` is not a valid USCC, or nil when it is valid.
    ///
    /// Method (GB 32100-2015 §5): with character values 0–30 and weights 3^(i) mod 31 for positions 1–17,
    /// the check value is 31 − (Σ value × weight mod 31), with 31 written as 0.
    public static func problem(_ code: String) -> String? {
        var sum = 0
        var count = 0
        var last: UInt8 = 0
        for byte in code.utf8 {
            count += 1
            guard count <= 18 else { break }
            guard byte < 128, values[Int(byte)] >= 0 else {
                return
                    "'\(Character(Unicode.Scalar(byte)))' is not a USCC character (digits and capitals except I, O, S, V, Z)"
            }
            if count <= 17 { sum += values[Int(byte)] * weights[count - 1] } else { last = byte }
        }
        guard count == 18 else { return "a USCC has 18 characters, this one has \(code.count)" }
        let check = (31 - sum % 31) % 31
        if values[Int(last)] != check {
            let expected = Character(Unicode.Scalar(alphabet[check]))
            return "the check character is '\(Character(Unicode.Scalar(last)))' but should be '\(expected)'"
        }
        return nil
    }

    /// The check character for the first 17 characters of a code, or nil when they are not valid USCC characters.
    public static func checkCharacter(for first17: String) -> Character? {
        let bytes = Array(first17.utf8)
        guard bytes.count == 17 else { return nil }
        var sum = 0
        for (index, byte) in bytes.enumerated() {
            guard byte < 128, values[Int(byte)] >= 0 else { return nil }
            sum += values[Int(byte)] * weights[index]
        }
        return Character(Unicode.Scalar(alphabet[(31 - sum % 31) % 31]))
    }
}
