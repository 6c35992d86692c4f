internal import CLibXML2
import Glibc

/// One open element as the compiled XSD engine sees it.
struct SchemaFrame {
    enum Content: UInt8 {
        case elements, empty, simple
        /// Not checked: an element the schema does not expect here, and everything inside it.
        case skipped
    }
    var content: Content
    /// The element declaration (index into ``CompiledSchema/elements``); -1 when skipped.
    var declaration: Int
    /// Content-model state; -1 after a child that was not expected (the rest of the content is not checked,
    /// as libxml2 does).
    var state: Int
    /// The simple type of the value (simple content), else -1.
    var valueType: Int
    /// Any character data or CDATA section was read (an element's default applies only when none was).
    var sawText = false
    /// A finding about this element's text was made (one is enough).
    var reportedText = false
}

/// The compiled XSD engine: the format-v1 schema checked on the reader's own element state machine, from
/// the generated tables (``CompiledSchema``). Runs on the parse thread, inside the SAX callbacks.
extension ReaderState {
    static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"
    static let xsdNamespace = "http://www.w3.org/2001/XMLSchema"
    /// Types whose violations GreenLedger's own rules report with clearer messages (GL-AMT-001 for amounts,
    /// GL-HDR-001 and GL-LOAN-002 for USCCs); the XSD engine counts them only.
    static let typesReportedByRules: Set<String> = ["Money", "USCC"]

    /// A start tag, after ``admits(_:localName:uri:namespaces:_:at:)``: the content model of the parent,
    /// then this element's attributes.
    mutating func schemaStart(
        _ name: ElementName, localName: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        attributes list: Attributes, at location: SourceLocation
    ) {
        guard let tables = schemaTables else { return }
        var declaration = 0
        if let index = schemaFrames.indices.last {
            let parent = schemaFrames[index]
            switch parent.content {
            case .skipped:
                return schemaFrames.append(Self.skippedFrame)
            case .simple, .empty:
                let parentName = stack.last?.name.xmlName ?? "?"
                let what = parent.content == .simple ? "holds a value" : "is empty by the schema"
                schemaViolation(
                    at: location, "<\(parentName)> \(what) and cannot contain <\(Self.text(localName))>")
                return schemaFrames.append(Self.skippedFrame)
            case .elements:
                guard parent.state >= 0 else { return schemaFrames.append(Self.skippedFrame) }
                let step =
                    name == .unknown || !isFormatNamespace(uri)
                    ? -1
                    : Int(tables.pointee.next[parent.state &* tables.pointee.nameCount &+ Int(name.rawValue)])
                guard step >= 0 else {
                    unexpected(localName, uri: uri, in: parent, at: location)
                    schemaFrames[index].state = -1
                    return schemaFrames.append(Self.skippedFrame)
                }
                schemaFrames[index].state = step >> 16
                declaration = step & 0xFFFF
            }
        }
        let facts = tables.pointee.elements[declaration]
        var frame = SchemaFrame(
            content: facts.content, declaration: declaration, state: Int(facts.start),
            valueType: Int(facts.valueType))
        if list.count > 0 || facts.usesCount > 0,
            let replaced = schemaAttributes(list, facts, declaration: declaration, at: location),
            frame.valueType >= 0
        {
            frame.valueType = replaced
        }
        schemaFrames.append(frame)
    }

    static let skippedFrame = SchemaFrame(content: .skipped, declaration: -1, state: -1, valueType: -1)

    /// Character data or a CDATA section of the open element.
    mutating func schemaText(_ pointer: UnsafePointer<xmlChar>, _ count: Int, cdata: Bool) {
        guard schemaTables != nil, let index = schemaFrames.indices.last else { return }
        switch schemaFrames[index].content {
        case .simple, .skipped:
            schemaFrames[index].sawText = true
        case .elements:
            // Whitespace may stand between elements; a CDATA section may not, even of whitespace (libxml2).
            guard !schemaFrames[index].reportedText else { return }
            let buffer = UnsafeBufferPointer(start: pointer, count: count)
            guard cdata || buffer.contains(where: { !$0.isXMLWhitespace }) else { return }
            schemaFrames[index].reportedText = true
            let shown = Self.shown(buffer.xmlTrimmed)
            let element = stack.last?.name.xmlName ?? "?"
            schemaViolation(
                at: currentLocation(),
                "<\(element)> holds \(shown.isEmpty ? "a CDATA section" : "the text '\(shown)'") where only elements may stand"
            )
        case .empty:
            guard !schemaFrames[index].reportedText else { return }
            schemaFrames[index].reportedText = true
            let element = stack.last?.name.xmlName ?? "?"
            schemaViolation(
                at: currentLocation(),
                "<\(element)> must be empty (attributes only), but holds text")
        }
    }

