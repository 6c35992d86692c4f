internal import CLibXML2

/// Attribute names of format v1, interned like ``ElementName``.
enum AttributeName: UInt8, CaseIterable {
    case unknown
    case version = 1
    case uscc, kind, lang, code, standard, id, district, industry, size, carbonFacility
    case name, totalInvestment, eiaRequired, evaluation, technology, capacityMW, annualMWh, annualTce
    case annualMWhSaved, floorAreaM2, rating, vehicles, annualKm, year, scope1, scope2, quality, basis
    case denominator, employees

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
    static func decoded(_ value: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: value, as: UTF8.self)
        return value.contains(UInt8(ascii: "&")) ? text.replacing("&#38;", with: "&") : text
    }

    /// The value with leading and trailing XML whitespace removed: what `xs:boolean`, `xs:integer` and the
    /// other collapsing types compare.
    func collapsed(_ wanted: AttributeName) -> String? {
        string(wanted).map { value in
            let space: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            return String(value.drop(while: space).reversed().drop(while: space).reversed())
        }
    }

    /// An integer attribute (`xs:integer` and its kinds), whitespace collapsed; nil when absent or not one.
    func integer(_ wanted: AttributeName) -> Int? {
        collapsed(wanted).flatMap { Int($0) }
    }

    /// An `xs:gYear` attribute: the year, with an optional time zone (`2025Z`, `2025+08:00`) ignored.
    func year(_ wanted: AttributeName) -> Int? {
        guard let value = collapsed(wanted) else { return nil }
        let bytes = Array(value.utf8)
        let zone = XMLDate.timeZoneLength(
            bytes, after: bytes.firstIndex { $0 < 0x30 || $0 > 0x39 } ?? bytes.count)
        guard let zone else { return nil }
        return Int(String(decoding: bytes.dropLast(zone), as: UTF8.self))
    }

    func bool(_ wanted: AttributeName) -> Bool? {
        switch collapsed(wanted) {
        case "true", "1": true
        case "false", "0": false
        default: nil
        }
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
