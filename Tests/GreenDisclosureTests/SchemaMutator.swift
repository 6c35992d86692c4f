import Foundation

/// Seeded mutations of the text of valid filings, aimed at the XSD rather than the XML parser: elements
/// deleted, duplicated, swapped, renamed or moved to another namespace; attributes deleted, duplicated under
/// another name or added (unknown, prefixed, xsi:); values replaced with edge cases of the schema's types;
/// text, comments, CDATA and processing instructions inserted; values turned into elements and elements
/// emptied. One to three per mutant; a mutant that no longer scans gets no further mutation.
struct SchemaMutator {
    enum Operator: String, CaseIterable {
        case deleteElement, duplicateElement, swapSiblings, renameElement, moveNamespace
        case deleteAttribute, duplicateAttribute, addAttribute, addXSI
        case replaceText, replaceAttributeValue, insertText, textToChild, emptyElement
    }

    struct Mutant {
        let source: String
        let bytes: [UInt8]
        let description: String
        let operators: [String]
    }

    var generator: SplitMix64
    let sources: [XSDEngineDifferentialTests.Source]

    init(seed: UInt64, sources: [XSDEngineDifferentialTests.Source]) {
        generator = SplitMix64(seed: seed)
        self.sources = sources
    }

    mutating func random(_ count: Int) -> Int { Int(generator.next() % UInt64(max(count, 1))) }
    mutating func pick<T>(_ values: [T]) -> T { values[random(values.count)] }
    mutating func chance(_ percent: Int) -> Bool { random(100) < percent }

    static let weights: [(Operator, Int)] = [
        (.deleteElement, 9), (.duplicateElement, 7), (.swapSiblings, 6), (.renameElement, 8),
        (.moveNamespace, 5),
        (.deleteAttribute, 5), (.duplicateAttribute, 4), (.addAttribute, 5), (.addXSI, 8),
        (.replaceText, 16), (.replaceAttributeValue, 11), (.insertText, 10), (.textToChild, 3),
        (.emptyElement, 6),
    ]

    mutating func next() -> Mutant {
        let source = pick(sources)
        var bytes = source.bytes
        var descriptions: [String] = []
        var operators: [String] = []
        // One mutation half the time, two or three otherwise.
        let count = chance(50) ? 1 : chance(60) ? 2 : 3
        let total = Self.weights.reduce(0) { $0 + $1.1 }
        var attempts = 0
        while descriptions.count < count, attempts < 20 {
            attempts += 1
            guard let elements = XMLScan.scan(bytes) else { break }
            var roll = random(total)
            var chosen = Operator.replaceText
            for (candidate, weight) in Self.weights {
                if roll < weight {
                    chosen = candidate
                    break
                }
                roll -= weight
            }
            if let description = apply(chosen, to: &bytes, elements) {
                descriptions.append(description)
                operators.append(chosen.rawValue)
            }
        }
        return Mutant(
            source: source.name, bytes: bytes, description: descriptions.joined(separator: "; "),
            operators: operators)
    }

    mutating func apply(_ op: Operator, to bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        switch op {
        case .deleteElement: deleteElement(&bytes, elements)
        case .duplicateElement: duplicateElement(&bytes, elements)
        case .swapSiblings: swapSiblings(&bytes, elements)
        case .renameElement: renameElement(&bytes, elements)
        case .moveNamespace: moveNamespace(&bytes, elements)
        case .deleteAttribute: deleteAttribute(&bytes, elements)
        case .duplicateAttribute: duplicateAttribute(&bytes, elements)
        case .addAttribute: addAttribute(&bytes, elements)
        case .addXSI: addXSI(&bytes, elements)
        case .replaceText: replaceText(&bytes, elements)
        case .replaceAttributeValue: replaceAttributeValue(&bytes, elements)
        case .insertText: insertText(&bytes, elements)
        case .textToChild: textToChild(&bytes, elements)
        case .emptyElement: emptyElement(&bytes, elements)
        }
    }

    // MARK: Pools

