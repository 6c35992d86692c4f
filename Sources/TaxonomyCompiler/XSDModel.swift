/// The disclosure XSD compiled into tables: simple types with their facets, complex types with their
/// attribute uses, element declarations, and every content model as one deterministic automaton over
/// element names. Rendered into `GreenDisclosure/Generated/SchemaTables+Generated.swift`, where the reader's
/// own element state machine checks a filing against it.
///
/// The subset of XSD 1.0 the format uses is supported: named and anonymous simple types by restriction
/// (`pattern`, `enumeration`, `minLength`, `maxLength`, `length`, `min/maxInclusive`, `min/maxExclusive`,
/// `whiteSpace`) and by `list`; complex types with `sequence`/`choice` of local elements (any
/// `minOccurs`/`maxOccurs`), attributes, and `simpleContent` extension. Anything else is refused with a
/// located diagnostic, so the compiled checks never silently differ from the published XSD.
public struct XSDModel: Sendable {
    public struct SimpleType: Hashable, Sendable {
        /// The type's name, or where an anonymous type is declared (`Disclosure/@version`).
        public var name: String
        /// The built-in type at the root of the derivation (`decimal`, `positiveInteger`, `date` …).
        public var builtin: String
        public var collapse: Bool
        /// Per derivation step, the patterns of which one must match (indices into ``XSDModel/patterns``).
        public var patterns: [[Int]] = []
        /// Per derivation step that has any, the allowed values.
        public var enumerations: [[String]] = []
        public var minLength: Int?
        public var maxLength: Int?
        /// `(facet, decimal literal)`: `minInclusive`, `maxInclusive`, `minExclusive`, `maxExclusive`.
        public var bounds: [Bound] = []
        /// For a list type, its item type.
        public var item: Int?
        /// The names an `xsi:type` can give this type by: its own (`Money`, `xs:date`; empty when it is
        /// anonymous), then those of the types it derives from.
        public var ancestry: [String] = []
    }

    public struct Bound: Hashable, Sendable {
        public var facet: String
        public var value: String
    }

    public struct Attribute: Hashable, Sendable {
        public var name: String
        public var type: Int
        public var required: Bool
    }

    public enum Content: Hashable, Sendable {
        case empty
        /// Element-only content whose automaton starts in this state.
        case elements(start: Int)
        case simple(type: Int)
    }

    public struct ComplexType: Hashable, Sendable {
        public var name: String
        public var content: Content
        public var attributes: [Attribute]
    }

    public struct Element: Hashable, Sendable {
        public var name: String
        public var simpleType: Int?
        public var complexType: Int?
        public var defaultValue: String?
    }

    /// A step of a content model: in `state`, child `element` (declared by `declaration`) leads to `target`.
    public struct Step: Hashable, Sendable {
        public var state: Int
        public var element: String
        public var target: Int
        public var declaration: Int
    }

    public private(set) var patterns: [XSDPattern] = []
    public private(set) var simpleTypes: [SimpleType] = []
    public private(set) var complexTypes: [ComplexType] = []
    /// Element declarations; the first is the root (the only global element).
    public private(set) var elements: [Element] = []
    public private(set) var accepting: [Bool] = []
    public private(set) var steps: [Step] = []

    /// The built-in types the reader implements, with the facets they imply.
    static let builtins: [String: (collapse: Bool, bounds: [Bound])] = [
        "string": (false, []), "decimal": (true, []), "integer": (true, []),
        "positiveInteger": (true, [Bound(facet: "minInclusive", value: "1")]),
        "nonNegativeInteger": (true, [Bound(facet: "minInclusive", value: "0")]),
        "date": (true, []), "gYear": (true, []), "boolean": (true, []),
    ]

    let file: String
    private var namedSimple: [String: XSDNode] = [:]
    private var namedComplex: [String: XSDNode] = [:]
    private var simpleIndex: [String: Int] = [:]
    private var complexIndex: [String: Int] = [:]

