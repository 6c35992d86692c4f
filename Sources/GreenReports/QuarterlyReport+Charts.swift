import GreenMetrics
import GreenTaxonomy

/// The report's charts: bars labelled with names, the codes and both languages kept for the tooltip.
extension QuarterlyReport {
    /// Green loans by level-1 category, each bar labelled with the category's name (``Taxonomy/standard``'s
    /// level-1 item, in the report's language; Chinese for a bilingual report, whose tooltip has both).
    static func categoriesChart(_ aggregate: AggregateReport, _ language: ReportLanguage) -> [ChartPoint] {
        aggregate.categories.map { category in
            let item = try? Taxonomy.standard.item(edition: category.edition, code: category.code)
            let zh = category.nameZh ?? item?.nameZh
            let en = category.nameEn ?? item?.nameEn
            return ChartPoint(
                label: name(zh: zh, en: en, language) ?? category.code,
                value: category.green.approximateYuan,
                detail: "\(category.edition) \(category.code)"
                    + (full(zh: zh, en: en, language).map { " \($0)" } ?? ""),
                money: category.green)
        }
    }

    /// Green share by district, each bar labelled with the district's name (``Taxonomy/districts``), not its code.
    static func districtsChart(_ aggregate: AggregateReport, _ language: ReportLanguage) -> [ChartPoint] {
        aggregate.districts.compactMap { district in
            guard let share = district.share else { return nil }
            let known = Taxonomy.standard.districts.first { $0.code == district.code }
            let zh = district.nameZh ?? known?.nameZh
            let en = district.nameEn ?? known?.nameEn
            return ChartPoint(
                label: name(zh: zh, en: en, language) ?? district.code, value: share,
                detail: district.code + (full(zh: zh, en: en, language).map { " \($0)" } ?? ""))
        }
    }

    /// The one name shown under a bar: the report's language, Chinese for both, the other language when the
    /// name is missing in the wanted one.
    static func name(zh: String?, en: String?, _ language: ReportLanguage) -> String? {
        let zh = zh.flatMap { $0.isEmpty ? nil : $0 }
        let en = en.flatMap { $0.isEmpty ? nil : $0 }
        return language == .en ? en ?? zh : zh ?? en
    }

    /// The name in the report's language (both for a bilingual report), for tooltips.
    static func full(zh: String?, en: String?, _ language: ReportLanguage) -> String? {
        let zh = zh.flatMap { $0.isEmpty ? nil : $0 }
        let en = en.flatMap { $0.isEmpty ? nil : $0 }
        if language == .both, let zh, let en { return "\(zh) \(en)" }
        return name(zh: zh, en: en, language)
    }
}
