import Glibc

/// Why a value does not belong to a simple type of the schema.
struct SchemaValueProblem {
    enum Kind {
        /// Not a value of the built-in type at all (`1.5e2` for a decimal, `2026-02-30` for a date).
        case lexical
        /// The pattern (its source) did not match.
        case pattern(String)
        case enumeration([String])
        case bound(SchemaBound)
        case minLength(Int)
        case maxLength(Int)
    }
    let kind: Kind
    /// The simple type that refused it (a list's item type for an item).
    let type: Int
    /// The refused list item, when the type is a list.
    var item: String?
}

extension SchemaTables {
    /// Checks `raw` (the element's text or the attribute's value, as libxml2 hands it over) against simple
    /// type `index`. Nil when valid.
    ///
    /// Follows libxml2 2.9's XSD engine where it reads XSD 1.0 its own way, so both engines decide alike
    /// (measured case by case against `xmllint --schema`): `xs:date` and `xs:gYear` values are not
    /// whitespace-collapsed (a surrounding space makes them invalid), an integer has at most 24 significant
    /// digits, and a time zone lies within ±14:00.
    func problem(_ raw: UnsafeBufferPointer<UInt8>, type index: Int) -> SchemaValueProblem? {
        let type = types[index]
        if type.item >= 0 {
            var start = 0
            for position in 0...raw.count where position == raw.count || raw[position].isXMLWhitespace {
                if position > start {
                    let word = UnsafeBufferPointer(rebasing: raw[start..<position])
                    if var problem = problem(word, type: Int(type.item)) {
                        problem.item = String(decoding: word, as: UTF8.self)
                        return problem
                    }
                }
                start = position + 1
            }
            return nil
        }
        let value = type.trim ? raw.xmlTrimmed : raw
        let lexical: Bool
        switch type.builtin {
        case .string, .list: lexical = true
        case .decimal: lexical = XSDNumber(value, integer: false) != nil
        case .integer, .positiveInteger, .nonNegativeInteger: lexical = XSDNumber(value, integer: true) != nil
        case .date: lexical = XSDCalendar.isDate(value)
        case .gYear:
            lexical =
                XSDCalendar.year(value, from: 0).map {
                    $0 == value.count || XSDCalendar.isTimeZone(value, from: $0)
                } ?? false
        case .boolean:
            lexical = value.equals("true") || value.equals("false") || value.equals("1") || value.equals("0")
        }
        guard lexical else { return SchemaValueProblem(kind: .lexical, type: index) }
        if type.pattern >= 0, !matches(value, pattern: Int(type.pattern)) {
            return SchemaValueProblem(
                kind: .pattern(CompiledSchema.patterns[Int(type.pattern)].source), type: index)
        }
        if type.generalPatterns {
            for step in CompiledSchema.simpleTypes[index].patterns
            where !step.contains(where: { matches(value, pattern: $0) }) {
                return SchemaValueProblem(
                    kind: .pattern(CompiledSchema.patterns[step[0]].source), type: index)
            }
        }
        if type.enumerationCount > 0 || type.generalEnumerations {
            let table = CompiledSchema.simpleTypes[index]
            if type.generalEnumerations {
                for step in table.enumerations where !step.contains(where: { $0.utf8.elementsEqual(value) }) {
                    return SchemaValueProblem(kind: .enumeration(step), type: index)
                }
            } else if !isEnumerated(
                value, start: Int(type.enumerationStart), count: Int(type.enumerationCount))
            {
                return SchemaValueProblem(kind: .enumeration(table.enumerations[0]), type: index)
            }
        }
        if type.minLength >= 0 || type.maxLength >= 0 {
            var characters = 0
            for byte in value where byte & 0xC0 != 0x80 { characters &+= 1 }
            if type.minLength >= 0, characters < type.minLength {
                return SchemaValueProblem(kind: .minLength(Int(type.minLength)), type: index)
            }
            if type.maxLength >= 0, characters > type.maxLength {
                return SchemaValueProblem(kind: .maxLength(Int(type.maxLength)), type: index)
            }
        }
        if type.boundCount > 0, let number = XSDNumber(value, integer: false) {
            for offset in 0..<Int(type.boundCount) {
                let bound = bounds[Int(type.boundStart) + offset]
                let literal = UnsafeBufferPointer(start: bytes + Int(bound.literal), count: Int(bound.length))
                guard let limit = XSDNumber(literal, integer: false) else { continue }
                let order = number.compare(limit)
                let within =
                    switch bound.facet {
                    case .minInclusive: order >= 0
                    case .maxInclusive: order <= 0
                    case .minExclusive: order > 0
                    case .maxExclusive: order < 0
                    }
                if !within {
                    let facet = CompiledSchema.simpleTypes[index].bounds[offset]
                    return SchemaValueProblem(kind: .bound(facet), type: index)
                }
            }
        }
        return nil
    }

