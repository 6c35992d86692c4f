/// The method sentences every output's Method section prints, with their sources.
public enum MethodText {
    /// How avoided emissions are estimated under `factors`.
    public static func avoided(_ factors: EstimationFactors) -> String {
        var text: String
        switch factors.baseline {
        case .guideline:
            if let supplyCoal = factors.supplyCoal {
                text =
                    "baseline: CBRC 《绿色信贷项目节能减排量测算指引》 — electricity generated or saved (MWh) × "
                    + "thermal-power supply coal consumption \(supplyCoal.value) gce/kWh (\(supplyCoal.id)"
                    + "\(supplyCoal.year.map { ", \($0)" } ?? "") \(supplyCoal.confidence.tag); the guideline asks "
                    + "for the previous year's national value) = tce saved, × \(factors.tceToCO2.value) tCO2/tce "
                    + "(\(factors.tceToCO2.id) \(factors.tceToCO2.confidence.tag))"
            } else {
                text =
                    "baseline: CBRC guideline, but no thermal-power supply coal consumption is known: "
                    + "electricity is not estimated (give --supply-coal GCE_PER_KWH or --baseline average)"
            }
        case .average:
            text =
                "baseline: average grid factor \(factors.grid.value) tCO2/MWh (\(factors.grid.id) "
                + "\(factors.grid.confidence.tag)) — MEE publishes it for electricity consumption; chosen "
                + "explicitly instead of the guideline's baseline"
        }
        let fuels = factors.fuelTceToCO2.sorted { $0.key < $1.key }.map {
            "\($0.key) \($0.value.value) \($0.value.confidence.tag)"
        }
        text +=
            "; EnergySaving: tce is the whole saving with electricity inside it, MWh its electricity part "
            + "(taken out at the supply coal consumption, 等价值 — GreenLedger's reading, [D]), the rest × the "
            + "fuel's own tCO2/tce (@fuel; raw coal when not stated): \(fuels.joined(separator: ", ")); Building: "
            + "MWh saved as electricity; Transport: not estimated; attributed × min(1, balance ÷ project total "
            + "investment)"
        return text
    }

    /// The baselines in general, for roll-ups whose filings' estimates were stored with their own.
    public static let avoidedInGeneral =
        "estimated avoided emissions: electricity generated or saved × thermal-power supply coal consumption × "
        + "tCO2/tce (CBRC 《绿色信贷项目节能减排量测算指引》, the default 'guideline' baseline) or × the average grid "
        + "factor ('average', chosen explicitly); EnergySaving tce includes its electricity; attributed × min(1, "
        + "balance ÷ project total investment); each filing's baseline and factors are listed"

    /// How the seven benefits are summed and attributed, with sources.
    public static let benefits =
        "the seven benefits of the green-credit statistics (CO2e, standard coal, COD, ammonia nitrogen, SO2, "
        + "NOx, water saved; list [U], shared/domain/reference.md §5.2) as the projects declare them, and "
        + "attributed × min(1, balance ÷ project total investment) (按贷款占项目总投资比例折算, CBRC guideline "
        + "[P]); loans without a total investment are counted as declared, not attributed"

    /// How green loans are split by carbon-reduction effect.
    public static let carbonEffect =
        "direct (√√ 直接碳减排效益) and indirect (√ 低碳赋能贡献) by the catalogue's GHG marks (gfsp-2025 "
        + "note 2); a √/√√ item by the industry row matching the borrower's class (mixed when none matches); "
        + "an item or row printed without a mark: no mark (neither); editions without marks (gicc-2019, "
        + "glct-2024): unmarked — never guessed"

    /// How possibly understated NPL is found, with its source.
    public static let creditRisk =
        "possibly understated NPL: loans classified normal or special-mention more than 90 days past "
        + "Maturity at period end (GL-LOAN-007; 《商业银行金融资产风险分类办法》 2023: more than 90 days "
        + "overdue is at least substandard); an upper bound — Maturity is the only date filed"
}
