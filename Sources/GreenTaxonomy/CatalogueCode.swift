/// A dotted catalogue code such as `4.2.2`: level-1 category, level-2 group, level-3 item.
///
/// Codes are compared numerically part by part, so `1.1.10` sorts after `1.1.9`.
public struct CatalogueCode: Hashable, Comparable, Sendable, CustomStringConvertible, TextCodable {
    /// The numeric parts, 1 to 3 of them, each ≥ 1.
    public let components: [Int]

    /// Parses a code strictly: 1 to 3 dot-separated positive integers without signs, spaces or leading zeros.
    public init?(_ text: some StringProtocol) {
        guard CatalogueCode.syntaxProblem(String(text)) == nil else { return nil }
        components = text.split(separator: ".").map { Int($0)! }
    }

    init(components: [Int]) {
        self.components = components
    }

    /// 1, 2 or 3.
    public var level: Int { components.count }

    /// The enclosing code (`4.2.2` → `4.2`), nil for a level-1 code.
    public var parent: CatalogueCode? {
        components.count > 1 ? CatalogueCode(components: Array(components.dropLast())) : nil
    }

    /// This code and every enclosing one, outermost first (`4.2.2` → `4`, `4.2`, `4.2.2`).
    public var lineage: [CatalogueCode] {
        (1...components.count).map { CatalogueCode(components: Array(components.prefix($0))) }
    }

    /// The level-1 category this code belongs to.
    public var topLevel: CatalogueCode { CatalogueCode(components: [components[0]]) }

    /// Whether `other` is this code or lies under it.
    public func contains(_ other: CatalogueCode) -> Bool {
        other.components.starts(with: components)
    }

    public var description: String { components.map(String.init).joined(separator: ".") }

    public static func < (lhs: CatalogueCode, rhs: CatalogueCode) -> Bool {
        lhs.components.lexicographicallyPrecedes(rhs.components)
    }

    /// Why `text` is not a well-formed code, as a sentence fragment, or nil when it is well-formed.
    public static func syntaxProblem(_ text: String) -> String? {
        if text.isEmpty { return "the code is empty" }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.contains(where: \.isEmpty) {
            return "it has an empty part (two dots in a row, or a leading or trailing dot)"
        }
        if !parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            return "codes contain only digits and dots"
        }
        if parts.count > 3 { return "catalogue codes have at most 3 levels" }
        if parts.contains(where: { $0.first == "0" }) {
            return "parts are numbered from 1 and have no leading zeros"
        }
        if parts.contains(where: { $0.count > 3 }) { return "a part has more than 3 digits" }
        return nil
    }
}

extension CatalogueCode {
    public static var textFormat: String { "a catalogue code such as 4.2.2" }
    public init?(text: String) { self.init(text as String) }
}
