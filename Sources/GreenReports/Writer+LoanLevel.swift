import GreenDisclosure
import GreenMetrics
import GreenTaxonomy

/// The figures only loan-level data gives, shared by the summary and the roll-up: the seven environmental
/// benefits, the direct/indirect carbon split, credit risk and the PBoC evaluation's indicators.
extension Writer {
    /// The seven benefits, declared and attributed, then the non-zero ones by district and by category.
    mutating func benefits(_ breakdown: BenefitBreakdown, scope: String) {
        heading("环境效益 Environmental benefits (\(scope))")
        table(
            ["指标 Indicator", "单位 Unit", "申报 Declared /yr", "归属 Attributed /yr", "贷款 Loans"],
            BenefitIndicator.allCases.map { indicator in
                let sum = breakdown.total[indicator]
                return [
                    "\(indicator.nameZh) \(indicator.nameEn)", indicator.unit,
                    TonnesText.grouped(sum.declared),
                    TonnesText.grouped(sum.attributed), Self.loans(sum),
                ]
            })
        let districtRows = Self.rows(breakdown.districts) { code in
            let known = Taxonomy.standard.districts.first { $0.code == code }
            return "\(code) \(known.map { "\($0.nameZh) \($0.nameEn)" } ?? "")"
        }
        if !districtRows.isEmpty {
            line("按借款人所在区 By borrower district:")
            table(["区 District", "指标 Indicator", "申报 Declared", "归属 Attributed", "贷款 Loans"], districtRows)
        }
        let categoryRows = Self.rows(breakdown.categories) { key in
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            let item = parts.count == 2 ? try? Taxonomy.standard.item(edition: parts[0], code: parts[1]) : nil
            return key + (item.map { " \($0.nameZh) \($0.nameEn)" } ?? "")
        }
        if !categoryRows.isEmpty {
            line("按一级绿色分类 By level-1 category:")
            table(["类别 Category", "指标 Indicator", "申报 Declared", "归属 Attributed", "贷款 Loans"], categoryRows)
        }
    }

    /// Rows (group, indicator, declared, attributed, loans) for every indicator a group's loans declare.
    static func rows(_ groups: [String: BenefitTotals], label: (String) -> String) -> [[String]] {
        groups.keys.sorted().flatMap { key -> [[String]] in
            let totals = groups[key] ?? BenefitTotals()
            return BenefitIndicator.allCases.filter { totals[$0].loans > 0 }.map { indicator in
                let sum = totals[indicator]
                return [
                    label(key), "\(indicator.nameZh) \(indicator.nameEn) (\(indicator.unit))",
                    TonnesText.grouped(sum.declared), TonnesText.grouped(sum.attributed), loans(sum),
                ]
            }
        }
    }

    static func loans(_ sum: BenefitSum) -> String {
        "\(sum.loans)" + (sum.unattributedLoans > 0 ? " (\(sum.unattributedLoans) not attributed)" : "")
    }

    /// Green loans and their CO2e by direct/indirect effect.
    mutating func carbonEffect(_ split: CarbonEffectSplit) {
        heading("碳减排效应 Carbon-reduction effect (catalogue GHG marks)")
        table(
            [
                "效应 Effect", "贷款 Loans", money.heading("余额", "Balance", .both), "申报 Declared tCO2e/yr",
                "归属申报 Attributed declared", "归属估算 Attributed estimated",
            ],
            CarbonEffect.allCases.map { effect in
                let sum = split[effect]
                return [
                    "\(effect.nameZh) \(effect.nameEn)", "\(sum.loans)", money.string(sum.balance),
                    TonnesText.grouped(sum.declaredTonnes), TonnesText.grouped(sum.attributedDeclaredTonnes),
                    sum.estimatedLoans == 0
                        ? "— (none estimated)"
                        : TonnesText.grouped(sum.attributedEstimatedTonnes)
                            + " (\(sum.estimatedLoans) of \(sum.loans) loans estimated)",
                ]
            })
    }

    /// Non-performing green loans, and loans classified too well for how far past maturity they are.
    mutating func creditRisk(_ risk: CreditRiskFigures) {
        line(
            "绿色贷款不良 Non-performing green loans: \(money.amount(risk.greenNonPerforming, .both)) of "
                + "\(money.amount(risk.green, .both)) (\(DecimalText.percent(risk.greenNonPerformingRatio, decimals: 2)))."
        )
        line(
            "可能低估的不良 Possibly understated NPL: \(risk.possiblyUnderstatedLoans) loans, "
                + "\(money.amount(risk.possiblyUnderstated, .both)) classified normal or special-mention more than 90 "
                + "days past maturity (GL-LOAN-007); NPL ratio of these loans (\(money.amount(risk.total, .both)), "
                + "loan-level data only) \(DecimalText.percent(risk.nonPerformingRatio, decimals: 2)) as classified, "
                + "\(DecimalText.percent(risk.nonPerformingRatioIfReclassified, decimals: 2)) if they were non-performing."
        )
    }

    /// The PBoC evaluation's green-loan indicators with each lender's ranks.
    mutating func evaluation(_ evaluation: GreenFinanceEvaluation) {
        heading("人民银行绿色金融评价指标 PBoC green-finance evaluation indicators (\(evaluation.period))")
        table(
            [
                "机构 Lender", "总额占比 Share of own loans", "份额占比 Share of all green", "同比增速 Year on year",
                "绿色不良率 Green NPL ratio",
            ],
            evaluation.lenders.map { lender in
                [
                    "\(lender.nameZh ?? "") \(lender.uscc) (\(lender.kind))",
                    Self.indicator(lender.greenShare),
                    Self.indicator(lender.shareOfAllGreen), Self.indicator(lender.yearOnYearGrowth),
                    Self.indicator(lender.greenRiskRatio),
                ]
            })
        line(evaluation.method)
    }

    /// `10.00% · #1 of 3 · own #2 of 4`, or `not computable: why`.
    static func indicator(_ indicator: EvaluatedIndicator) -> String {
        guard let value = indicator.value else { return "not computable: \(indicator.notComputable ?? "")" }
        var text = DecimalText.percent(value, decimals: 2)
        if let rank = indicator.peerRank { text += " · #\(rank.rank) of \(rank.of)" }
        if let own = indicator.ownRank { text += " · own #\(own.rank) of \(own.of)" }
        return text
    }
}
