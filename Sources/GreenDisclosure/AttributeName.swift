internal import CLibXML2

/// Attribute names of format v1, interned like ``ElementName``.
enum AttributeName: UInt8, CaseIterable {
    case unknown
    case version = 1
    case uscc, kind, lang, code, standard, id, district, industry, size, carbonFacility
    case name, totalInvestment, eiaRequired, evaluation, technology, capacityMW, annualMWh, annualTce
    case annualMWhSaved, floorAreaM2, rating, vehicles, annualKm, year, scope1, scope2, quality, basis
    case denominator, employees, fuel

    var xmlName: String { String(describing: self) }
}

/// The attributes of one start tag, as SAX2 hands them over: five pointers each (local name, prefix,
/// URI, value start, value end). Values are read on demand; only un-namespaced attributes are considered.
struct Attributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int
    let table: AttributeTable

    /// The value of `wanted`: one pointer comparison per attribute, no hashing.
    @inline(__always)
    func bytes(_ wanted: AttributeName) -> UnsafeBufferPointer<UInt8>? {
        guard let base, let target = table.pointer(wanted) else { return nil }
        for index in 0..<count {
            let entry = base.advanced(by: index * 5)
            guard let name = entry[0], UnsafeRawPointer(name) == target, entry[2] == nil,
                let start = entry[3],
                let end = entry[4]
            else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The value through `cache`, for values that repeat.
    func string(_ wanted: AttributeName, cache: inout StringCache) -> String? {
        guard let value = bytes(wanted) else { return nil }
        return value.contains(UInt8(ascii: "&")) ? Self.decoded(value) : cache.string(value)
    }

    func string(_ wanted: AttributeName) -> String? {
        bytes(wanted).map(Self.decoded)
    }

    /// The value as every XML reader sees it. Without entity substitution libxml2 hands SAX2 an `&` in an
    /// attribute value (written `&amp;` or `&#38;`) as the five characters `&#38;`; they are one `&`.
    /// Replaced byte by byte: `String.replacing` works on grapheme clusters and misses an `&#38;` whose
    /// `;` a combining mark follows (found by a hostile review).
    static func decoded(_ value: UnsafeBufferPointer<UInt8>) -> String {
        guard value.contains(UInt8(ascii: "&")) else { return String(decoding: value, as: UTF8.self) }
        return String(decoding: decodedBytes(value), as: UTF8.self)
    }

    /// The bytes with each `&#38;` made one `&`.
    static func decodedBytes(_ value: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let escape = Array("&#38;".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.count)
        var index = 0
        while index < value.count {
            if value[index] == UInt8(ascii: "&"), index + escape.count <= value.count,
                value[index..<(index + escape.count)].elementsEqual(escape)
            {
                bytes.append(UInt8(ascii: "&"))
                index += escape.count
            } else {
                bytes.append(value[index])
                index += 1
            }
        }
        return bytes
    }

    /// The value's bytes with leading and trailing XML whitespace removed: what `xs:boolean`, `xs:integer`
    /// and the other collapsing types compare.
    func collapsed(_ wanted: AttributeName) -> UnsafeBufferPointer<UInt8>? {
        guard let value = bytes(wanted) else { return nil }
        var start = 0
        var end = value.count
        while start < end, value[start].isXMLWhitespace { start += 1 }
        while end > start, value[end - 1].isXMLWhitespace { end -= 1 }
        return UnsafeBufferPointer(rebasing: value[start..<end])
    }

    /// An integer attribute (`xs:integer` and its kinds: digits with an optional sign), whitespace
    /// collapsed; nil when absent, not one, or beyond `Int`.
    func integer(_ wanted: AttributeName) -> Int? {
        collapsed(wanted).flatMap(Self.integer)
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count else { return nil }
        var value = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int(byte - 0x30))
            if o1 || o2 { return nil }
            value = plus
            index += 1
        }
        return negative ? -value : value
    }

    /// An `xs:gYear` attribute: the year, with an optional time zone (`2025Z`, `2025+08:00`) ignored.
    func year(_ wanted: AttributeName) -> Int? {
        guard let value = collapsed(wanted) else { return nil }
        let digits = value.firstIndex { $0 < 0x30 || $0 > 0x39 } ?? value.count
        guard let zone = XMLDate.timeZoneLength(value, after: digits), zone == value.count - digits else {
            return nil
        }
        return Self.integer(UnsafeBufferPointer(rebasing: value[0..<digits]))
    }

    func bool(_ wanted: AttributeName) -> Bool? {
        guard let value = collapsed(wanted) else { return nil }
        if value.equals("true") || value.equals("1") { return true }
        if value.equals("false") || value.equals("0") { return false }
        return nil
    }

    func quantity(_ wanted: AttributeName) -> Double? { bytes(wanted).flatMap(Quantity.parse) }
}

/// The interned pointer of each attribute name in one parser's dictionary.
struct AttributeTable {
    private var pointers: [UnsafeRawPointer?] = []

    init(dictionary: OpaquePointer?) {
        pointers = [UnsafeRawPointer?](repeating: nil, count: AttributeName.allCases.count)
        guard let dictionary else { return }
        for name in AttributeName.allCases where name != .unknown {
            pointers[Int(name.rawValue)] = xmlDictLookup(dictionary, name.xmlName, -1).map(
                UnsafeRawPointer.init)
        }
    }

    @inline(__always)
    func pointer(_ name: AttributeName) -> UnsafeRawPointer? { pointers[Int(name.rawValue)] }
}
