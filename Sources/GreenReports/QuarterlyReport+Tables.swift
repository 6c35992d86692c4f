import GreenMetrics

/// The report's tables, one function each, in the order the report shows them.
extension QuarterlyReport {
    /// The indicators against their targets: numerator, total loans, actual and target share, gap.
    static func indicatorsTable(_ aggregate: AggregateReport, _ language: ReportLanguage) -> ReportTable {
        let l: Label = language.label
        return ReportTable(
            id: "indicators", title: l("指标与目标", "Indicators vs targets"),
            language: language,
            columns: [
                ReportColumn("目标", "Target"), ReportColumn("分子", "Numerator", money: true),
                ReportColumn("各项贷款", "Total loans", money: true), ReportColumn("实际", "Actual"),
                ReportColumn("目标值", "Target value"), ReportColumn("截止", "By"), ReportColumn("达标", "Met"),
                ReportColumn("差额", "Gap", money: true), ReportColumn("依据", "Source"),
            ],
            rows: aggregate.targets.map { assessment in
                [
                    .text(l(assessment.target.titleZh, assessment.target.titleEn)),
                    assessment.actual.map { .money($0.numerator) } ?? .text("—"),
                    assessment.actual.map { .money($0.denominator) } ?? .text("—"),
                    .ratio(assessment.actual?.share), .ratio(assessment.target.value.fraction),
                    .text(
                        assessment.target.targetDate.description
                            + (assessment.targetDatePassed ? " ✓" : "")),
                    .text(assessment.met.map { $0 ? l("是", "yes") : l("否", "no") } ?? "—"),
                    assessment.gap.map { .money($0) } ?? .text("—"),
                    .text("\(assessment.target.id) \(assessment.target.confidence.tag)"),
                ]
            })
    }

    /// Total and green loans by district.
    static func districtsTable(_ aggregate: AggregateReport, _ language: ReportLanguage) -> ReportTable {
        let l: Label = language.label
        return ReportTable(
            id: "districts", title: l("分区", "Districts"),
            language: language,
            columns: [
                ReportColumn("区", "District"), ReportColumn("各项贷款", "Total loans", money: true),
                ReportColumn("绿色贷款", "Green loans", money: true), ReportColumn("占比", "Share"),
            ],
            rows: aggregate.districts.map {
                [
                    .text("\($0.code) \(l($0.nameZh ?? "", $0.nameEn ?? ""))"), .money($0.total),
                    .money($0.green), .ratio($0.share),
                ]
            })
    }

    /// The lender league table, by green share.
    static func lendersTable(_ aggregate: AggregateReport, _ language: ReportLanguage) -> ReportTable {
        let l: Label = language.label
        return ReportTable(
            id: "lenders", title: l("机构排名（绿色贷款占比）", "Lender league table (green share)"),
            language: language,
            columns: [
                ReportColumn("#"), ReportColumn("机构", "Lender"), ReportColumn("统一社会信用代码", "USCC"),
                ReportColumn("类型", "Kind"), ReportColumn("各项贷款", "Total loans", money: true),
                ReportColumn("绿色贷款", "Green loans", money: true), ReportColumn("占比", "Share"),
            ],
            rows: aggregate.lenders.enumerated().map {
                [
                    .integer($0.offset + 1), .text($0.element.nameZh ?? ""), .text($0.element.uscc),
                    .text($0.element.kind),
                    .money($0.element.total), .money($0.element.green), .ratio($0.element.greenShare),
                ]
            })
    }

    /// Green loans by level-1 category of each edition.
    static func categoriesTable(_ aggregate: AggregateReport, _ language: ReportLanguage) -> ReportTable {
        let l: Label = language.label
        return ReportTable(
            id: "categories", title: l("绿色分类（一级）", "Green categories (level 1)"),
            language: language,
            columns: [
                ReportColumn("目录", "Edition"), ReportColumn("类别", "Category"),
                ReportColumn("绿色贷款", "Green loans", money: true), ReportColumn("占绿色贷款", "Of green loans"),
            ],
            rows: aggregate.categories.map {
                [
                    .text($0.edition), .text("\($0.code) \(l($0.nameZh ?? "", $0.nameEn ?? ""))"),
                    .money($0.green), .ratio($0.shareOfGreen),
                ]
            })
    }

