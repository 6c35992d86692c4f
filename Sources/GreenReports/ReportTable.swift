/// A column's heading in both languages; a money column's heading carries the unit its cells are printed in.
public struct ReportColumn: Hashable, Sendable {
    /// The Chinese heading, without the unit of a money column (``heading(_:money:)`` adds it).
    public let zh: String
    /// The English heading, without the unit of a money column (``heading(_:money:)`` adds it).
    public let en: String
    /// The cells are ``ReportCell/money(_:)``: the heading names the unit, the cells carry numbers only.
    public let isMoney: Bool

    /// A column headed `zh` and `en`; `money` when its cells are amounts (the heading then gets the unit:
    /// 元, 万元 or 亿元).
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
    /// The table's heading, in ``language``.
    public let title: String
    /// The language of the title and the column headings (both, joined by a space, for a bilingual report).
    public let language: ReportLanguage
    /// The columns, money columns marked so that their headings name the unit of the cells' amounts.
    public let columns: [ReportColumn]
    /// The cells, row by row, as many in each row as there are ``columns``; money is exact yuan until
    /// printed.
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
