/// The loan ids seen so far, as 64-bit FNV-1a hashes. Memory is about 12 bytes a loan (25 MB for two
/// million loans) and never doubles: the table is split into 256 segments that grow by half, one at a time.
/// Two different ids collide with probability about n²/2⁶⁵ (≈ 10⁻⁷ for two million loans), which would
/// report a false duplicate; no duplicate is ever missed.
struct LoanIDSet {
    fileprivate struct Segment {
        var slots = [UInt64](repeating: 0, count: 8)
        var count = 0
    }

    private var segments = [Segment](repeating: Segment(), count: 256)

    init() {}

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

    /// The slot to start probing at: the hash's low 56 bits scaled to the capacity (the top 8 bits chose
    /// the segment).
    @inline(__always)
    private static func start(_ key: UInt64, _ capacity: Int) -> Int {
        Int((key << 8).multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// Inserts `id`; returns false when it was already present.
    mutating func insert(_ id: String) -> Bool {
        let key = Self.hash(id)
        let segment = Int(key >> 56)
        if (segments[segment].count + 1) * 5 > segments[segment].slots.count * 4 { grow(segment) }
        return segments[segment].insert(key, at: Self.start(key, segments[segment].slots.count))
    }

    private mutating func grow(_ index: Int) {
        let old = segments[index].slots
        var slots = [UInt64](repeating: 0, count: old.count + old.count / 2)
        for key in old where key != 0 {
            var slot = Self.start(key, slots.count)
            while slots[slot] != 0 { slot = slot + 1 == slots.count ? 0 : slot + 1 }
            slots[slot] = key
        }
        segments[index].slots = slots
    }
}

extension LoanIDSet.Segment {
    mutating func insert(_ key: UInt64, at start: Int) -> Bool {
        var slot = start
        while true {
            let found = slots[slot]
            if found == key { return false }
            if found == 0 {
                slots[slot] = key
                count += 1
                return true
            }
            slot = slot + 1 == slots.count ? 0 : slot + 1
        }
    }
}