    /// An end tag, before the reader reads the value: the content model is complete, the value is valid.
    mutating func schemaEnd(_ element: Frame) {
        guard let tables = schemaTables, let frame = schemaFrames.popLast() else { return }
        switch frame.content {
        case .elements:
            guard frame.state >= 0, !tables.pointee.accepting[frame.state] else { return }
            let state = frame.state  // the message is built only when the finding is stored
            schemaViolation(
                at: currentLocation(),
                "<\(element.name.xmlName)> ends without \(Self.list(CompiledSchema.expected(in: state), conjunction: "or")), which must come next"
            )
        case .simple:
            let declared = CompiledSchema.elements[frame.declaration].defaultValue
            if !frame.sawText, let declared {
                var bytes = Array(declared.utf8)
                bytes.withUnsafeMutableBufferPointer { buffer in
                    schemaValue(
                        UnsafeBufferPointer(buffer), type: frame.valueType, of: "<\(element.name.xmlName)>",
                        at: element.location)
                }
            } else {
                schemaValue(
                    text.bytes, type: frame.valueType, of: "<\(element.name.xmlName)>", at: element.location)
            }
        case .empty, .skipped:
            break
        }
    }

    /// Checks a value; reports a violation (or counts one that a rule of GreenLedger's reports).
    mutating func schemaValue(
        _ value: UnsafeBufferPointer<UInt8>, type: Int, of subject: @autoclosure () -> String,
        at location: SourceLocation
    ) {
        guard let problem = schemaTables?.pointee.problem(value, type: type) else { return }
        let table = CompiledSchema.simpleTypes[type]
        var reportedByRules = table.ancestry.contains { Self.typesReportedByRules.contains($0) }
        if case .bound = problem.kind, value.xmlTrimmed.first != UInt8(ascii: "-") { reportedByRules = false }
        schemaViolations += 1
        let place = startColumn(location)
        guard !reportedByRules else {
            hiddenSchemaViolation = hiddenSchemaViolation ?? place
            return
        }
        sink.report(Rules.schema, at: place, Self.describe(problem, value: value, subject: subject()))
    }

    /// Attributes against the type's attribute uses, and the `xsi:` attributes. Returns the simple type an
    /// `xsi:type` put in place of the declared one, if any.
    mutating func schemaAttributes(
        _ list: Attributes, _ facts: SchemaTables.ElementFacts, declaration: Int, at location: SourceLocation
    ) -> Int? {
        guard let tables = schemaTables else { return nil }
        var seen: UInt64 = 0
        var replaced: Int?
        let first = Int(facts.usesStart)
        let end = first + Int(facts.usesCount)
        if let base = list.base {
            for index in 0..<list.count {
                let entry = base.advanced(by: index * 5)
                guard let local = entry[0], let start = entry[3], let stop = entry[4] else { continue }
                let value = UnsafeBufferPointer(start: start, count: stop - start)
                if let uri = entry[2] {
                    replaced =
                        xsiAttribute(local, uri: uri, value: value, declaration: declaration, at: location)
                        ?? replaced
                    continue
                }
                let code = attributeCodes.value(UnsafeRawPointer(local))
                var use = first
                while use < end, tables.pointee.uses[use].name != code { use += 1 }
                guard code != 0, use < end else {
                    let element = facts.name.xmlName
                    schemaViolation(
                        at: startColumn(location),
                        "<\(element)> has the attribute '\(Self.text(local))', which format v1 does not define there"
                    )
                    continue
                }
                seen |= 1 << UInt64(use - first)
                let type = Int(tables.pointee.uses[use].type)
                if tables.pointee.types[type].trivial { continue }
                if value.count > 0, memchr(start, 0x26, value.count) != nil {  // `&`
                    // libxml2 hands an `&` over as `&#38;`; the XSD sees the character.
                    var bytes = Attributes.decodedBytes(value)
                    bytes.withUnsafeMutableBufferPointer { buffer in
                        schemaValue(
                            UnsafeBufferPointer(buffer), type: type, of: Self.subject(facts, code),
                            at: location)
                    }
                } else {
                    schemaValue(value, type: type, of: Self.subject(facts, code), at: location)
                }
            }
        }
        for use in first..<end
        where tables.pointee.uses[use].required && seen & (1 << UInt64(use - first)) == 0 {
            let element = facts.name.xmlName
            let attribute = AttributeName(rawValue: tables.pointee.uses[use].name)?.xmlName ?? "?"
            schemaViolation(
                at: startColumn(location), "<\(element)> lacks the required attribute \(attribute)")
        }
        return replaced
    }

