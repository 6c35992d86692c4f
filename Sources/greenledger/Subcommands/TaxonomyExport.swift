import ArgumentParser
import Foundation
import GreenReports
import GreenTaxonomy

/// `greenledger taxonomy export EDITION --format json|csv`
struct TaxonomyExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a whole edition as JSON or CSV (RFC 4180, UTF-8).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv
    }

    @Argument(help: "Catalogue edition, e.g. gfsp-2025.")
    var edition: String

    @Option(help: "json or csv.")
    var format: Format = .json

    @Flag(help: "Start CSV output with a UTF-8 byte-order mark so Excel shows Chinese correctly.")
    var bom = false

    func run() throws {
        try Output.reportingErrors {
            let catalogue = try Taxonomy.standard.catalogue(edition)
            switch format {
            case .json:
                struct Document: Encodable {
                    let edition: Edition
                    let items: [TaxonomyItem]
                    let warnings: [String]
                }
                try Output.json(
                    Document(
                        edition: catalogue.edition, items: catalogue.items,
                        warnings: [catalogue.incompletenessWarning].compactMap { $0 }))
            case .csv:
                print(CSVText.catalogue(catalogue, byteOrderMark: bom), terminator: "")
            }
        }
    }
}

/// RFC 4180 CSV of a catalogue.
enum CSVText {
    static let header = [
        "edition", "code", "level", "parent_code", "name_zh", "name_en", "industry_codes", "ghg_contribution",
        "confidence", "source", "caveats", "edition_note",
    ]

    static func catalogue(_ catalogue: Catalogue, byteOrderMark: Bool) -> String {
        var out = (byteOrderMark ? "\u{FEFF}" : "") + CSV.row(header)
        let note = catalogue.incompletenessWarning ?? ""
        for item in catalogue.items {
            let row = [
                item.edition.rawValue, item.code.description, String(item.level),
                item.code.parent?.description ?? "",
                item.nameZh, item.nameEn, item.industryClasses.map(\.display).joined(separator: "; "),
                item.ghgContribution?.rawValue ?? "", item.confidence.rawValue, item.source,
                item.caveats.map(\.text).joined(separator: " | "), note,
            ]
            out += CSV.row(row)
        }
        return out
    }
}
