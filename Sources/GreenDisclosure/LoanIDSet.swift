/// The loan ids seen so far, kept as 64-bit FNV-1a hashes in an open-addressing table: 8 bytes a loan,
/// about 16 MB for two million loans. Two different ids collide with probability about n²/2⁶⁵ (≈ 10⁻⁷ for
/// two million loans), which would report a false duplicate; no duplicate is ever missed.
struct LoanIDSet {
    private var slots: [UInt64]
    private var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// FNV-1a over the UTF-8 bytes, finalised with a multiply-xorshift mix; never 0 (0 marks an empty slot).
    @inline(__always)
    static func hash(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash == 0 ? 1 : hash
    }

    /// Inserts `id`; returns false when it was already present.
    mutating func insert(_ id: String) -> Bool {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let key = Self.hash(id)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: key) & mask
        while true {
            let slot = slots[index]
            if slot == key { return false }
            if slot == 0 {
                slots[index] = key
                count += 1
                return true
            }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for key in old where key != 0 {
            var index = Int(truncatingIfNeeded: key) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = key
        }
    }
}
