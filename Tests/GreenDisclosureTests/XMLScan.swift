import Foundation

/// Element boundaries of a document that is well-formed enough to mutate further (tags nest, attributes
/// are quoted); nil otherwise. Byte offsets; no entity or namespace processing.
enum XMLScan {
    struct Attribute {
        /// From the name to after the closing quote.
        var whole: Range<Int>
        var name: Range<Int>
        /// Between the quotes.
        var value: Range<Int>
    }

    struct Element {
        /// The `<` of the start tag.
        var open: Int
        var name: Range<Int>
        var attributes: [Attribute] = []
        /// After the start tag's `>`.
        var tagEnd: Int = 0
        var selfClosing = false
        /// The `<` of the end tag (`tagEnd` when self-closing).
        var close: Int = 0
        /// After the end tag's `>`.
        var end: Int = 0
        var parent: Int
        var children: [Int] = []
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int, before limit: Int? = nil) -> Int?
    {
        let last = (limit ?? bytes.count) - pattern.count
        guard !pattern.isEmpty, start <= last else { return nil }
        var index = start
        while index <= last {
            if bytes[index] == pattern[0] {
                var matched = true
                for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    static func name(of element: Element, in bytes: [UInt8]) -> String { text(bytes, element.name) }

    /// The local part of the element's name.
    static func localName(of element: Element, in bytes: [UInt8]) -> String {
        let name = self.name(of: element, in: bytes)
        return name.split(separator: ":").last.map(String.init) ?? name
    }

    static let lt = UInt8(ascii: "<")
    static let gt = UInt8(ascii: ">")
    static let slash = UInt8(ascii: "/")

    static func scan(_ bytes: [UInt8]) -> [Element]? {
        var elements: [Element] = []
        var open: [Int] = []
        var index = 0
        let count = bytes.count
        func has(_ literal: String, at position: Int) -> Bool {
            let pattern = Array(literal.utf8)
            guard position + pattern.count <= count else { return false }
            return bytes[position..<position + pattern.count].elementsEqual(pattern)
        }
        while index < count {
            guard bytes[index] == lt else {
                index += 1
                continue
            }
            if has("<?", at: index) {
                guard let end = find(Array("?>".utf8), in: bytes, from: index + 2) else { return nil }
                index = end + 2
            } else if has("<!--", at: index) {
                guard let end = find(Array("-->".utf8), in: bytes, from: index + 4) else { return nil }
                index = end + 3
            } else if has("<![CDATA[", at: index) {
                guard let end = find(Array("]]>".utf8), in: bytes, from: index + 9) else { return nil }
                index = end + 3
            } else if has("<!", at: index) {
                return nil
            } else if has("</", at: index) {
                guard let end = find([gt], in: bytes, from: index + 2), let top = open.popLast() else {
                    return nil
                }
                var nameEnd = end
                while nameEnd > index + 2, isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
                guard bytes[(index + 2)..<nameEnd].elementsEqual(bytes[elements[top].name]) else {
                    return nil
                }
                elements[top].close = index
                elements[top].end = end + 1
                index = end + 1
            } else {
                var position = index + 1
                while position < count, !isSpace(bytes[position]), bytes[position] != gt,
                    bytes[position] != slash,
                    bytes[position] != lt
                {
                    position += 1
                }
                guard position > index + 1, position < count else { return nil }
                var element = Element(open: index, name: (index + 1)..<position, parent: open.last ?? -1)
                while true {
                    while position < count, isSpace(bytes[position]) { position += 1 }
                    guard position < count else { return nil }
                    if bytes[position] == gt {
                        element.tagEnd = position + 1
                        break
                    }
                    if bytes[position] == slash {
                        guard position + 1 < count, bytes[position + 1] == gt else { return nil }
                        element.selfClosing = true
                        element.tagEnd = position + 2
                        break
                    }
                    let nameStart = position
                    while position < count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "="),
                        bytes[position] != gt, bytes[position] != slash, bytes[position] != lt
                    {
                        position += 1
                    }
                    let nameEnd = position
                    while position < count, isSpace(bytes[position]) { position += 1 }
                    guard nameEnd > nameStart, position < count, bytes[position] == UInt8(ascii: "=") else {
                        return nil
                    }
                    position += 1
                    while position < count, isSpace(bytes[position]) { position += 1 }
                    guard position < count,
                        bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
                    else { return nil }
                    guard let closing = find([bytes[position]], in: bytes, from: position + 1) else {
                        return nil
                    }
                    element.attributes.append(
                        Attribute(
                            whole: nameStart..<(closing + 1), name: nameStart..<nameEnd,
                            value: (position + 1)..<closing))
                    position = closing + 1
                }
                let number = elements.count
                if let parent = open.last { elements[parent].children.append(number) }
                if element.selfClosing {
                    element.close = element.tagEnd
                    element.end = element.tagEnd
                } else {
                    open.append(number)
                }
                elements.append(element)
                index = element.tagEnd
            }
        }
        guard open.isEmpty, !elements.isEmpty else { return nil }
        return elements
    }
}