    static func subject(_ facts: SchemaTables.ElementFacts, _ code: UInt8) -> String {
        "\(facts.name.xmlName)/@\(AttributeName(rawValue: code)?.xmlName ?? "?")"
    }

    /// An attribute in a namespace: `xsi:schemaLocation` and `xsi:noNamespaceSchemaLocation` are ignored,
    /// `xsi:type` must name the declared type or one derived from it, anything else is not allowed.
    mutating func xsiAttribute(
        _ local: UnsafePointer<xmlChar>, uri: UnsafePointer<xmlChar>, value: UnsafeBufferPointer<UInt8>,
        declaration: Int, at location: SourceLocation
    ) -> Int? {
        let element = CompiledSchema.elements[declaration]
        let localName = Self.text(local)
        guard strcmp(uri, Self.xsiNamespace) == 0 else {
            schemaViolation(
                at: startColumn(location),
                "<\(element.name.xmlName)> has the attribute '\(localName)' in namespace \(Self.text(uri)), which format v1 does not define"
            )
            return nil
        }
        // Names compared byte for byte (see resolveTypeName).
        switch Array(UnsafeBufferPointer(start: local, count: strlen(local))) {
        case Array("schemaLocation".utf8), Array("noNamespaceSchemaLocation".utf8):
            return nil
        case Array("type".utf8):
            let qualified = String(decoding: value, as: UTF8.self)
            guard let name = resolveTypeName(value) else {
                schemaViolation(
                    at: startColumn(location),
                    "<\(element.name.xmlName)> names the type '\(Self.shown(value))' in xsi:type, which does not resolve to a type of format v1"
                )
                return nil
            }
            switch element.type {
            case .simple(let declared):
                let own = CompiledSchema.simpleTypes[declared].ancestry.first ?? ""
                if !own.isEmpty,
                    let found = CompiledSchema.simpleTypes.firstIndex(where: {
                        ($0.ancestry.first.map { Array($0.utf8) } ?? []) == name && $0.ancestry.contains(own)
                    })
                {
                    return found
                }
            case .complex(let declared):
                if Array(CompiledSchema.complexTypes[declared].name.utf8) == name { return nil }
            }
            schemaViolation(
                at: startColumn(location),
                "<\(element.name.xmlName)> names the type '\(qualified)' in xsi:type, which is not its declared type or derived from it"
            )
        case Array("nil".utf8):
            schemaViolation(
                at: startColumn(location),
                "<\(element.name.xmlName)> has xsi:nil, but no element of format v1 may be nil")
        default:
            schemaViolation(
                at: startColumn(location),
                "<\(element.name.xmlName)> has the attribute xsi:\(localName), which is not allowed")
        }
        return nil
    }

