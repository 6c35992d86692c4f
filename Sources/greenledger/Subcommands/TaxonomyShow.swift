import ArgumentParser
import GreenTaxonomy

/// `greenledger taxonomy show EDITION CODE`
struct TaxonomyShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract:
            "Show one item: names, parent chain, children, industry classes, GHG mark, crosswalk, sources.")

    @Argument(help: "Catalogue edition, e.g. gfsp-2025.")
    var edition: String

    @Argument(help: "Dotted item code, e.g. 4.2.2.")
    var code: String

    @OptionGroup var output: TextOrJSONOptions

    func run() throws {
        try Output.reportingErrors {
            let taxonomy = Taxonomy.standard
            let item = try taxonomy.item(edition: edition, code: code)
            let catalogue = try taxonomy.catalogue(item.edition)
            let ancestors = catalogue.ancestors(of: item.code)
            let children = catalogue.children(of: item.code)
            let counterparts = taxonomy.editions.filter { $0.id != item.edition }.flatMap { other in
                ((try? taxonomy.map(code: code, from: edition, to: other.id.rawValue))?.matches ?? [])
            }
            let warnings = [catalogue.incompletenessWarning].compactMap { $0 }
            switch output.format {
            case .json:
                struct Document: Encodable {
                    let item: TaxonomyItem
                    let ancestors: [TaxonomyItem]
                    let children: [TaxonomyItem]
                    let leaf: Bool
                    let crosswalk: [CrosswalkEntry]
                    let warnings: [String]
                }
                try Output.json(
                    Document(
                        item: item, ancestors: ancestors, children: children,
                        leaf: catalogue.isLeaf(item.code),
                        crosswalk: counterparts.map(\.entry), warnings: warnings))
            case .text:
                let edition = catalogue.edition
                Output.line("\(item.edition) \(item.code)  \(item.nameZh)")
                Output.line("    \(item.nameEn) (unofficial English)")
                Output.line(
                    "level \(item.level) of 《\(edition.titleZh.value)》 \(edition.documentNumber.value) "
                        + "\(edition.documentNumber.confidence.tag)")
                for warning in warnings { Output.line("warning: \(warning)") }
                if !ancestors.isEmpty {
                    Output.line("parent chain:")
                    for ancestor in ancestors + [item] {
                        Output.line(
                            "  " + TaxonomyText.itemLine(ancestor, showEdition: false, indentByLevel: true))
                    }
                }
                if !children.isEmpty {
                    Output.line("children (\(children.count)):")
                    for child in children {
                        Output.line("  " + TaxonomyText.itemLine(child, showEdition: false))
                    }
                } else if catalogue.isLeaf(item.code) {
                    Output.line("leaf item: a loan can be classified under it")
                }
                if let ghg = item.ghgContribution { Output.line("GHG contribution: \(ghg.label)") }
                if !item.industryClasses.isEmpty {
                    Output.line(
                        "industry classes (GB/T 4754-2017; they describe the activity, not the borrower):")
                    for industryClass in item.industryClasses { Output.line("  \(industryClass.display)") }
                }
                for (entry, other) in counterparts {
                    Output.line(
                        "crosswalk (derived, not official): \(TaxonomyText.itemLine(other))  [\(entry.matchKind.rawValue)]"
                    )
                }
                for caveat in item.caveats { Output.line("caveat: \(caveat.text) (\(caveat.source))") }
                Output.line("confidence \(item.confidence.tag); source: \(item.source)")
            }
        }
    }
}
