/// The compiled schema laid out for the hot path: plain memory read through pointers, so a lookup in the
/// SAX callbacks costs no reference counting. Built once per process from the generated tables
/// (``CompiledSchema``) and never freed; a trivially copyable value that ``ReaderState`` holds.
struct SchemaTables: @unchecked Sendable {
    struct ElementFacts {
        var name: ElementName
        var content: SchemaFrame.Content
        /// The simple type of the value (simple content), else -1.
        var valueType: Int32
        /// The content model's start state (element-only content), else -1.
        var start: Int32
        /// The complex type, else -1.
        var complexType: Int32
        var usesStart: Int32
        var usesCount: Int32
    }

    struct UseFacts {
        var name: UInt8
        var required: Bool
        var type: Int32
    }

    struct TypeFacts {
        var builtin: XSDBuiltin
        /// Leading and trailing whitespace is removed before the value is checked.
        var trim: Bool
        /// The one pattern to match, else -1 (see `generalPatterns`).
        var pattern: Int32
        /// More than one pattern or derivation step with patterns: checked on the general path.
        var generalPatterns: Bool
        var enumerationStart: Int32
        var enumerationCount: Int32
        /// More than one derivation step with enumerations: checked on the general path.
        var generalEnumerations: Bool
        var minLength: Int32
        var maxLength: Int32
        var boundStart: Int32
        var boundCount: Int32
        var item: Int32
        /// Any text is a value (`xs:string` without facets): nothing to check.
        var trivial: Bool
    }

    struct Bound {
        var facet: SchemaBound.Facet
        var literal: Int32
        var length: Int32
    }

    let nameCount: Int
    let next: UnsafeMutablePointer<Int32>
    let accepting: UnsafeMutablePointer<Bool>
    let elements: UnsafeMutablePointer<ElementFacts>
    let uses: UnsafeMutablePointer<UseFacts>
    let types: UnsafeMutablePointer<TypeFacts>
    /// All patterns' ASCII steps (`state * 128 + byte` → state, `dead` when none), at `asciiOffsets[p]`.
    let ascii: UnsafeMutablePointer<UInt8>
    let asciiOffsets: UnsafeMutablePointer<Int32>
    /// Per pattern, per state: where its intervals start in `intervals` (`stateOffsets[p] + state`), and
    /// where they end (the next entry).
    let intervalStarts: UnsafeMutablePointer<Int32>
    let stateOffsets: UnsafeMutablePointer<Int32>
    /// `lowest, highest, target` triples.
    let intervals: UnsafeMutablePointer<UInt32>
    /// Per pattern, per state: whether the value may end there (at `stateOffsets[p] + state`).
    let patternAccepting: UnsafeMutablePointer<Bool>
    /// Per pattern, per state: the state every non-ASCII character leads to when they all lead to the same
    /// one (`.` and `\S` do), `dead` when none leads anywhere, `mixed` otherwise (at `stateOffsets[p] +
    /// state`). Spares decoding CJK text character by character.
    let nonASCII: UnsafeMutablePointer<Int32>
    static let mixed: Int32 = -2
    /// Enumeration values and bound literals: `(offset, length)` pairs into `bytes`.
    let enumerations: UnsafeMutablePointer<Int32>
    let bounds: UnsafeMutablePointer<Bound>
    let bytes: UnsafeMutablePointer<UInt8>

    static let dead: UInt8 = 0xFF
    /// Built on first use; shared by every pass (read only, never freed). Reached through a pointer so that
    /// the callbacks never copy the tables' handles.
    nonisolated(unsafe) static let shared: UnsafeMutablePointer<SchemaTables> = {
        let pointer = UnsafeMutablePointer<SchemaTables>.allocate(capacity: 1)
        pointer.initialize(to: SchemaTables())
        return pointer
    }()

