import Glibc

/// The text of the element being read, in a raw buffer that is reused element after element (no
/// allocation, no copy-on-write checks). Owned by ``ReaderState``; freed by ``ParsePass``.
struct TextBuffer {
    /// The most character data one element may hold; the reader refuses a longer text (GL-XML-005), so
    /// nothing is ever dropped silently.
    static let limit = MarkupGate.limit

    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 1024) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    func free() { base.deallocate() }

    @inline(__always) mutating func reset() { count = 0 }

    mutating func append(_ pointer: UnsafePointer<UInt8>, _ length: Int) {
        let wanted = min(count + length, Self.limit)
        if wanted > capacity {
            var grown = capacity * 2
            while grown < wanted { grown *= 2 }
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            larger.update(from: base, count: count)
            base.deallocate()
            base = larger
            capacity = grown
        }
        let copied = wanted - count
        (base + count).update(from: pointer, count: copied)
        count = wanted
    }

    /// The bytes, valid until the next `append` or `reset`.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// The bytes without leading and trailing XML whitespace.
    var trimmed: UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = count
        while start < end, base[start].isXMLWhitespace { start += 1 }
        while end > start, base[end - 1].isXMLWhitespace { end -= 1 }
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes are exactly `literal` (one `memcmp`).
    @inline(__always)
    func equals(_ literal: StaticString) -> Bool {
        count == literal.utf8CodeUnitCount
            && (count == 0 || memcmp(baseAddress!, literal.utf8Start, count) == 0)
    }
}