    static let formatElements = [
        "Disclosure", "Header", "Portfolio", "Loans", "Operations", "Lender", "Name", "Period", "Revision",
        "PreparedOn", "Currency", "TotalLoans", "GreenLoans", "TechEnterpriseLoans",
        "InclusiveSmallMicroLoans",
        "ManufacturingMidLongTermLoans", "NonPerformingLoans", "District", "Category", "Loan", "Borrower",
        "Balance", "Originated", "Maturity", "Classification", "Segments", "Green", "Emissions", "Project",
        "Activity", "Generation", "EnergySaving", "Building", "Transport", "Benefits", "CO2e", "StandardCoal",
        "COD", "AmmoniaNitrogen", "SO2", "NOx", "WaterSaved", "OfficeCoal", "OfficeDiesel", "OfficeGasoline",
        "OfficeNaturalGas", "VehicleDiesel", "VehicleGasoline", "Electricity", "PurchasedHeat",
        "BusinessTravel",
        "Water", "Paper", "Waste",
    ]
    static let unknownElements = ["Note", "Extra", "balance", "BALANCE", "Loan2", "x"]

    static let formatAttributes = [
        "version", "uscc", "kind", "lang", "code", "standard", "id", "district", "industry", "size", "name",
        "totalInvestment", "eiaRequired", "evaluation", "carbonFacility", "technology", "capacityMW",
        "annualMWh",
        "annualTce", "annualMWhSaved", "fuel", "floorAreaM2", "rating", "vehicles", "annualKm", "year",
        "scope1",
        "scope2", "quality", "basis", "denominator", "employees",
    ]
    static let unknownAttributes = ["note", "Code", "ID", "comment", "type", "nil"]

    static let xmlSchemaInstance = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    static let xsiAttributes = [
        "xsi:nil=\"true\"", "xsi:nil=\"false\"", "xsi:schemaLocation=\"a b\"",
        "xsi:noNamespaceSchemaLocation=\"x.xsd\"", "xsi:type=\"PositiveMoney\"", "xsi:type=\"Money\"",
        "xsi:type=\"Quantity\"", "xsi:type=\"USCC\"", "xsi:type=\"Segments\"", "xsi:type=\"LoanType\"",
        "xsi:type=\"HeaderType\"", "xsi:type=\"xs:string\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"",
        "xsi:type=\"xs:decimal\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"",
        "xsi:type=\"xs:date\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"",
        "xsi:type=\"g:PositiveMoney\" xmlns:g=\"urn:greenledger:disclosure:1\"",
        "xsi:type=\"unknown:Type\"", "xsi:type=\" PositiveMoney \"", "xsi:type=\"\"", "xsi:foo=\"1\"",
    ]

    static let edgeValues: [String] = [
        "", " ", "  ", " 1", "1 ", "\n1\n", "\t1\t", "&#10;", "&#13;", "<![CDATA[ ]]>", "<![CDATA[]]>", "0",
        "-0",
        "+1", "1.", ".5", "00", "1.000", "0.00", "12345678901234567", String(repeating: "9", count: 25),
        "2024-02-29", "2026-02-29", "2026-01-01Z", "2026-01-01+14:00", "2026-01-01+14:01", " 2026-01-01",
        "10000-01-01", "0000-01-01", "-0001-01-01", "2025", "02025", "true", " true ", "TRUE", "1", "bank",
        " bank", "other", "other ", "440305", "4403051", "gfsp-2025", "GFSP-2025", "2026-Q3", "2026-Q3 ",
        "2026-Q5", "normal", "loss ", "tech-enterprise inclusive-small-micro", "foo",
        String(repeating: "a", count: 64), String(repeating: "a", count: 65),
        String(repeating: "绿", count: 64),
        String(repeating: "绿", count: 65), "a\nb", "\u{00A0}", "\u{3000}", "&amp;", "<!-- c -->", "<?pi x?>",
        "12345678901234567890", "9144030070Y7LCRPJQ", " 9144030070Y7LCRPJQ", "9144030070y7lcrpjq", "3", "6",
        "large", "special-mention", "wind-offshore", "done", "evic", "CNY", "zh", "en", "1.0", "2", "0.5",
        "\u{20000}", "&#x20000;", "2025Z", "-2025", "0000", "12025", "2025-01", "2026-13-01",
        "2026-01-01T00:00:00", "2026-1-01", "01", "+0", "3.0", " 3 ", "1e3", "INF", "NaN", "0.000001",
        "1.1234567", "1234567890123456", "1234567890123456.12", "1234567890123456789", "three-star",
    ]

