/// Reuses `String`s for attribute values that repeat from loan to loan (district, size, industry, edition,
/// code…): a byte comparison against the few values seen instead of UTF-8 validation and, for longer
/// values, an allocation. Bounded: at most `limit` values are kept; others are created each time.
struct StringCache {
    private var keys: [[UInt8]] = []
    private var values: [String] = []
    private let limit: Int

    init(limit: Int = 48) { self.limit = limit }

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        for index in keys.indices where keys[index].count == bytes.count {
            if keys[index].withUnsafeBufferPointer({ memoryEqual($0, bytes) }) { return values[index] }
        }
        let value = String(decoding: bytes, as: UTF8.self)
        if keys.count < limit {
            keys.append(Array(bytes))
            values.append(value)
        }
        return value
    }

    @inline(__always)
    private func memoryEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }
}

/// One cache per repeating attribute.
struct AttributeStrings {
    var district = StringCache()
    var industry = StringCache()
    var size = StringCache()
    var standard = StringCache()
    var code = StringCache(limit: 512)
    var basis = StringCache()
    var technology = StringCache()
    var evaluation = StringCache()
    var kind = StringCache()
    var fuel = StringCache()
}