    func isEnumerated(_ value: UnsafeBufferPointer<UInt8>, start: Int, count: Int) -> Bool {
        for entry in start..<(start + count) {
            let offset = Int(enumerations[entry * 2])
            let length = Int(enumerations[entry * 2 + 1])
            guard length == value.count else { continue }
            if length == 0 || memcmp(bytes + offset, value.baseAddress!, length) == 0 { return true }
        }
        return false
    }

    /// Whether the whole of `value` (UTF-8) matches pattern `index`: a table step per ASCII byte, a search of
    /// the state's intervals for other characters.
    func matches(_ value: UnsafeBufferPointer<UInt8>, pattern index: Int) -> Bool {
        let table = ascii + Int(asciiOffsets[index])
        let states = Int(stateOffsets[index])
        var state = 0
        var position = 0
        while position < value.count {
            let byte = value[position]
            if byte < 0x80 {
                let next = table[state &* 128 &+ Int(byte)]
                if next == Self.dead { return false }
                state = Int(next)
                position &+= 1
                continue
            }
            let uniform = nonASCII[states + state]
            if uniform == Int32(Self.dead) { return false }
            if uniform >= 0 {
                state = Int(uniform)
                position &+= byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                continue
            }
            let (scalar, length) = Self.decode(value, at: position)
            position &+= length
            var found = -1
            var interval = Int(intervalStarts[states + state])
            let end = Int(intervalStarts[states + state + 1])
            while interval < end {
                if intervals[interval * 3] <= scalar && scalar <= intervals[interval * 3 + 1] {
                    found = Int(intervals[interval * 3 + 2])
                    break
                }
                interval &+= 1
            }
            if found < 0 { return false }
            state = found
        }
        return patternAccepting[states + state]
    }

    /// The scalar value of the UTF-8 sequence at `position` (libxml2 hands over valid UTF-8) and its length.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[position])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard position + length <= bytes.count else { return (0xFFFD, bytes.count - position) }
        var scalar = lead & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
        for offset in 1..<length { scalar = scalar << 6 | UInt32(bytes[position + offset] & 0x3F) }
        return (scalar, length)
    }
}

