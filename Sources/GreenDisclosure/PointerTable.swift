/// A small open-addressing map from interned name pointers to a byte code: a lookup is a few instructions,
/// against a full `Hasher` round for `Dictionary`. Pointers come from one parser's dictionary, so equal
/// names have equal pointers.
struct PointerTable {
    private var keys: [UInt]
    private var values: [UInt8]
    private let mask: UInt

    init(capacity: Int = 256) {
        var size = 1
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt](repeating: 0, count: size)
        values = [UInt8](repeating: 0, count: size)
        mask = UInt(size - 1)
    }

    @inline(__always)
    private func slot(_ key: UInt) -> Int { Int(((key >> 4) ^ (key >> 12)) & mask) }

    mutating func insert(_ pointer: UnsafeRawPointer, _ value: UInt8) {
        let key = UInt(bitPattern: pointer)
        var index = slot(key)
        while keys[index] != 0 && keys[index] != key { index = (index + 1) & Int(mask) }
        keys[index] = key
        values[index] = value
    }

    /// The value for `pointer`, or 0 when absent.
    @inline(__always)
    func value(_ pointer: UnsafeRawPointer) -> UInt8 {
        let key = UInt(bitPattern: pointer)
        var index = slot(key)
        while true {
            let found = keys[index]
            if found == key { return values[index] }
            if found == 0 { return 0 }
            index = (index + 1) & Int(mask)
        }
    }
}
