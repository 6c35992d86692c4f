/// A column's heading in both languages; a money column's heading carries the unit its cells are printed in.
public struct ReportColumn: Hashable, Sendable {
    public let zh: String
    public let en: String
    /// The cells are ``ReportCell/money(_:)``: the heading names the unit, the cells carry numbers only.
    public let isMoney: Bool

    public init(_ zh: String, _ en: String, money: Bool = false) {
        self.zh = zh
        self.en = en
        isMoney = money
    }

    /// A heading that reads the same in both languages, e.g. `#` or `SHA-256`.
    public init(_ text: String) { self.init(text, text) }

    /// The heading in `language`, with `money`'s unit when the column is money: `绿色贷款（万元）`,
    /// `Green loans (yuan)`, `绿色贷款（元） Green loans (yuan)`.
    public func heading(_ language: ReportLanguage, money: MoneyFormat) -> String {
        if isMoney { return money.heading(zh, en, language) }
        return zh == en ? zh : language.label(zh, en)
    }
}

/// One table of the report.
public struct ReportTable: Sendable, Encodable {
    /// File-name-safe id, e.g. `districts`.
    public let id: String
    public let title: String
    public let language: ReportLanguage
    public let columns: [ReportColumn]
    public let rows: [[ReportCell]]

    /// The column headings for cells printed in `money` (CSV, JSON and XLSX: ``MoneyFormat/exact``).
    public func headings(_ money: MoneyFormat) -> [String] {
        columns.map { $0.heading(language, money: money) }
    }

    enum CodingKeys: String, CodingKey { case id, title, columns, rows }

    /// JSON: the headings of exact yuan, as the cells are.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(headings(.exact), forKey: .columns)
        try c.encode(rows, forKey: .rows)
    }
}
