/// A value bound to a statement or read from a row, in the types both stores keep: 64-bit integers, text,
/// booleans and NULL (money is integer fen; floating point is never stored).
public enum StoreValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case text(String)
    case bool(Bool)
}

/// One SQL statement with its bound values, written once for both stores with string interpolation: every
/// interpolated value is a bound parameter (`?` for SQLite, `$1`, `$2`… for PostgreSQL), never spliced into the
/// text; ``SQL/StringInterpolation/appendInterpolation(raw:)`` splices fixed SQL fragments written in this
/// module (never a value from outside).
public struct SQL: Sendable, Hashable, ExpressibleByStringInterpolation {
    enum Part: Sendable, Hashable {
        case text(String)
        case value(StoreValue)
    }

    var parts: [Part]

    public init(stringLiteral value: String) { parts = [.text(value)] }

    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { parts.append(.text(literal)) }

        /// A fixed SQL fragment of this module (a column list, a subquery), not a value.
        public mutating func appendInterpolation(raw fragment: String) { parts.append(.text(fragment)) }

        public mutating func appendInterpolation(_ value: StoreValue) { parts.append(.value(value)) }

        public mutating func appendInterpolation(_ value: String?) {
            parts.append(.value(value.map(StoreValue.text) ?? .null))
        }

        public mutating func appendInterpolation(_ value: Int64?) {
            parts.append(.value(value.map(StoreValue.integer) ?? .null))
        }

        public mutating func appendInterpolation(_ value: Int?) {
            parts.append(.value(value.map { StoreValue.integer(Int64($0)) } ?? .null))
        }

        public mutating func appendInterpolation(_ value: Bool) { parts.append(.value(.bool(value))) }
    }

    /// Appends another statement's text and values.
    static func + (left: SQL, right: SQL) -> SQL {
        var joined = left
        joined.parts += right.parts
        return joined
    }

    /// The statement's text with each value replaced by `placeholder(n)` (n counts from 1), and the values.
    func rendered(placeholder: (Int) -> String) -> (text: String, values: [StoreValue]) {
        var text = ""
        var values: [StoreValue] = []
        for part in parts {
            switch part {
            case .text(let fragment): text += fragment
            case .value(let value):
                values.append(value)
                text += placeholder(values.count)
            }
        }
        return (text, values)
    }
}
