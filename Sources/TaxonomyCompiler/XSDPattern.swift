/// An XSD `pattern` facet compiled into a deterministic automaton over Unicode scalar values.
///
/// XSD regular expressions are anchored at both ends and have no back-references, so each compiles to a
/// DFA: parsed into a tree, built into a Thompson NFA, then determinised over the intervals of scalar values
/// its character classes distinguish. Supported: branches, groups, `? * + {n} {n,} {n,m}`, `.`, character
/// classes with ranges and negation, single-character escapes, `\s` and `\S`. Anything else (`\d`, `\w`,
/// `\p{…}`, class subtraction) is refused with a diagnostic rather than compiled approximately.
public struct XSDPattern: Hashable, Sendable {
    /// The pattern as written in the XSD.
    public let source: String
    /// Per state: whether the value may end there. State 0 is the start.
    public let accepting: [Bool]
    /// Per state: `(lowest, highest, target)` scalar-value intervals, sorted and disjoint.
    public let transitions: [[Transition]]

    public struct Transition: Hashable, Sendable {
        public let lowest: UInt32
        public let highest: UInt32
        public let target: Int
    }

    /// A scalar-value interval set, kept sorted and merged.
    typealias CharacterSet = [ClosedRange<UInt32>]

    indirect enum Node {
        case characters(CharacterSet)
        case sequence([Node])
        case branches([Node])
        case repetition(Node, minimum: Int, maximum: Int?)
    }

    static let maximumScalar: UInt32 = 0x10FFFF
    /// XSD's `.`: every character but line feed and carriage return.
    static let dot = complement([0x0A...0x0A, 0x0D...0x0D])
    /// XSD's `\s`: space, tab, line feed, carriage return.
    static let whitespace = normalized([0x20...0x20, 0x09...0x0A, 0x0D...0x0D])

    /// Compiles `source`; throws a message naming the unsupported or malformed part.
    public init(_ source: String) throws {
        self.source = source
        var parser = Parser(scalars: Array(source.unicodeScalars))
        let tree = try parser.expression()
        guard parser.index == parser.scalars.count else {
            throw PatternError(message: "unexpected '\(parser.scalars[parser.index])' in pattern '\(source)'")
        }
        var nfa = NFA()
        let (start, end) = nfa.build(tree)
        (accepting, transitions) = nfa.determinise(start: start, end: end)
    }

    /// Whether the whole of `value` matches (for the generator's own tests).
    public func matches(_ value: String) -> Bool {
        var state = 0
        for scalar in value.unicodeScalars {
            guard
                let step = transitions[state].first(where: {
                    $0.lowest <= scalar.value && scalar.value <= $0.highest
                })
            else { return false }
            state = step.target
        }
        return accepting[state]
    }

    struct PatternError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    static func normalized(_ set: CharacterSet) -> CharacterSet {
        var result: CharacterSet = []
        for range in set.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound &+ 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    static func complement(_ set: CharacterSet) -> CharacterSet {
        var result: CharacterSet = []
        var next: UInt32 = 0
        for range in normalized(set) {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        if next <= maximumScalar { result.append(next...maximumScalar) }
        return result
    }

    /// A recursive-descent parser of the XSD regular-expression grammar (XML Schema Part 2, appendix F).
    struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func expression() throws -> Node {
            var branches = [try branch()]
            while peek == "|" {
                index += 1
                branches.append(try branch())
            }
            return branches.count == 1 ? branches[0] : .branches(branches)
        }

        mutating func branch() throws -> Node {
            var pieces: [Node] = []
            while let scalar = peek, scalar != "|", scalar != ")" {
                pieces.append(try piece())
            }
            return pieces.count == 1 ? pieces[0] : .sequence(pieces)
        }

        mutating func piece() throws -> Node {
            let atom = try self.atom()
            switch peek {
            case "?":
                index += 1
                return .repetition(atom, minimum: 0, maximum: 1)
            case "*":
                index += 1
                return .repetition(atom, minimum: 0, maximum: nil)
            case "+":
                index += 1
                return .repetition(atom, minimum: 1, maximum: nil)
            case "{":
                index += 1
                let minimum = try number()
                var maximum: Int? = minimum
                if peek == "," {
                    index += 1
                    maximum = peek == "}" ? nil : try number()
                }
                guard peek == "}" else { throw PatternError(message: "unclosed quantifier") }
                index += 1
                if let maximum, maximum < minimum {
                    throw PatternError(message: "quantifier {\(minimum),\(maximum)}")
                }
                return .repetition(atom, minimum: minimum, maximum: maximum)
            default:
                return atom
            }
        }

        mutating func number() throws -> Int {
            var value = 0
            var digits = 0
            while let scalar = peek, ("0"..."9").contains(scalar) {
                value = value * 10 + Int(scalar.value - 0x30)
                digits += 1
                index += 1
                guard value <= 1000 else { throw PatternError(message: "quantifier above 1000") }
            }
            guard digits > 0 else { throw PatternError(message: "a quantifier needs a number") }
            return value
        }

        mutating func atom() throws -> Node {
            guard let scalar = peek else { throw PatternError(message: "the pattern ends early") }
            index += 1
            switch scalar {
            case "(":
                let inner = try expression()
                guard peek == ")" else { throw PatternError(message: "unclosed group") }
                index += 1
                return inner
            case ".": return .characters(XSDPattern.dot)
            case "[": return .characters(try characterClass())
            case "\\": return .characters(try escape(inClass: false))
            case "?", "*", "+", "{", "}", ")", "]":
                throw PatternError(message: "'\(scalar)' must be escaped")
            default: return .characters([scalar.value...scalar.value])
            }
        }

        /// After `\`: a single-character escape, `\s` or `\S`.
        mutating func escape(inClass: Bool) throws -> CharacterSet {
            guard let scalar = peek else { throw PatternError(message: "the pattern ends after '\\'") }
            index += 1
            switch scalar {
            case "n": return [0x0A...0x0A]
            case "r": return [0x0D...0x0D]
            case "t": return [0x09...0x09]
            case "s": return XSDPattern.whitespace
            case "S": return XSDPattern.complement(XSDPattern.whitespace)
            case "\\", "|", ".", "-", "^", "?", "*", "+", "{", "}", "(", ")", "[", "]":
                return [scalar.value...scalar.value]
            default:
                throw PatternError(
                    message: "the escape '\\\(scalar)' is not supported by the schema compiler")
            }
        }

        /// After `[`: ranges, single characters and escapes up to `]`, possibly negated.
        mutating func characterClass() throws -> CharacterSet {
            var negated = false
            if peek == "^" {
                negated = true
                index += 1
            }
            var set: CharacterSet = []
            var first = true
            while let scalar = peek, scalar != "]" || first {
                first = false
                index += 1
                var low: CharacterSet
                if scalar == "\\" {
                    low = try escape(inClass: true)
                } else if scalar == "[" {
                    throw PatternError(message: "class subtraction is not supported by the schema compiler")
                } else {
                    low = [scalar.value...scalar.value]
                }
                if peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]", low.count == 1,
                    low[0].lowerBound == low[0].upperBound
                {
                    index += 1
                    var high = scalars[index].value
                    index += 1
                    if scalars[index - 1] == "\\" {
                        let escaped = try escape(inClass: true)
                        guard escaped.count == 1, escaped[0].lowerBound == escaped[0].upperBound else {
                            throw PatternError(message: "a range must end in one character")
                        }
                        high = escaped[0].lowerBound
                    }
                    guard high >= low[0].lowerBound else { throw PatternError(message: "reversed range") }
                    low = [low[0].lowerBound...high]
                }
                set += low
            }
            guard peek == "]" else { throw PatternError(message: "unclosed character class") }
            index += 1
            return negated ? XSDPattern.complement(set) : XSDPattern.normalized(set)
        }
    }

