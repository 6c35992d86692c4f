/// A fact about an edition with the confidence tag and source that back it.
public struct AttestedFact: Hashable, Sendable {
    public let value: String
    public let confidence: String
    public let source: String
    public let line: Int
}

/// One edition's metadata, read from `Taxonomy/editions.tsv` (one fact per line).
public struct EditionSource: Hashable, Sendable {
    /// Fields every edition must state exactly once.
    public static let singleFields = [
        "order", "title_zh", "title_en", "document_number", "issuers", "published_on", "effective_from",
        "scope",
        "completeness", "expected_counts", "has_industry_codes",
    ]
    /// Fields an edition may state any number of times.
    public static let repeatedFields = ["source", "note"]
    public static let header = ["edition", "field", "value", "confidence", "source"]

    public let id: String
    public let facts: [String: AttestedFact]
    public let sources: [AttestedFact]
    public let notes: [AttestedFact]

    public var order: Int { Int(facts["order"]!.value)! }
    public var isComplete: Bool { facts["completeness"]!.value == "complete" }
    public var expectedCounts: [Int] {
        facts["expected_counts"]!.value.split(separator: "/").map { Int($0)! }
    }

    /// Reads every edition from the text of `editions.tsv`; problems are appended to `diagnostics`.
    public static func parse(file: String, text: String, diagnostics: inout [TaxonomyDiagnostic])
        -> [EditionSource]
    {
        let table = TSVTable(file: file, text: text, expectedHeader: header, diagnostics: &diagnostics)
        var order: [String] = []
        var single: [String: [String: AttestedFact]] = [:]
        var repeated: [String: [String: [AttestedFact]]] = [:]
        for row in table.rows {
            func fail(_ message: String) {
                diagnostics.append(.init(file: file, line: row.line, message: message))
            }
            let (edition, field) = (row[0], row[1])
            guard isEditionID(edition) else {
                fail(
                    "malformed edition id '\(edition)'; expected lower-case letters, a hyphen and a year, like gfsp-2025"
                )
                continue
            }
            if single[edition] == nil {
                order.append(edition)
                single[edition] = [:]
                repeated[edition] = [:]
            }
            let fact = AttestedFact(value: row[2], confidence: row[3], source: row[4], line: row.line)
            if !CatalogueSource.confidences.contains(fact.confidence) {
                fail("confidence '\(fact.confidence)' must be one of V, P, U, D")
            }
            if fact.source.trimmingWhitespace.isEmpty {
                fail("\(edition) \(field): every fact needs a source")
            }
            if let message = checkValue(field: field, value: fact.value, confidence: fact.confidence) {
                fail(message)
            }
            if singleFields.contains(field) {
                if let earlier = single[edition]![field] {
                    fail("\(edition) states '\(field)' twice (first on line \(earlier.line))")
                }
                single[edition]![field] = fact
            } else if repeatedFields.contains(field) {
                repeated[edition]![field, default: []].append(fact)
            } else {
                fail(
                    "unknown field '\(field)'; known fields: \((singleFields + repeatedFields).joined(separator: ", "))"
                )
            }
        }
        var editions: [EditionSource] = []
        for id in order {
            let missing = singleFields.filter { single[id]![$0] == nil }
            if !missing.isEmpty {
                diagnostics.append(
                    .init(
                        file: file, line: 0, message: "edition \(id) lacks \(missing.joined(separator: ", "))"
                    ))
                continue
            }
            if (repeated[id]!["source"] ?? []).isEmpty {
                diagnostics.append(.init(file: file, line: 0, message: "edition \(id) names no source"))
                continue
            }
            editions.append(
                EditionSource(
                    id: id, facts: single[id]!, sources: repeated[id]!["source"] ?? [],
                    notes: repeated[id]!["note"] ?? []))
        }
        return editions.sorted { $0.order < $1.order }
    }

    static func isEditionID(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy { $0.isASCII && $0.isLowercase }
            && parts[1].count == 4 && parts[1].allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func checkValue(field: String, value: String, confidence: String) -> String? {
        switch field {
        case "order":
            return Int(value).map { $0 > 0 } == true ? nil : "order '\(value)' must be a positive integer"
        case "published_on", "effective_from":
            if value.isEmpty { return confidence == "U" ? nil : "an unknown \(field) must be tagged U" }
            return DateText.isValid(value) ? nil : "\(field) '\(value)' is not a valid YYYY-MM-DD date"
        case "completeness":
            return ["complete", "incomplete"].contains(value)
                ? nil : "completeness must be complete or incomplete"
        case "expected_counts":
            let parts = value.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 3 && parts.allSatisfy({ Int($0) != nil })
                ? nil : "expected_counts '\(value)' must be three numbers like 9/38/271"
        case "has_industry_codes":
            return ["true", "false"].contains(value) ? nil : "has_industry_codes must be true or false"
        default:
            return value.trimmingWhitespace.isEmpty ? "\(field) is empty" : nil
        }
    }
}

/// Strict `YYYY-MM-DD` checking shared by the data files.
enum DateText {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month)
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
