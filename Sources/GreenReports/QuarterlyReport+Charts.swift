import GreenMetrics
import GreenTaxonomy

/// The report's charts: bars labelled with names, the codes and both languages kept for the tooltip.
extension QuarterlyReport {
    /// Green loans by level-1 category, each bar labelled with its edition's tag, its code and the category's
    /// name (``Taxonomy/standard``'s level-1 item, in the report's language; Chinese for a bilingual report,
    /// whose tooltip has both): `2025·6 基础设施绿色升级` and `2019·5 基础设施绿色升级` are two bars that
    /// would otherwise read the same.
    static func categoriesChart(_ aggregate: AggregateReport, _ language: ReportLanguage) -> [ChartPoint] {
        aggregate.categories.map { category in
            let item = try? Taxonomy.standard.item(edition: category.edition, code: category.code)
            let zh = category.nameZh ?? item?.nameZh
            let en = category.nameEn ?? item?.nameEn
            return ChartPoint(
                label: "\(editionTag(category.edition))·\(category.code)"
                    + (name(zh: zh, en: en, language).map { " \($0)" } ?? ""),
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

    /// A catalogue edition as short as a bar's label allows: its year (`gfsp-2025` → `2025`, `gicc-2019` →
    /// `2019`) when the id ends in `-` and four digits and no other edition of ``Taxonomy/standard`` has that
    /// year; the whole id otherwise, so that two editions never share a tag.
    static func editionTag(_ edition: String) -> String {
        func year(_ id: String) -> Substring? {
            let year = id.suffix(4)
            let isYear =
                year.utf8.count == 4
                && year.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard isYear, id.count > 5, id.dropLast(4).last == "-" else { return nil }
            return year
        }
        guard let tag = year(edition) else { return edition }
        let shared = Taxonomy.standard.editions.contains {
            $0.id.rawValue != edition && year($0.id.rawValue) == tag
        }
        return shared ? edition : String(tag)
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