    /// Compiles the XSD `text`; throws the first construct it cannot compile, with its line.
    public init(text: String, file: String) throws {
        self.file = file
        let root = try XSDNode.parse(text, file: file)
        guard root.name == "schema" else { throw fail(root, "the root element is not xs:schema") }
        guard root["elementFormDefault"] == "qualified",
            root["attributeFormDefault"] ?? "unqualified" == "unqualified"
        else { throw fail(root, "elements must be qualified and attributes unqualified") }
        for node in root.children {
            switch node.name {
            case "simpleType": namedSimple[node["name"] ?? ""] = node
            case "complexType": namedComplex[node["name"] ?? ""] = node
            case "element": break
            default: throw fail(node, "xs:\(node.name) at the top level is not supported")
            }
        }
        let globals = root.children("element")
        guard globals.count == 1 else {
            throw fail(root, "exactly one global element (the root) is supported")
        }
        _ = try element(globals[0], path: "")
    }

    func fail(_ node: XSDNode, _ message: String) -> TaxonomyDiagnostic {
        TaxonomyDiagnostic(file: file, line: node.line, message: message)
    }

    /// Strips the `xs:` prefix of a built-in type name; nil for a name of this schema.
    static func builtinName(_ qualified: String) -> String? {
        qualified.hasPrefix("xs:") ? String(qualified.dropFirst(3)) : nil
    }

    mutating func element(_ node: XSDNode, path: String) throws -> Int {
        guard let name = node["name"], node["ref"] == nil else {
            throw fail(node, "element references are not supported; declare the element in place")
        }
        let here = path.isEmpty ? name : "\(path)/\(name)"
        let index = elements.count
        elements.append(Element(name: name, defaultValue: node["default"]))
        if node["fixed"] != nil || node["nillable"] == "true" || node["abstract"] != nil {
            throw fail(node, "fixed, nillable and abstract elements are not supported")
        }
        if let type = node["type"] {
            if let builtin = Self.builtinName(type) {
                elements[index].simpleType = try builtinType(builtin, node: node)
            } else if namedSimple[type] != nil {
                elements[index].simpleType = try simpleType(named: type, node: node)
            } else if let complex = namedComplex[type] {
                elements[index].complexType = try complexType(complex, name: type, path: here)
            } else {
                throw fail(node, "unknown type '\(type)'")
            }
        } else if let simple = node.child("simpleType") {
            elements[index].simpleType = try simpleType(simple, name: "the type of \(here)")
        } else if let complex = node.child("complexType") {
            elements[index].complexType = try complexType(complex, name: "the type of \(here)", path: here)
        } else {
            throw fail(node, "an element without a type (xs:anyType) is not supported")
        }
        return index
    }

    mutating func builtinType(_ name: String, node: XSDNode) throws -> Int {
        let key = "xs:\(name)"
        if let known = simpleIndex[key] { return known }
        guard let builtin = Self.builtins[name] else {
            throw fail(node, "the built-in type xs:\(name) is not supported by the schema compiler")
        }
        simpleTypes.append(
            SimpleType(
                name: name, builtin: name, collapse: builtin.collapse, bounds: builtin.bounds, ancestry: [key]
            ))
        simpleIndex[key] = simpleTypes.count - 1
        return simpleTypes.count - 1
    }

    mutating func simpleType(named name: String, node: XSDNode) throws -> Int {
        if let known = simpleIndex[name] { return known }
        guard let definition = namedSimple[name] else { throw fail(node, "unknown simple type '\(name)'") }
        let index = try simpleType(definition, name: name)
        simpleTypes[index].ancestry[0] = name
        simpleIndex[name] = index
        return index
    }

    /// A type reference or an inline type: `base`/`itemType`/`type` attribute, or an xs:simpleType child.
    mutating func typeReference(_ node: XSDNode, attribute: String, context: String) throws -> Int {
        if let reference = node[attribute] {
            if let builtin = Self.builtinName(reference) { return try builtinType(builtin, node: node) }
            return try simpleType(named: reference, node: node)
        }
        guard let inline = node.child("simpleType") else { throw fail(node, "no type given") }
        return try simpleType(inline, name: context)
    }

