/// The format-v1 XSD compiled into tables: the `+Generated` extension, written by `generate-taxonomy` from
/// `Schemas/disclosure-v1.xsd`. The reader's own XSD engine runs on ``SchemaTables``, their hot-path layout,
/// instead of libxml2's generic automaton; messages read the tables here.
enum CompiledSchema {
    /// `Element` and `Element/@attribute` whose values have a type GreenLedger's own rules check
    /// (``ReaderState/typesReportedByRules``): the XSD engines count a refusal of them, the rules report it.
    static let valuesReportedByRules: Set<String> = {
        func covered(_ type: Int) -> Bool {
            simpleTypes[type].ancestry.contains { ReaderState.typesReportedByRules.contains($0) }
        }
        var names = Set<String>()
        for element in elements {
            switch element.type {
            case .simple(let type) where covered(type): names.insert(element.name.xmlName)
            case .complex(let type):
                for use in complexTypes[type].attributes where covered(use.type) {
                    names.insert("\(element.name.xmlName)/@\(use.name.xmlName)")
                }
            default: break
            }
        }
        return names
    }()

    /// The element names a content-model state allows next, for messages.
    static func expected(in state: Int) -> [ElementName] {
        steps.filter { $0.state == state }.map(\.element)
    }
}

/// An XSD pattern as a DFA over scalar values: `transitions[state]` is a flat list of
/// `lowest, highest, target` triples.
struct PatternTable {
    let source: String
    let accepting: [Bool]
    let transitions: [[UInt32]]
}

/// The built-in type a simple type derives from (the kinds the format uses).
enum XSDBuiltin {
    case string, decimal, integer, positiveInteger, nonNegativeInteger, date, gYear, boolean, list

    /// The name in messages: `xs:date`.
    var xsdName: String { "xs:\(self)" }
}

/// A bounding facet with its decimal literal.
struct SchemaBound {
    enum Facet { case minInclusive, maxInclusive, minExclusive, maxExclusive }
    let facet: Facet
    let value: String
    init(_ facet: Facet, _ value: String) {
        self.facet = facet
        self.value = value
    }
}

struct SimpleTypeTable {
    /// The XSD's name for the type, or where an anonymous one is declared.
    let name: String
    let builtin: XSDBuiltin
    /// Whether whitespace is collapsed before the value is checked (every type but `xs:string`'s).
    let collapse: Bool
    /// Per derivation step, pattern indices of which one must match.
    let patterns: [[Int]]
    /// Per derivation step that has any, the allowed values.
    let enumerations: [[String]]
    let minLength: Int?
    let maxLength: Int?
    let bounds: [SchemaBound]
    /// The item type of a list type.
    let item: Int?
    /// The names an `xsi:type` may give in its place: its own (when named) and its named ancestors'.
    let ancestry: [String]
}

struct SchemaAttribute {
    let name: AttributeName
    let type: Int
    let required: Bool
    init(_ name: AttributeName, type: Int, required: Bool) {
        self.name = name
        self.type = type
        self.required = required
    }
}

struct ComplexTypeTable {
    enum Content {
        case empty
        case elements(start: Int)
        case simple(type: Int)
    }
    let name: String
    let content: Content
    let attributes: [SchemaAttribute]
}

struct ElementTable {
    enum Kind {
        case simple(Int)
        case complex(Int)
    }
    let name: ElementName
    let type: Kind
    let defaultValue: String?
    init(_ name: ElementName, type: Kind, defaultValue: String?) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }
}

struct ContentStep {
    let state: Int
    let element: ElementName
    let target: Int
    let declaration: Int
}
