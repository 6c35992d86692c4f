extension ReaderState {
    /// The sentence for a refused value: what it is, what the schema expects instead.
    static func describe(
        _ problem: SchemaValueProblem, value: UnsafeBufferPointer<UInt8>, subject: String
    ) -> String {
        let type = CompiledSchema.simpleTypes[problem.type]
        // A type of the format is named; a built-in one is already named by the expectation.
        let own = type.ancestry.first ?? ""
        let named = own.isEmpty || own.hasPrefix("xs:") ? "" : " (type \(own))"
        let shown = problem.item ?? shown(value)
        let what = problem.item == nil ? "\(subject) '\(shown)'" : "\(subject) has the item '\(shown)', which"
        switch problem.kind {
        case .lexical:
            return "\(what) is not \(expectation(type.builtin))\(named)"
        case .pattern(let source):
            return "\(what) does not match the pattern \(source)\(named)"
        case .enumeration(let allowed):
            return "\(what) is not one of \(allowed.map { $0.isEmpty ? "''" : $0 }.joined(separator: ", "))"
        case .bound(let bound):
            switch bound.facet {
            case .minInclusive: return "\(what) is below the minimum \(bound.value)\(named)"
            case .maxInclusive: return "\(what) is above the maximum \(bound.value)\(named)"
            case .minExclusive: return "\(what) must be more than \(bound.value)\(named)"
            case .maxExclusive: return "\(what) must be less than \(bound.value)\(named)"
            }
        case .minLength(let minimum):
            return "\(what) is shorter than \(minimum) character\(minimum == 1 ? "" : "s")\(named)"
        case .maxLength(let maximum):
            return "\(what) is longer than \(maximum) characters\(named)"
        }
    }

    /// What a value of a built-in type looks like, for messages.
    static func expectation(_ builtin: XSDBuiltin) -> String {
        switch builtin {
        case .decimal: "a decimal number (xs:decimal)"
        case .integer: "a whole number (xs:integer, at most 24 digits)"
        case .positiveInteger: "a whole number from 1 (xs:positiveInteger, at most 24 digits)"
        case .nonNegativeInteger: "a whole number from 0 (xs:nonNegativeInteger, at most 24 digits)"
        case .date: "a date YYYY-MM-DD with an optional time zone, without spaces around it (xs:date)"
        case .gYear: "a year YYYY with an optional time zone, without spaces around it (xs:gYear)"
        case .boolean: "true, false, 1 or 0 (xs:boolean)"
        case .string, .list: "text"
        }
    }
}
