internal import CLibXML2

/// Bounds what libxml2 must hold before it can call back: the bytes between one `<` and the next.
///
/// libxml2's push parser buffers a text node, a tag with its attributes or a comment whole before it delivers
/// any of it (a 10 MB `Name` cost 433 MB; 300,000 attributes 28 s of duplicate checks). A filing's texts and
/// tags are short, so any run of more than ``limit`` bytes without a `<` is refused before it is fed: memory
/// and time per element stay bounded whatever the file holds. Checking costs one backward byte search per
/// ``limit`` bytes (the last `<` of each window), not a scan of every byte.
struct MarkupGate {
    /// The longest run of bytes without a `<` that is fed to the parser.
    static let limit = 1 << 16

    /// Bytes since the last `<`, carried across chunks.
    private var run = 0

    /// Admits `chunk`: nil when every run stays within ``limit``, else the offset of the first byte that
    /// would make a run longer than it.
    mutating func admit(_ chunk: UnsafeRawBufferPointer) -> Int? {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var position = 0
        while true {
            let budget = Self.limit - run
            let remaining = chunk.count - position
            let window = min(budget, remaining)
            if let last = clx_last_byte(base + position, Int32(UInt8(ascii: "<")), window) {
                run = 0
                position = last - base + 1
                continue
            }
            if remaining <= budget {
                run += remaining
                return nil
            }
            return position + budget
        }
    }
}
