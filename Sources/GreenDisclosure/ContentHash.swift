import Crypto

/// The SHA-256 of a filing's bytes, fed chunk by chunk from the stream the reader parses (swift-crypto),
/// so the content hash comes from the same single read.
struct ContentHash {
    private var hasher = Crypto.SHA256()

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    /// The digest as lower-case hex.
    func finalize() -> String {
        let hex: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(64)
        for byte in hasher.finalize() {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return text
    }
}