    static let insertions = [
        " ", "\n", "\n  ", "\t", "x", "<![CDATA[ ]]>", "<![CDATA[]]>", "<![CDATA[x]]>", "<!-- c -->",
        "<?pi x?>",
        "&#32;", "&#10;", "\u{00A0}", "\u{3000}",
    ]

    // MARK: Helpers

    static func replace(_ bytes: inout [UInt8], _ range: Range<Int>, with text: String) {
        bytes.replaceSubrange(range, with: Array(text.utf8))
    }

    mutating func pickElement(
        _ elements: [XMLScan.Element], where condition: (Int, XMLScan.Element) -> Bool = { _, _ in true }
    ) -> Int? {
        let candidates = elements.indices.filter { condition($0, elements[$0]) }
        return candidates.isEmpty ? nil : pick(candidates)
    }

    static func isLeafWithText(_ element: XMLScan.Element) -> Bool {
        !element.selfClosing && element.children.isEmpty && element.close > element.tagEnd
    }

    /// A value from the edge pool, or (a third of the time) the value of another element or attribute of
    /// the same name in the document, which keeps many mutants valid.
    mutating func value(sameAs values: [String]) -> String {
        if !values.isEmpty, chance(33) { return pick(values) }
        return pick(Self.edgeValues)
    }

    /// Where an attribute may be added: after the last attribute, or after the name.
    static func attributeInsertion(_ element: XMLScan.Element) -> Int {
        element.attributes.last?.whole.upperBound ?? element.name.upperBound
    }

    // MARK: Element operators