    mutating func simpleType(_ node: XSDNode, name: String) throws -> Int {
        if let list = node.child("list") {
            let item = try typeReference(list, attribute: "itemType", context: "an item of \(name)")
            simpleTypes.append(
                SimpleType(name: name, builtin: "list", collapse: true, item: item, ancestry: [""]))
            return simpleTypes.count - 1
        }
        guard let restriction = node.child("restriction") else {
            throw fail(node, "only restriction and list simple types are supported")
        }
        var type = simpleTypes[try typeReference(restriction, attribute: "base", context: name)]
        guard type.item == nil else { throw fail(restriction, "restricting a list type is not supported") }
        type.name = name
        type.ancestry.insert("", at: 0)  // anonymous unless simpleType(named:) names it
        var patterns: [Int] = []
        var enumeration: [String] = []
        for facet in restriction.children where facet.name != "simpleType" {
            guard let value = facet["value"] else { throw fail(facet, "xs:\(facet.name) without a value") }
            switch facet.name {
            case "pattern":
                do {
                    self.patterns.append(try XSDPattern(value))
                } catch {
                    throw fail(facet, "\(error)")
                }
                patterns.append(self.patterns.count - 1)
            case "enumeration": enumeration.append(value)
            case "minLength", "maxLength", "length":
                guard let number = Int(value), number >= 0 else { throw fail(facet, "bad length '\(value)'") }
                if facet.name != "maxLength" { type.minLength = max(type.minLength ?? 0, number) }
                if facet.name != "minLength" { type.maxLength = min(type.maxLength ?? number, number) }
            case "minInclusive", "maxInclusive", "minExclusive", "maxExclusive":
                guard type.builtin != "string", type.builtin != "date", type.builtin != "gYear",
                    value.wholeMatch(of: /[+-]?[0-9]+(\.[0-9]+)?/) != nil
                else { throw fail(facet, "only decimal bounds on numeric types are supported") }
                type.bounds.append(Bound(facet: facet.name, value: value))
            case "whiteSpace":
                guard value == "collapse" || value == "preserve" && !type.collapse else {
                    throw fail(facet, "whiteSpace '\(value)' is not supported here")
                }
                type.collapse = value == "collapse"
            default:
                throw fail(facet, "the facet xs:\(facet.name) is not supported by the schema compiler")
            }
        }
        if !patterns.isEmpty { type.patterns.append(patterns) }
        if !enumeration.isEmpty { type.enumerations.append(enumeration) }
        simpleTypes.append(type)
        return simpleTypes.count - 1
    }

    mutating func complexType(_ node: XSDNode, name: String, path: String) throws -> Int {
        if let known = complexIndex[name] { return known }
        if node["mixed"] == "true" { throw fail(node, "mixed content is not supported") }
        let index = complexTypes.count
        complexTypes.append(ComplexType(name: name, content: .empty, attributes: []))
        if node["name"] != nil { complexIndex[name] = index }
        var attributeHolder = node
        if let simple = node.child("simpleContent") {
            guard let extensionNode = simple.child("extension"), let base = extensionNode["base"] else {
                throw fail(simple, "only simpleContent by extension is supported")
            }
            let type =
                try Self.builtinName(base).map { try builtinType($0, node: extensionNode) }
                ?? simpleType(named: base, node: extensionNode)
            complexTypes[index].content = .simple(type: type)
            attributeHolder = extensionNode
        } else if let group = node.children.first(where: { $0.name == "sequence" || $0.name == "choice" }) {
            var builder = ContentBuilder()
            let particle = try self.particle(group, path: path)
            let start = accepting.count
            let (accepting, steps) = try builder.determinise(
                particle, offset: start, fail: { fail(group, $0) })
            self.accepting += accepting
            self.steps += steps
            complexTypes[index].content = .elements(start: start)
        }
        for child in attributeHolder.children {
            switch child.name {
            case "attribute":
                guard let attributeName = child["name"] else {
                    throw fail(child, "attribute references are not supported")
                }
                if child["fixed"] != nil { throw fail(child, "fixed attributes are not supported") }
                let type =
                    child["type"] == nil && child.child("simpleType") == nil
                    ? try builtinType("string", node: child)  // xs:anySimpleType, read as a string
                    : try typeReference(child, attribute: "type", context: "\(path)/@\(attributeName)")
                complexTypes[index].attributes.append(
                    Attribute(name: attributeName, type: type, required: child["use"] == "required"))
            case "sequence", "choice", "simpleContent": break
            default: throw fail(child, "xs:\(child.name) in a complex type is not supported")
            }
        }
        return index
    }

    /// A content particle: an element declaration or a group, with its occurrence bounds.
    indirect enum Particle {
        case element(declaration: Int, name: String)
        case sequence([Particle])
        case choice([Particle])
        case repeated(Particle, minimum: Int, maximum: Int?)
    }