/// `xs:date` and `xs:gYear` lexical forms, as libxml2 2.9 reads them.
enum XSDCalendar {
    /// `-?YYYY-MM-DD` with an optional time zone, a real calendar day.
    static func isDate(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let end = year(value, from: 0), end + 6 <= value.count, value[end] == 0x2D,
            value[end + 3] == 0x2D, let month = twoDigits(value, end + 1),
            let day = twoDigits(value, end + 4),
            (1...12).contains(month), day >= 1
        else { return false }
        let digits = value[(value[0] == 0x2D ? 1 : 0)..<end]
        let lastFour = digits.suffix(4).reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let leap = lastFour % 4 == 0 && (lastFour % 100 != 0 || lastFour % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard day <= days else { return false }
        return end + 6 == value.count || isTimeZone(value, from: end + 6)
    }

    /// A year from `start`: an optional `-`, four or more digits, no leading zero beyond four, not zero, at
    /// most a 64-bit value. Returns where it ends.
    static func year(_ value: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var position = start
        if position < value.count, value[position] == 0x2D { position += 1 }
        let first = position
        var year: Int64 = 0
        while position < value.count, value[position] >= 0x30, value[position] <= 0x39 {
            let (times, overflow) = year.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(Int64(value[position] - 0x30))
            if overflow || carry { return nil }
            year = sum
            position += 1
        }
        let count = position - first
        guard count >= 4, count == 4 || value[first] != 0x30, year != 0 else { return nil }
        return position
    }

    /// `Z` or `±hh:mm` within ±14:00, ending the value.
    static func isTimeZone(_ value: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        if value.count == start + 1 { return value[start] == 0x5A }
        guard value.count == start + 6, value[start] == 0x2B || value[start] == 0x2D,
            value[start + 3] == 0x3A,
            let hours = twoDigits(value, start + 1), let minutes = twoDigits(value, start + 4)
        else { return false }
        return minutes <= 59 && (hours < 14 || hours == 14 && minutes == 0)
    }

    static func twoDigits(_ value: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int? {
        guard at + 2 <= value.count else { return nil }
        let (high, low) = (value[at], value[at + 1])
        guard (0x30...0x39).contains(high), (0x30...0x39).contains(low) else { return nil }
        return Int(high - 0x30) * 10 + Int(low - 0x30)
    }
}

/// An `xs:decimal` (or `xs:integer`) lexical value viewed in place, so that any length compares exactly
/// without allocating: sign, integer digits without leading zeros, fraction digits without trailing zeros.
struct XSDNumber {
    var negative = false
    var integer: UnsafeBufferPointer<UInt8>
    var fraction: UnsafeBufferPointer<UInt8>

    /// Libxml2 2.9 refuses integers of more than 24 significant digits.
    static let integerDigitLimit = 24

    /// Parses `[+-]?(digits(.digits?)?|.digits)`; with `integer`, no point and at most 24 significant digits.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, integer wholeOnly: Bool) {
        var position = 0
        if let first = bytes.first, first == 0x2B || first == 0x2D {
            negative = first == 0x2D
            position = 1
        }
        let integerStart = position
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
        let integerEnd = position
        var fractionStart = position
        var fractionEnd = position
        if position < bytes.count, bytes[position] == 0x2E, !wholeOnly {
            position += 1
            fractionStart = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            fractionEnd = position
        }
        guard position == bytes.count, integerEnd > integerStart || fractionEnd > fractionStart else {
            return nil
        }
        var first = integerStart
        while first < integerEnd, bytes[first] == 0x30 { first += 1 }
        var last = fractionEnd
        while last > fractionStart, bytes[last - 1] == 0x30 { last -= 1 }
        integer = UnsafeBufferPointer(rebasing: bytes[first..<integerEnd])
        fraction = UnsafeBufferPointer(rebasing: bytes[fractionStart..<last])
        if wholeOnly && integer.count > Self.integerDigitLimit { return nil }
        if integer.isEmpty && fraction.isEmpty { negative = false }
    }

    /// -1, 0 or 1 as `self` is below, equal to or above `other`.
    func compare(_ other: XSDNumber) -> Int {
        if negative != other.negative { return negative ? -1 : 1 }
        let magnitude = Self.compareMagnitude(self, other)
        return negative ? -magnitude : magnitude
    }

    static func compareMagnitude(_ a: XSDNumber, _ b: XSDNumber) -> Int {
        if a.integer.count != b.integer.count { return a.integer.count < b.integer.count ? -1 : 1 }
        for (x, y) in zip(a.integer, b.integer) where x != y { return x < y ? -1 : 1 }
        for (x, y) in zip(a.fraction, b.fraction) where x != y { return x < y ? -1 : 1 }
        if a.fraction.count != b.fraction.count { return a.fraction.count < b.fraction.count ? -1 : 1 }
        return 0
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Without leading and trailing XML whitespace (space, tab, line feed, carriage return).
    var xmlTrimmed: UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = count
        while start < end, self[start].isXMLWhitespace { start += 1 }
        while end > start, self[end - 1].isXMLWhitespace { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}
