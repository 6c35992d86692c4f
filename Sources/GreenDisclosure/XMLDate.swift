import GreenTaxonomy

/// `xs:date` as the XSD reads it: `YYYY-MM-DD` with an optional time zone (`Z`, `+08:00`, `-05:00`).
///
/// The format's dates are calendar dates; a time zone a lender's system appends does not change which
/// day is meant, so it is checked for shape and set aside. Without this, `2026-10-02Z` — valid for the XSD —
/// read as "no date" and the date rules (GL-HDR-002, GL-LOAN-005, GL-LOAN-006) were skipped.
enum XMLDate {
    /// The calendar date in `bytes` (already trimmed of whitespace), or nil when it is not an `xs:date`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard bytes.count >= 10, let zone = timeZoneLength(Array(bytes), after: 10), zone == bytes.count - 10
        else { return nil }
        return CalendarDate(bytes: bytes.prefix(10))
    }

    /// The length of the time zone that ends `bytes` from `offset` on: 0 for none, 1 for `Z`, 6 for
    /// `±hh:mm` (hours 00–14, minutes 00–59); nil when what follows `offset` is not a time zone.
    static func timeZoneLength(_ bytes: [UInt8], after offset: Int) -> Int? {
        let rest = bytes[min(offset, bytes.count)...]
        if rest.isEmpty { return 0 }
        if rest.count == 1 && rest.first == UInt8(ascii: "Z") { return 1 }
        let zone = Array(rest)
        guard zone.count == 6, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
            zone[3] == UInt8(ascii: ":"),
            let hours = Int(String(decoding: zone[1...2], as: UTF8.self)),
            let minutes = Int(String(decoding: zone[4...5], as: UTF8.self)),
            zone[1...2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            zone[4...5].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            hours < 14 && minutes <= 59 || hours == 14 && minutes == 0
        else { return nil }
        return 6
    }
}