    mutating func particle(_ node: XSDNode, path: String) throws -> Particle {
        let inner: Particle
        switch node.name {
        case "element":
            let declaration = try element(node, path: path)
            inner = .element(declaration: declaration, name: elements[declaration].name)
        case "sequence": inner = .sequence(try node.children.map { try particle($0, path: path) })
        case "choice": inner = .choice(try node.children.map { try particle($0, path: path) })
        default: throw fail(node, "xs:\(node.name) in a content model is not supported")
        }
        let minimum = Int(node["minOccurs"] ?? "1") ?? -1
        let maximum = node["maxOccurs"] == "unbounded" ? nil : Int(node["maxOccurs"] ?? "1")
        guard minimum >= 0, minimum <= 100, maximum.map({ $0 >= minimum && $0 <= 100 }) ?? true else {
            throw fail(node, "occurrence bounds must be 0…100 or unbounded")
        }
        return minimum == 1 && maximum == 1 ? inner : .repeated(inner, minimum: minimum, maximum: maximum)
    }

    /// Builds a content model as an NFA over element declarations, then determinises it by element name
    /// (the XSD's Unique Particle Attribution rule makes the declaration of each step unambiguous).
    struct ContentBuilder {
        var epsilon: [[Int]] = []
        var edges: [[(declaration: Int, name: String, target: Int)]] = []

        mutating func state() -> Int {
            epsilon.append([])
            edges.append([])
            return epsilon.count - 1
        }

        mutating func build(_ particle: Particle) -> (Int, Int) {
            switch particle {
            case .element(let declaration, let name):
                let (start, end) = (state(), state())
                edges[start].append((declaration, name, end))
                return (start, end)
            case .sequence(let parts):
                let start = state()
                var end = start
                for part in parts {
                    let (inner, last) = build(part)
                    epsilon[end].append(inner)
                    end = last
                }
                return (start, end)
            case .choice(let parts):
                let (start, end) = (state(), state())
                for part in parts {
                    let (inner, last) = build(part)
                    epsilon[start].append(inner)
                    epsilon[last].append(end)
                }
                return (start, end)
            case .repeated(let part, let minimum, let maximum):
                let start = state()
                var end = start
                for _ in 0..<minimum {
                    let (inner, last) = build(part)
                    epsilon[end].append(inner)
                    end = last
                }
                let exit = state()
                if let maximum {
                    for _ in minimum..<maximum {
                        let (inner, last) = build(part)
                        epsilon[end] += [inner, exit]
                        end = last
                    }
                    epsilon[end].append(exit)
                } else {
                    let (inner, last) = build(part)
                    epsilon[end] += [inner, exit]
                    epsilon[last] += [inner, exit]
                }
                return (start, exit)
            }
        }

        func closure(_ states: Set<Int>) -> Set<Int> {
            var result = states
            var work = Array(states)
            while let next = work.popLast() {
                for target in epsilon[next] where result.insert(target).inserted { work.append(target) }
            }
            return result
        }

        mutating func determinise(
            _ particle: Particle, offset: Int, fail: (String) -> TaxonomyDiagnostic
        ) throws -> ([Bool], [Step]) {
            let (start, end) = build(particle)
            var sets = [closure([start])]
            var index: [Set<Int>: Int] = [sets[0]: 0]
            var steps: [Step] = []
            var position = 0
            while position < sets.count {
                let current = sets[position]
                var byName: [String: (Set<Int>, Set<Int>)] = [:]
                for state in current {
                    for edge in edges[state] {
                        byName[edge.name, default: ([], [])].0.insert(edge.target)
                        byName[edge.name, default: ([], [])].1.insert(edge.declaration)
                    }
                }
                for name in byName.keys.sorted() {
                    let (targets, declarations) = byName[name]!
                    guard declarations.count == 1, let declaration = declarations.first else {
                        throw fail(
                            "<\(name)> is ambiguous in this content model (unique particle attribution)")
                    }
                    let closed = closure(targets)
                    let number: Int
                    if let known = index[closed] {
                        number = known
                    } else {
                        number = sets.count
                        sets.append(closed)
                        index[closed] = number
                    }
                    steps.append(
                        Step(
                            state: offset + position, element: name, target: offset + number,
                            declaration: declaration))
                }
                position += 1
            }
            return (sets.map { $0.contains(end) }, steps)
        }
    }
}
