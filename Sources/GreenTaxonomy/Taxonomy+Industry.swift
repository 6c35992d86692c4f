/// An item that lists a given GB/T 4754-2017 industry class, with the matching classes.
public struct IndustryMatch: Sendable, Encodable {
    public let item: TaxonomyItem
    public let classes: [IndustryClass]
}

extension Taxonomy {
    /// Normalises a GB/T 4754-2017 code as written in filings (`D4416`, `4416`, `44`): the optional section
    /// letter is dropped (it is not cross-checked) and 2 to 4 digits are kept.
    public func industryDigits(_ text: String) throws -> String {
        var body = Substring(text.uppercased())
        if let first = body.first, first.isASCII, first.isLetter, ("A"..."T").contains(first) {
            body = body.dropFirst()
        }
        guard (2...4).contains(body.count), body.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw TaxonomyError(
                kind: .malformedIndustryCode,
                message:
                    "malformed industry code '\(text)': a GB/T 4754-2017 code is an optional section letter "
                    + "and 2 to 4 digits, such as 4416 or D4416")
        }
        return String(body)
    }

    /// Items listing an industry class that starts with `code` (a class, group or division), in catalogue order.
    ///
    /// Only editions with industry codes are searched (`gfsp-2025`); naming another edition throws.
    public func items(withIndustryCode code: String, edition: String? = nil) throws -> [IndustryMatch] {
        let digits = try industryDigits(code)
        let scope: [Catalogue]
        if let edition {
            let catalogue = try catalogue(edition)
            guard catalogue.edition.hasIndustryCodes else {
                let with = editions.filter(\.hasIndustryCodes).map(\.id.rawValue)
                throw TaxonomyError(
                    kind: .noIndustryCodes, message: "\(catalogue.edition.id) lists no industry codes",
                    suggestions: with)
            }
            scope = [catalogue]
        } else {
            scope = editions.filter(\.hasIndustryCodes).compactMap { cataloguesByID[$0.id] }
        }
        return scope.flatMap { catalogue in
            catalogue.items.compactMap { item in
                let classes = item.industryClasses.filter { $0.code?.hasPrefix(digits) == true }
                return classes.isEmpty ? nil : IndustryMatch(item: item, classes: classes)
            }
        }
    }

    /// Listed class codes sharing the first `prefixLength` digits with `code`, for "did you mean" answers.
    public func listedIndustryClasses(near code: String, prefixLength: Int = 3) -> [String] {
        guard let digits = try? industryDigits(code) else { return [] }
        let prefix = String(digits.prefix(prefixLength))
        var seen: Set<String> = []
        for catalogue in cataloguesByID.values {
            for item in catalogue.items {
                for listed in item.industryClasses {
                    if let listedCode = listed.code, listedCode.hasPrefix(prefix) {
                        seen.insert("\(listedCode) \(listed.name)")
                    }
                }
            }
        }
        return seen.sorted()
    }
}
