/// The unit money is printed in where people read it: 元, 万元 (10⁴ yuan) or 亿元 (10⁸ yuan).
///
/// Only text, Markdown and HTML use it; CSV, JSON and XLSX always carry exact yuan (``MoneyFormat/exact``).
public enum MoneyUnit: String, Sendable, CaseIterable {
    /// 元, two decimals (exact to the fen).
    case yuan
    /// 万元 = 10,000 yuan, two decimals (to 100 yuan).
    case wan
    /// 亿元 = 100,000,000 yuan, four decimals (to 10,000 yuan).
    case yi

    /// The unit of a report in `language`: 万元 for Chinese, yuan for English and bilingual reports.
    public static func `default`(for language: ReportLanguage) -> MoneyUnit {
        language == .zh ? .wan : .yuan
    }

    /// Decimals printed: 2 for 元 and 万元, 4 for 亿元.
    public var decimals: Int {
        switch self {
        case .yuan, .wan: 2
        case .yi: 4
        }
    }

    /// Fen in one unit of the last printed digit: 1 (0.01 元), 10⁴ (0.01 万元 = 100 元), 10⁶ (0.0001 亿元 = 10⁴ 元).
    var fenPerStep: UInt128 {
        switch self {
        case .yuan: 1
        case .wan: 10_000
        case .yi: 1_000_000
        }
    }

    /// `元`, `万元`, `亿元`.
    public var nameZh: String {
        switch self {
        case .yuan: "元"
        case .wan: "万元"
        case .yi: "亿元"
        }
    }

    /// The unit in an English column heading: `yuan`, `10,000 yuan`, `100 million yuan`.
    public var nameEn: String {
        switch self {
        case .yuan: "yuan"
        case .wan: "10,000 yuan"
        case .yi: "100 million yuan"
        }
    }

    /// The unit after an amount in English text: `yuan`, `× 10,000 yuan`, `× 100 million yuan`.
    var amountEn: String {
        switch self {
        case .yuan: "yuan"
        case .wan, .yi: "× " + nameEn
        }
    }
}