    /// Avoided and financed emissions, each with its unit and basis.
    static func emissionsTable(_ aggregate: AggregateReport, _ language: ReportLanguage) -> ReportTable {
        let l: Label = language.label
        let avoided = aggregate.avoided
        let financed = aggregate.financed
        return ReportTable(
            id: "emissions", title: l("减排与投融资排放", "Avoided and financed emissions"),
            language: language,
            columns: [
                ReportColumn("项目", "Item"), ReportColumn("数值", "Value"), ReportColumn("单位", "Unit"),
                ReportColumn("依据", "Basis"),
            ],
            rows: [
                [
                    .text(l("申报年减排量", "Declared annual reduction")), .number(avoided.declaredTonnes),
                    .text("tCO2e"), .text(l("借款人申报", "declared by borrowers")),
                ],
                [
                    .text(l("估算年减排量", "Estimated annual reduction")),
                    .number(avoided.estimatedProjectTonnes), .text("tCO2e"),
                    .text(aggregate.baselines.isEmpty ? "—" : aggregate.baselines.joined(separator: "; ")),
                ],
                [
                    .text(l("归属本行的估算减排量", "Estimated reduction attributed")),
                    .number(avoided.attributedTonnes), .text("tCO2e"),
                    .text(l("余额/项目总投资", "balance ÷ total investment")),
                ],
                [
                    .text(l("估算覆盖率", "Estimate coverage")), .ratio(avoided.coverage),
                    .text(l("绿色贷款余额", "of green balance")), .text(""),
                ],
                [
                    .text(l("投融资排放（PCAF）", "Financed emissions (PCAF)")),
                    .number(financed.financedTonnes), .text("tCO2e"),
                    .text(l("不与减排量相抵", "not netted against avoided")),
                ],
                [
                    .text(l("排放强度", "Intensity")), .number(financed.intensityPerMillionYuan),
                    .text(l("吨/百万元", "t per million yuan")), .text(""),
                ],
                [
                    .text(l("数据覆盖率", "Data coverage")), .ratio(financed.coverage),
                    .text(l("贷款余额", "of balance")), .text(""),
                ],
                [
                    .text(l("数据质量评分", "Data-quality score")), .number(financed.dataQualityScore),
                    .text("1–5"), .text(l("余额加权", "balance-weighted")),
                ],
            ])
    }

    /// Every filing of the period with its verdict and treatment (data quality).
    static func filingsTable(_ filings: [FilingStatus], _ language: ReportLanguage) -> ReportTable {
        let l: Label = language.label
        return ReportTable(
            id: "filings", title: l("数据质量：报送文件", "Data quality: filings"),
            language: language,
            columns: [
                ReportColumn("文件", "File"), ReportColumn("机构", "Lender"), ReportColumn("期", "Period"),
                ReportColumn("版本", "Revision"), ReportColumn("结论", "Verdict"), ReportColumn("错误", "Errors"),
                ReportColumn("警告", "Warnings"), ReportColumn("处理", "Treatment"), ReportColumn("SHA-256"),
            ],
            rows: filings.map {
                [
                    .text($0.file), .text($0.lenderName ?? $0.lenderUSCC ?? ""), .text($0.period ?? ""),
                    .integer($0.revision ?? 0),
                    .text($0.verdict?.rawValue ?? "—"), .integer($0.errors), .integer($0.warnings),
                    .text($0.treatment.rawValue + ($0.note.map { " — \($0)" } ?? "")),
                    .text($0.sha256 ?? ""),
                ]
            })
    }
}
