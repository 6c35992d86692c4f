import GreenTaxonomy

/// Plain-text renderings of taxonomy values shared by the `taxonomy` subcommands.
enum TaxonomyText {
    /// `gfsp-2025 4.2.2  太阳能利用设施建设和运营  Solar energy utilisation facilities construction and operation`
    static func itemLine(_ item: TaxonomyItem, showEdition: Bool = true, indentByLevel: Bool = false)
        -> String
    {
        let indent = indentByLevel ? String(repeating: "  ", count: item.level - 1) : ""
        let code = item.code.description.padding(toLength: indentByLevel ? 10 - 2 * (item.level - 1) : 7)
        return (showEdition ? "\(item.edition) " : "") + indent + code + " " + item.nameZh + "  "
            + item.nameEn
    }

    /// `银发〔2025〕132号 [V]`
    static func attested(_ value: Attested<String>) -> String {
        "\(value.value) \(value.confidence.tag)"
    }

    static func editionBlock(_ edition: Edition, counts: [Int]) -> [String] {
        let effective =
            edition.effectiveFrom.value.map { "\($0) \(edition.effectiveFrom.confidence.tag)" }
            ?? "unknown \(edition.effectiveFrom.confidence.tag)"
        let found = counts.map(String.init).joined(separator: " / ")
        let expected = edition.expectedCounts.value.map(String.init).joined(separator: " / ")
        let completeness =
            edition.isComplete
            ? "\(found) items, complete"
            : "\(found) items known of \(expected) expected \(edition.expectedCounts.confidence.tag) — INCOMPLETE"
        return [
            "\(edition.id)  \(edition.titleZh.value) \(edition.titleZh.confidence.tag)",
            "    \(edition.titleEn.value) \(edition.titleEn.confidence.tag)",
            "    document \(attested(edition.documentNumber)); issued by "
                + "\(edition.issuers.value.joined(separator: ", ")) \(edition.issuers.confidence.tag)",
            "    effective from \(effective); \(completeness); industry codes: \(edition.hasIndustryCodes ? "yes" : "no")",
        ]
    }
}

extension String {
    /// Pads with spaces to `length` display columns, counting CJK characters as two.
    func padding(toLength length: Int) -> String {
        let width = reduce(0) { $0 + ($1.unicodeScalars.first!.value >= 0x2E80 ? 2 : 1) }
        return width >= length ? self : self + String(repeating: " ", count: length - width)
    }
}
