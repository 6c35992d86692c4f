/// A calendar date without time or time zone (`xs:date` without an offset), as used in filings.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible, TextCodable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or returns nil when the day does not exist (e.g. 2026-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (other separators, missing zeros, a time) gives nil.
    public init?(_ text: some StringProtocol) {
        self.init(bytes: Array(text.utf8))
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes, without allocating.
    @inlinable
    public init?<Bytes: Collection<UInt8>>(bytes: Bytes) {
        guard bytes.count == 10 else { return nil }
        var year = 0
        var month = 0
        var day = 0
        var offset = 0
        for byte in bytes {
            defer { offset += 1 }
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte &- UInt8(ascii: "0"))
            if offset < 4 {
                year = year &* 10 &+ digit
            } else if offset < 7 {
                month = month &* 10 &+ digit
            } else {
                day = day &* 10 &+ digit
            }
        }
        self.init(year: year, month: month, day: day)
    }

    /// Number of days in `month` of `year` (Gregorian calendar).
    public static func daysInMonth(year: Int, month: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

extension CalendarDate {
    public static var textFormat: String { "a YYYY-MM-DD date" }
    public init?(text: String) { self.init(text as String) }
}

extension CalendarDate {
    /// Days since 0000-03-01 of the proleptic Gregorian calendar (the count behind date differences).
    ///
    /// `CalendarDate` holds years 1–9999, months 1–12 and valid days only, so every intermediate value stays
    /// below 4 million: no overflow is possible.
    public var dayNumber: Int {
        // Years start in March, so the leap day ends a year (H. Hinnant, "chrono-compatible low-level date
        // algorithms", days_from_civil).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400  // shiftedYear ≥ 0: plain division is floor division
        let yearOfEra = shiftedYear - era * 400
        let shiftedMonth = month <= 2 ? month + 9 : month - 3
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra
    }
}
