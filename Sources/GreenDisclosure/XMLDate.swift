import GreenTaxonomy

/// `xs:date` as the XSD reads it: `YYYY-MM-DD` with an optional time zone (`Z`, `+08:00`, `-05:00`).
///
/// The format's dates are calendar dates; a time zone a lender's system appends does not change which
/// day is meant, so it is checked for shape and set aside. Without this, `2026-10-02Z` — valid for the XSD —
/// read as "no date" and the date rules (GL-HDR-002, GL-LOAN-005, GL-LOAN-006) were skipped.
enum XMLDate {
    /// The calendar date in `bytes` (already trimmed of whitespace), or nil when it is not an `xs:date`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard bytes.count >= 10 else { return nil }
        if bytes.count > 10 {
            guard let zone = timeZoneLength(bytes, after: 10), zone == bytes.count - 10 else { return nil }
        }
        return CalendarDate(bytes: UnsafeBufferPointer(rebasing: bytes[0..<10]))
    }

    /// The length of the time zone that ends `bytes` from `offset` on: 0 for none, 1 for `Z`, 6 for
    /// `±hh:mm` (hours 00–14, minutes 00–59); nil when what follows `offset` is not a time zone.
    static func timeZoneLength<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, after offset: Int)
        -> Int?
    where Bytes.Index == Int {
        let rest = bytes.count - offset
        if rest <= 0 { return 0 }
        let start = bytes.startIndex + offset
        if rest == 1 { return bytes[start] == UInt8(ascii: "Z") ? 1 : nil }
        guard rest == 6, bytes[start] == UInt8(ascii: "+") || bytes[start] == UInt8(ascii: "-"),
            bytes[start + 3] == UInt8(ascii: ":")
        else { return nil }
        func digit(_ index: Int) -> Int? {
            let byte = bytes[start + index]
            return byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
        }
        guard let h1 = digit(1), let h2 = digit(2), let m1 = digit(4), let m2 = digit(5) else { return nil }
        let (hours, minutes) = (h1 * 10 + h2, m1 * 10 + m2)
        guard hours < 14 && minutes <= 59 || hours == 14 && minutes == 0 else { return nil }
        return 6
    }
}
