/// How well a reference value is backed by its source.
///
/// The tags are those of the domain reference: a value keeps its tag from the data file to every output
/// that depends on it.
public enum Confidence: String, Sendable, Codable, CaseIterable {
    /// `[V]` — read in the cited source.
    case verified = "V"
    /// `[P]` — seen only in a third-party source, or inferred from the order of listing.
    case partial = "P"
    /// `[U]` — not confirmed in any source read.
    case unverified = "U"
    /// `[D]` — derived by GreenLedger from other values; the derivation is documented.
    case derived = "D"

    /// The bracketed tag as printed in reports, e.g. `[V]`.
    public var tag: String { "[\(rawValue)]" }
}

/// A value together with the confidence tag and the source that back it.
public struct Attested<Value: Sendable>: Sendable {
    public let value: Value
    public let confidence: Confidence
    public let source: String

    public init(_ value: Value, confidence: Confidence, source: String) {
        self.value = value
        self.confidence = confidence
        self.source = source
    }
}

extension Attested: Equatable where Value: Equatable {}
extension Attested: Encodable where Value: Encodable {}