    mutating func deleteElement(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { $1.parent >= 0 }) else { return nil }
        let element = elements[index]
        let name = XMLScan.name(of: element, in: bytes)
        bytes.removeSubrange(element.open..<element.end)
        return "delete <\(name)>@\(element.open)"
    }

    mutating func duplicateElement(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { $1.parent >= 0 }) else { return nil }
        let element = elements[index]
        let copy = Array(bytes[element.open..<element.end])
        bytes.insert(contentsOf: copy, at: element.end)
        return "duplicate <\(XMLScan.name(of: element, in: bytes))>@\(element.open)"
    }

    mutating func swapSiblings(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let parent = pickElement(elements, where: { $1.children.count >= 2 }) else { return nil }
        let children = elements[parent].children
        let at = random(children.count - 1)
        let first = elements[children[at]]
        let second = elements[children[at + 1]]
        let names = (XMLScan.name(of: first, in: bytes), XMLScan.name(of: second, in: bytes))
        let between = Array(bytes[first.end..<second.open])
        let swapped = Array(bytes[second.open..<second.end]) + between + Array(bytes[first.open..<first.end])
        bytes.replaceSubrange(first.open..<second.end, with: swapped)
        return "swap <\(names.0)> and <\(names.1)>@\(first.open)"
    }

    /// Renames start and end tag (end tag first: it is further on).
    static func rename(_ bytes: inout [UInt8], _ element: XMLScan.Element, to name: String) {
        if !element.selfClosing {
            let length = element.name.count
            replace(&bytes, (element.close + 2)..<(element.close + 2 + length), with: name)
        }
        replace(&bytes, element.name, with: name)
    }

    mutating func renameElement(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { $1.parent >= 0 }) else { return nil }
        let element = elements[index]
        let old = XMLScan.name(of: element, in: bytes)
        let new = chance(75) ? pick(Self.formatElements) : pick(Self.unknownElements)
        Self.rename(&bytes, element, to: new)
        return "rename <\(old)> to <\(new)>@\(element.open)"
    }

    /// Moves an element to another namespace (or none), or gives it a prefix bound to the format's
    /// namespace (still valid) or to another one.
    mutating func moveNamespace(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements) else { return nil }
        let element = elements[index]
        let old = XMLScan.name(of: element, in: bytes)
        let local = XMLScan.localName(of: element, in: bytes)
        switch random(5) {
        case 0, 1:
            let declaration = pick([
                " xmlns=\"\"", " xmlns=\"urn:greenledger:disclosure:2\"", " xmlns=\"urn:x\"",
            ])
            bytes.insert(contentsOf: Array(declaration.utf8), at: Self.attributeInsertion(element))
            return "<\(old)\(declaration)>@\(element.open)"
        case 2:
            // The same namespace, declared again: valid.
            let declaration = " xmlns=\"urn:greenledger:disclosure:1\""
            bytes.insert(contentsOf: Array(declaration.utf8), at: Self.attributeInsertion(element))
            return "<\(old)\(declaration)>@\(element.open)"
        default:
            let namespace = pick([
                "urn:greenledger:disclosure:1", "urn:greenledger:disclosure:1", "urn:x", "",
            ])
            let declaration = namespace.isEmpty ? "" : " xmlns:g=\"\(namespace)\""
            bytes.insert(contentsOf: Array(declaration.utf8), at: Self.attributeInsertion(element))
            Self.rename(&bytes, element, to: "g:\(local)")
            return "<g:\(local)\(declaration)>@\(element.open)"
        }
    }

    // MARK: Attribute operators

    mutating func deleteAttribute(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { !$1.attributes.isEmpty }) else { return nil }
        let element = elements[index]
        let attribute = pick(element.attributes)
        let name = XMLScan.text(bytes, attribute.name)
        // With the space before it.
        bytes.removeSubrange((attribute.whole.lowerBound - 1)..<attribute.whole.upperBound)
        return "delete @\(name) of <\(XMLScan.name(of: element, in: bytes))>@\(element.open)"
    }

    mutating func duplicateAttribute(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { !$1.attributes.isEmpty }) else { return nil }
        let element = elements[index]
        let attribute = pick(element.attributes)
        let new = chance(75) ? pick(Self.formatAttributes) : pick(Self.unknownAttributes)
        let value = XMLScan.text(bytes, attribute.value)
        bytes.insert(contentsOf: Array(" \(new)=\"\(value)\"".utf8), at: attribute.whole.upperBound)
        let old = XMLScan.text(bytes, attribute.name)
        return "copy @\(old) as @\(new) on <\(XMLScan.name(of: element, in: bytes))>@\(element.open)"
    }

    mutating func addAttribute(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements) else { return nil }
        let element = elements[index]
        let added = pick([
            " note=\"1\"", " \(pick(Self.formatAttributes))=\"1\"", " xmlns:f=\"urn:x\" f:a=\"1\"",
            " xmlns:f=\"urn:greenledger:disclosure:1\" f:code=\"1\"", " xml:lang=\"en\"",
            " xml:space=\"preserve\"",
            " xmlns:f=\"urn:x\"",
        ])
        bytes.insert(contentsOf: Array(added.utf8), at: Self.attributeInsertion(element))
        return "add\(added) to <\(XMLScan.name(of: element, in: bytes))>@\(element.open)"
    }

    mutating func addXSI(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        // Mostly on values (where xsi:type can name a type derived from the declared one).
        let leaves = chance(70)
        guard let index = pickElement(elements, where: { !leaves || Self.isLeafWithText($1) }) else {
            return nil
        }
        let element = elements[index]
        let xsi = pick(Self.xsiAttributes)
        let added = " \(Self.xmlSchemaInstance) \(xsi)"
        let name = XMLScan.name(of: element, in: bytes)
        // Now and then with a new value too: a derived type's facets must then apply (PositiveMoney on a
        // Money element holding 0).
        var value = ""
        if Self.isLeafWithText(element), chance(40) {
            let new = pick(["0", "0.00", "-1", "1.000", "x", ""] + Self.edgeValues)
            Self.replace(&bytes, element.tagEnd..<element.close, with: new)
            value = " holding \(new.debugDescription)"
        }
        bytes.insert(contentsOf: Array(added.utf8), at: Self.attributeInsertion(element))
        return "add \(xsi) to <\(name)>\(value)@\(element.open)"
    }

    // MARK: Value operators

    mutating func replaceText(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { Self.isLeafWithText($1) }) else { return nil }
        let element = elements[index]
        let name = XMLScan.name(of: element, in: bytes)
        let others = elements.filter { Self.isLeafWithText($0) && XMLScan.name(of: $0, in: bytes) == name }
            .map {
                XMLScan.text(bytes, $0.tagEnd..<$0.close)
            }
        let new = value(sameAs: others)
        Self.replace(&bytes, element.tagEnd..<element.close, with: new)
        return "<\(name)>\(new.debugDescription)@\(element.open)"
    }

    mutating func replaceAttributeValue(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { !$1.attributes.isEmpty }) else { return nil }
        let element = elements[index]
        let attribute = pick(element.attributes)
        let name = XMLScan.text(bytes, attribute.name)
        var others: [String] = []
        for other in elements {
            for candidate in other.attributes where XMLScan.text(bytes, candidate.name) == name {
                others.append(XMLScan.text(bytes, candidate.value))
            }
        }
        let new = value(sameAs: others)
        Self.replace(&bytes, attribute.value, with: new)
        return "<\(XMLScan.name(of: element, in: bytes)) \(name)=\(new.debugDescription)>@\(element.open)"
    }

    /// Text, whitespace, CDATA, a comment or a PI: between child elements, inside an empty element (a
    /// self-closing tag becomes a start and an end tag), or inside a value.
    mutating func insertText(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements) else { return nil }
        let element = elements[index]
        let name = XMLScan.name(of: element, in: bytes)
        let text = pick(Self.insertions)
        if element.selfClosing {
            // `<X a="1"/>` to `<X a="1">text</X>`.
            Self.replace(&bytes, (element.tagEnd - 2)..<element.tagEnd, with: ">\(text)</\(name)>")
            return "<\(name)>\(text.debugDescription)</\(name)>@\(element.open)"
        }
        let positions: [Int]
        if element.children.isEmpty {
            positions = Array(element.tagEnd...element.close)
        } else {
            positions = [element.tagEnd] + element.children.map { elements[$0].end }
        }
        var at = pick(positions)
        // Never inside a multi-byte character.
        while at < bytes.count, bytes[at] & 0xC0 == 0x80 { at += 1 }
        bytes.insert(contentsOf: Array(text.utf8), at: at)
        return "insert \(text.debugDescription) in <\(name)>@\(at)"
    }

    /// A value becomes (or gains) a child element: `<Balance><x/></Balance>`.
    mutating func textToChild(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        guard let index = pickElement(elements, where: { Self.isLeafWithText($1) || $1.selfClosing }) else {
            return nil
        }
        let element = elements[index]
        let name = XMLScan.name(of: element, in: bytes)
        let child = pick([
            "<x/>", "<Balance>1</Balance>", "<\(name)/>", "<Period>2026-Q3</Period>", "<x xmlns=\"\"/>",
        ])
        if element.selfClosing {
            Self.replace(&bytes, (element.tagEnd - 2)..<element.tagEnd, with: ">\(child)</\(name)>")
        } else if chance(50) {
            Self.replace(&bytes, element.tagEnd..<element.close, with: child)
        } else {
            bytes.insert(contentsOf: Array(child.utf8), at: element.close)
        }
        return "\(child) into <\(name)>@\(element.open)"
    }

    /// `<Revision/>`, `<Revision></Revision>`, `<Segments/>`, `<Loans/>` …
    mutating func emptyElement(_ bytes: inout [UInt8], _ elements: [XMLScan.Element]) -> String? {
        let favoured: Set<String> = [
            "Revision", "Currency", "Segments", "Loans", "Activity", "Benefits", "Name", "Borrower",
        ]
        let prefer = chance(60)
        guard
            let index = pickElement(
                elements,
                where: {
                    !$1.selfClosing && (!prefer || favoured.contains(XMLScan.localName(of: $1, in: bytes)))
                })
                ?? pickElement(elements, where: { !$1.selfClosing })
        else { return nil }
        let element = elements[index]
        let name = XMLScan.name(of: element, in: bytes)
        if chance(50) {
            Self.replace(&bytes, element.tagEnd..<element.close, with: "")
            return "<\(name)></\(name)>@\(element.open)"
        }
        Self.replace(&bytes, (element.tagEnd - 1)..<element.end, with: "/>")
        return "<\(name)/>@\(element.open)"
    }
}
