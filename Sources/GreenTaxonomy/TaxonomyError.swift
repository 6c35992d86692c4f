/// A lookup in the taxonomy that cannot be answered: unknown edition or code, malformed code, no crosswalk.
///
/// `description` is the one-line sentence the user reads, suggestions included.
public struct TaxonomyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for programs that branch on it.
    public enum Kind: String, Sendable {
        case unknownEdition, unknownCode, malformedCode, noCrosswalk, noIndustryCodes, malformedIndustryCode,
            unknownFactor
    }

    public let kind: Kind
    /// The problem, without suggestions.
    public let message: String
    /// Nearest valid values, best first (may be empty).
    public let suggestions: [String]

    public init(kind: Kind, message: String, suggestions: [String] = []) {
        self.kind = kind
        self.message = message
        self.suggestions = suggestions
    }

    public var description: String {
        suggestions.isEmpty ? message : "\(message); did you mean \(suggestions.joined(separator: ", "))?"
    }

    static func unknownEdition(_ text: String, known: [EditionID]) -> TaxonomyError {
        let ranked = known.map(\.rawValue).map { ($0, Suggestions.distance(text.lowercased(), $0)) }
        let year = String(text.filter(\.isNumber))
        let close = ranked.filter { $0.1 <= 3 || (year.count == 4 && $0.0.hasSuffix(year)) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        return TaxonomyError(
            kind: .unknownEdition,
            message:
                "unknown catalogue edition '\(text)' (editions: \(known.map(\.rawValue).joined(separator: ", ")))",
            suggestions: close)
    }
}

/// Ranking helpers for "did you mean" suggestions.
enum Suggestions {
    /// Levenshtein distance over Unicode scalars.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
