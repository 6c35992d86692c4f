import ArgumentParser
import GreenReports

extension MoneyUnit: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

/// `--money-unit yuan|wan|yi`: the unit money is printed in where people read it (text, Markdown, HTML).
struct MoneyUnitOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            """
            Money in text, Markdown and HTML: yuan (元, 2 decimals), wan (万元 = 10^4 yuan, 2 decimals) or yi \
            (亿元 = 10^8 yuan, 4 decimals), converted from the exact fen total and rounded half away from zero \
            only when printed; the unit goes in the column headings, the cells carry numbers with thousands \
            separators. Default: wan for 'report --lang zh', yuan otherwise. CSV, JSON and XLSX always carry \
            exact yuan without separators.
            """, valueName: "unit"))
    var moneyUnit: MoneyUnit?

    /// The unit chosen, or the default of a report in `language`.
    func unit(for language: ReportLanguage = .both) -> MoneyUnit { moneyUnit ?? .default(for: language) }

    /// How text and Markdown print money: the unit chosen, thousands grouped.
    func format(for language: ReportLanguage = .both) -> MoneyFormat {
        MoneyFormat(unit: unit(for: language))
    }
}