    /// A Thompson NFA: states with ε-edges and character-set edges.
    struct NFA {
        var epsilon: [[Int]] = []
        var edges: [[(CharacterSet, Int)]] = []

        mutating func state() -> Int {
            epsilon.append([])
            edges.append([])
            return epsilon.count - 1
        }

        /// Builds `node` as a fragment; returns its start and end states.
        mutating func build(_ node: Node) -> (Int, Int) {
            switch node {
            case .characters(let set):
                let (start, end) = (state(), state())
                edges[start].append((set, end))
                return (start, end)
            case .sequence(let nodes):
                let start = state()
                var end = start
                for node in nodes {
                    let (inner, last) = build(node)
                    epsilon[end].append(inner)
                    end = last
                }
                return (start, end)
            case .branches(let nodes):
                let (start, end) = (state(), state())
                for node in nodes {
                    let (inner, last) = build(node)
                    epsilon[start].append(inner)
                    epsilon[last].append(end)
                }
                return (start, end)
            case .repetition(let node, let minimum, let maximum):
                let start = state()
                var end = start
                for _ in 0..<minimum {
                    let (inner, last) = build(node)
                    epsilon[end].append(inner)
                    end = last
                }
                if let maximum {
                    let exit = state()
                    for _ in minimum..<maximum {
                        let (inner, last) = build(node)
                        epsilon[end].append(inner)
                        epsilon[end].append(exit)
                        end = last
                    }
                    epsilon[end].append(exit)
                    return (start, exit)
                }
                let (inner, last) = build(node)
                let exit = state()
                epsilon[end].append(inner)
                epsilon[end].append(exit)
                epsilon[last].append(inner)
                epsilon[last].append(exit)
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

        /// Subset construction over the intervals the NFA's character sets distinguish.
        func determinise(start: Int, end: Int) -> ([Bool], [[Transition]]) {
            var cuts: Set<UInt32> = [0]
            for list in edges {
                for (set, _) in list {
                    for range in set {
                        cuts.insert(range.lowerBound)
                        if range.upperBound < XSDPattern.maximumScalar { cuts.insert(range.upperBound + 1) }
                    }
                }
            }
            let bounds = cuts.sorted()
            let intervals = bounds.indices.map { index in
                bounds[index]...(index + 1 < bounds.count ? bounds[index + 1] - 1 : XSDPattern.maximumScalar)
            }
            var sets = [closure([start])]
            var index: [Set<Int>: Int] = [sets[0]: 0]
            var transitions: [[Transition]] = []
            var position = 0
            while position < sets.count {
                let current = sets[position]
                var row: [Transition] = []
                for interval in intervals {
                    var targets = Set<Int>()
                    for state in current {
                        for (set, target) in edges[state]
                        where set.contains(where: { $0.contains(interval.lowerBound) }) {
                            targets.insert(target)
                        }
                    }
                    guard !targets.isEmpty else { continue }
                    let closed = closure(targets)
                    let number: Int
                    if let known = index[closed] {
                        number = known
                    } else {
                        number = sets.count
                        sets.append(closed)
                        index[closed] = number
                    }
                    if let last = row.last, last.target == number, last.highest &+ 1 == interval.lowerBound {
                        row[row.count - 1] = Transition(
                            lowest: last.lowest, highest: interval.upperBound, target: number)
                    } else {
                        row.append(
                            Transition(
                                lowest: interval.lowerBound, highest: interval.upperBound, target: number))
                    }
                }
                transitions.append(row)
                position += 1
            }
            return (sets.map { $0.contains(end) }, transitions)
        }
    }
}