    /// `prefix:local` resolved through the namespaces in scope: `xs:name` for a built-in type, `name` for
    /// one of format v1, as bytes; nil otherwise. Compared byte for byte, as libxml2 does (Swift's `String`
    /// equality would take a KELVIN SIGN prefix for a `K` one); the value is not trimmed (nor by libxml2).
    mutating func resolveTypeName(_ value: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let colon = value.firstIndex(of: UInt8(ascii: ":"))
        let prefix = colon.map { UnsafeBufferPointer(rebasing: value[..<$0]) }
        let local = Array(colon.map { value[($0 + 1)...] } ?? value[...])
        guard !local.isEmpty, let parser, let table = parser.pointee.nsTab else { return nil }
        var namespace: UnsafePointer<xmlChar>?
        var found = false
        var slot = Int(parser.pointee.nsNr) - 2
        while slot >= 0, !found {
            let declared = table[slot]
            switch (declared, prefix) {
            case (nil, nil): found = true
            case (let declared?, let prefix?):
                found =
                    strlen(declared) == prefix.count
                    && (prefix.isEmpty || memcmp(declared, prefix.baseAddress!, prefix.count) == 0)
            default: break
            }
            if found { namespace = table[slot + 1] }
            slot -= 2
        }
        guard found, let namespace else { return nil }
        if strcmp(namespace, Self.xsdNamespace) == 0 { return Array("xs:".utf8) + local }
        if strcmp(namespace, Self.namespace) == 0 { return local }
        return nil
    }

    /// A child the parent's content model does not allow at this point.
    mutating func unexpected(
        _ localName: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?, in parent: SchemaFrame,
        at location: SourceLocation
    ) {
        let child = Self.text(localName)
        let parentName = stack.last?.name.xmlName ?? "?"
        if uri == nil || !isFormatNamespace(uri) {
            let namespace = uri.map { "namespace \(Self.text($0))" } ?? "no namespace"
            return schemaViolation(
                at: location,
                "<\(child)> in \(namespace) is not part of format v1 (its elements are in \(Self.namespace))")
        }
        let state = parent.state  // the message is built only when the finding is stored
        schemaViolation(
            at: location,
            "<\(child)> is not allowed at this point in <\(parentName)>; \(Self.allowed(in: state, parent: parentName))"
        )
    }

    mutating func schemaViolation(at location: SourceLocation, _ message: @autoclosure () -> String) {
        schemaViolations += 1
        sink.report(Rules.schema, at: startColumn(location), message())
    }

    /// `location`, or the start tag's own when only its line was recorded (finding a column costs a scan,
    /// paid only for a finding).
    // `mutating` only so that a call passes `self` by reference: a non-mutating call on this 1.7 KB struct
    // copies it whole in release builds (measured: a tenth of the parse's instructions went to memcpy).
    mutating func startColumn(_ location: SourceLocation) -> SourceLocation {
        guard location.column == 0 else { return location }
        let found = startLocation()
        return found.line == location.line && found.column > 0 ? found : currentLocation()
    }

    /// Whether `uri` is the format's namespace: one pointer comparison when libxml2 interned it.
    // `mutating` only so that a call passes `self` by reference: a non-mutating call on this 1.7 KB struct
    // copies it whole in release builds (measured: a tenth of the parse's instructions went to memcpy).
    mutating func isFormatNamespace(_ uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let uri else { return false }
        if let interned = formatNamespace, UnsafeRawPointer(uri) == interned { return true }
        return strcmp(UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self), Self.namespace) == 0
    }

    static func text(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? "?"
    }

    /// A value as shown in a message: at most 40 characters.
    static func shown(_ value: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: value, as: UTF8.self)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    /// What a content-model state allows next, for a message.
    static func allowed(in state: Int, parent: String) -> String {
        let expected = CompiledSchema.expected(in: state)
        return expected.isEmpty
            ? "<\(parent)> allows nothing more here" : "expected \(list(expected, conjunction: "or")) here"
    }

    /// `<A>`, `<A> or <B>`, `<A>, <B> or <C>`.
    static func list(_ names: [ElementName], conjunction: String) -> String {
        let tags = names.map { "<\($0.xmlName)>" }
        guard tags.count > 1 else { return tags.first ?? "nothing" }
        return tags.dropLast().joined(separator: ", ") + " \(conjunction) " + tags[tags.count - 1]
    }
}