    static func allocate<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
        pointer.initialize(from: values, count: values.count)
        return pointer
    }

    // swift-format-ignore: NoAssignmentInExpressions
    init() {
        nameCount = ElementName.allCases.count
        var next = [Int32](repeating: -1, count: CompiledSchema.accepting.count * nameCount)
        for step in CompiledSchema.steps {
            next[step.state * nameCount + Int(step.element.rawValue)] = Int32(
                step.target << 16 | step.declaration)
        }
        self.next = Self.allocate(next)
        accepting = Self.allocate(CompiledSchema.accepting)

        var byteList: [UInt8] = []
        func store(_ text: String) -> (Int32, Int32) {
            let offset = Int32(byteList.count)
            byteList += Array(text.utf8)
            return (offset, Int32(text.utf8.count))
        }
        var useList: [UseFacts] = []
        var elementList: [ElementFacts] = []
        var complexUses: [(Int32, Int32)] = []
        for type in CompiledSchema.complexTypes {
            complexUses.append((Int32(useList.count), Int32(type.attributes.count)))
            useList += type.attributes.map {
                UseFacts(name: $0.name.rawValue, required: $0.required, type: Int32($0.type))
            }
        }
        for element in CompiledSchema.elements {
            switch element.type {
            case .simple(let type):
                elementList.append(
                    ElementFacts(
                        name: element.name, content: .simple, valueType: Int32(type), start: -1,
                        complexType: -1, usesStart: 0,
                        usesCount: 0))
            case .complex(let index):
                var facts = ElementFacts(
                    name: element.name, content: .empty, valueType: -1, start: -1, complexType: Int32(index),
                    usesStart: complexUses[index].0, usesCount: complexUses[index].1)
                switch CompiledSchema.complexTypes[index].content {
                case .empty: break
                case .elements(let start):
                    facts.content = .elements
                    facts.start = Int32(start)
                case .simple(let type):
                    facts.content = .simple
                    facts.valueType = Int32(type)
                }
                elementList.append(facts)
            }
        }
        elements = Self.allocate(elementList)
        uses = Self.allocate(useList)

        var enumerationList: [Int32] = []
        var boundList: [Bound] = []
        types = Self.allocate(
            CompiledSchema.simpleTypes.map { type in
                let single = type.patterns.count == 1 && type.patterns[0].count == 1
                let enumerationStart = Int32(enumerationList.count / 2)
                for value in type.enumerations.first ?? [] {
                    let (offset, length) = store(value)
                    enumerationList += [offset, length]
                }
                let boundStart = Int32(boundList.count)
                for bound in type.bounds {
                    let (offset, length) = store(bound.value)
                    boundList.append(Bound(facet: bound.facet, literal: offset, length: length))
                }
                return TypeFacts(
                    builtin: type.builtin,
                    trim: type.collapse && type.builtin != .date && type.builtin != .gYear,
                    pattern: single ? Int32(type.patterns[0][0]) : -1,
                    generalPatterns: !single && !type.patterns.isEmpty,
                    enumerationStart: enumerationStart,
                    enumerationCount: Int32(type.enumerations.first?.count ?? 0),
                    generalEnumerations: type.enumerations.count > 1,
                    minLength: Int32(type.minLength ?? -1), maxLength: Int32(type.maxLength ?? -1),
                    boundStart: boundStart, boundCount: Int32(type.bounds.count),
                    item: Int32(type.item ?? -1),
                    trivial: type.builtin == .string && type.patterns.isEmpty && type.enumerations.isEmpty
                        && type.minLength == nil && type.maxLength == nil && type.bounds.isEmpty)
            })
        enumerations = Self.allocate(enumerationList)
        bounds = Self.allocate(boundList)
        bytes = Self.allocate(byteList)

        var asciiList: [UInt8] = []
        var asciiOffsetList: [Int32] = []
        var stateOffsetList: [Int32] = []
        var intervalStartList: [Int32] = []
        var intervalList: [UInt32] = []
        var acceptingList: [Bool] = []
        var nonASCIIList: [Int32] = []
        for pattern in CompiledSchema.patterns {
            precondition(pattern.accepting.count < Int(Self.dead), "pattern automaton too large")
            asciiOffsetList.append(Int32(asciiList.count))
            stateOffsetList.append(Int32(intervalStartList.count))
            var table = [UInt8](repeating: Self.dead, count: pattern.accepting.count * 128)
            for (state, row) in pattern.transitions.enumerated() {
                intervalStartList.append(Int32(intervalList.count / 3))
                intervalList += row
                for index in stride(from: 0, to: row.count, by: 3) where row[index] < 128 {
                    for byte in row[index]...min(row[index + 1], 127) {
                        table[state * 128 + Int(byte)] = UInt8(row[index + 2])
                    }
                }
            }
            intervalStartList.append(Int32(intervalList.count / 3))
            acceptingList += pattern.accepting + [false]
            nonASCIIList += pattern.transitions.map(Self.nonASCIITarget) + [Int32(Self.dead)]
            asciiList += table
        }
        ascii = Self.allocate(asciiList)
        asciiOffsets = Self.allocate(asciiOffsetList)
        stateOffsets = Self.allocate(stateOffsetList)
        intervalStarts = Self.allocate(intervalStartList)
        intervals = Self.allocate(intervalList)
        patternAccepting = Self.allocate(acceptingList)
        nonASCII = Self.allocate(nonASCIIList)
    }

    /// The one target of every scalar from U+0080 up in a state's `lowest, highest, target` triples; `dead`
    /// (as Int32) when none has one, `mixed` when they differ.
    static func nonASCIITarget(_ row: [UInt32]) -> Int32 {
        var covered: UInt32 = 0x80
        var target: Int32?
        for index in stride(from: 0, to: row.count, by: 3) where row[index + 1] >= 0x80 {
            let low = max(row[index], 0x80)
            if low != covered { return target == nil && low > 0x10FFFF ? Int32(dead) : mixed }
            if let known = target, known != Int32(row[index + 2]) { return mixed }
            target = Int32(row[index + 2])
            covered = row[index + 1] + 1
        }
        guard let target else { return Int32(dead) }
        return covered == 0x110000 ? target : mixed
    }
}
