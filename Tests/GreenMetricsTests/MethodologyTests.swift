import Foundation
import GreenDisclosure
import GreenTaxonomy
import Testing

@testable import GreenMetrics

/// Issue 10's methods against hand-worked examples: the guideline baseline, energy savings without double
/// counting, per-fuel factors, the seven benefits, the direct/indirect split and possibly understated NPL.
@Suite struct MethodologyTests {
    static let guideline = EstimationFactors(grid: Taxonomy.standard.defaultGridFactor)

    static func loan(
        id: String = "L1", balance: String, standard: String = "gfsp-2025", code: String = "4.2.2",
        industry: String = "D4416", activity: ProjectActivity? = nil, investment: String? = nil,
        benefits: DeclaredBenefits? = nil, classification: LoanClassification = .normal,
        maturity: String = "2030-01-01", green: Bool = true
    ) -> Loan {
        var loan = Loan()
        loan.id = id
        loan.balance = Money(balance)
        loan.industry = industry
        loan.district = "440307"
        loan.classification = classification
        loan.maturity = CalendarDate(maturity)
        if green {
            loan.green = GreenDetail(
                standard: standard, code: code,
                project: investment.map { FinancedProject(nameText: "P", totalInvestment: Money($0)) },
                activity: activity, benefits: benefits)
        }
        return loan
    }

    @Test func theReferenceDataHasTheGuidelineInputs() throws {
        let supplyCoal = try #require(Taxonomy.standard.defaultSupplyCoalConsumption)
        #expect(supplyCoal.id == "supply-coal-national-2020" && supplyCoal.value == 305.5)
        #expect(supplyCoal.unit == "gce/kWh" && supplyCoal.confidence == .partial)
        // The Scope 2 default is the newest *verified* Southern average: 2022 [V]; 2023 is only reported [P].
        #expect(Taxonomy.standard.defaultGridFactor.id == "mee-avg-south-2022")
        let south2023 = try Taxonomy.standard.emissionFactor("mee-avg-south-2023")
        #expect(south2023.value == 0.4042 && south2023.confidence == .partial)
        #expect(try Taxonomy.standard.emissionFactor("mee-avg-southwest-2023").value == 0.2472)
        // Fuel CO2 coefficients come from a third-party table: [P]; standard-coal coefficients stay [V].
        #expect(try Taxonomy.standard.emissionFactor("fuel-co2-diesel").confidence == .partial)
        #expect(try Taxonomy.standard.emissionFactor("fuel-tce-diesel").confidence == .verified)
        // Diesel: 3.0959 kgCO2/kg ÷ 1.4571 kgce/kg = 2.12469… tCO2/tce, printed 2.1247 [D].
        let diesel = try #require(Taxonomy.standard.tceToCO2ByFuel["diesel"])
        #expect(diesel.value == 2.1247 && diesel.confidence == .derived)
        #expect(abs(diesel.value - 3.0959 / 1.4571) < 5e-5)
        #expect(Taxonomy.standard.tceToCO2ByFuel["raw-coal"]?.value == 2.66)
    }

    @Test func generationUnderTheGuidelineIsStandardCoalSavedTimesTheCoalFactor() throws {
        // 21,500 MWh × 305.5 gce/kWh = 21,500 × 0.3055 = 6,568.25 tce; × 2.66 = 17,471.545 tCO2.
        // Attribution 12,000,000 / 38,000,000.
        let loan = Self.loan(
            balance: "12000000.00",
            activity: .generation(technology: "solar-pv", capacityMW: 20, annualMWh: 21500),
            investment: "38000000.00")
        let estimate = try #require(CarbonEstimator.estimate(loan, factors: Self.guideline))
        #expect(try abs(#require(estimate.projectTce) - 6568.25) < 1e-9)
        #expect(try abs(#require(estimate.projectTonnes) - 17471.545) < 1e-9)
        #expect(try abs(#require(estimate.attributedTonnes) - 17471.545 * 12 / 38) < 1e-9)
        #expect(estimate.method == "21500 MWh × 305.5 gce/kWh × 2.66 tCO2/tce")
        #expect(estimate.factors == ["supply-coal-national-2020", "tce-co2-raw-coal"])
        // The average baseline: 21,500 × 0.3869 = 8,318.35 t, and no standard coal.
        let average = EstimationFactors(grid: Taxonomy.standard.defaultGridFactor, baseline: .average)
        let byAverage = try #require(CarbonEstimator.estimate(loan, factors: average))
        #expect(try abs(#require(byAverage.projectTonnes) - 8318.35) < 1e-9)
        #expect(byAverage.projectTce == nil)
        // A user's supply coal consumption: 21,500 × 0.300 × 2.66 = 17,157 t, tagged [U].
        let user = EstimationFactors(
            grid: Taxonomy.standard.defaultGridFactor, supplyCoal: .userSupplyCoal(300))
        #expect(
            try abs(#require(CarbonEstimator.estimate(loan, factors: user)?.projectTonnes) - 17157) < 1e-9)
        #expect(user.supplyCoal?.confidence == .unverified)
    }

    @Test func energySavingTceIncludesItsElectricityAndUsesTheFuelsFactor() throws {
        // 1,200 tce of which 800 MWh × 0.3055 = 244.4 tce is electricity, 955.6 tce natural gas.
        // Guideline: 244.4 × 2.66 = 650.104 t; gas 955.6 × 1.6257 = 1,553.51892 t; total 2,203.62292 t.
        let gas = Self.loan(
            balance: "1.00",
            activity: .energySaving(annualTce: 1200, annualMWhSaved: 800, fuel: "natural-gas"))
        let estimate = try #require(CarbonEstimator.estimate(gas, factors: Self.guideline))
        #expect(try abs(#require(estimate.projectTonnes) - 2203.62292) < 1e-9)
        #expect(estimate.projectTce == 1200)
        #expect(estimate.method?.contains("(natural-gas [D])") == true)
        #expect(estimate.factors == ["supply-coal-national-2020", "tce-co2-natural-gas", "tce-co2-raw-coal"])
        // Fuel not stated: all 1,200 tce at 2.66 = 3,192 t — the electricity is inside, not added (was 3,501.52).
        let unstated = Self.loan(
            balance: "1.00", activity: .energySaving(annualTce: 1200, annualMWhSaved: 800, fuel: nil))
        let plain = try #require(CarbonEstimator.estimate(unstated, factors: Self.guideline))
        #expect(try abs(#require(plain.projectTonnes) - 3192) < 1e-9)
        #expect(plain.method?.contains("fuel not stated: raw coal [D]") == true)
        // tce below its own electricity part (100 tce < 244.4 tce): fuel part 0, said so; 650.104 t.
        let low = Self.loan(
            balance: "1.00", activity: .energySaving(annualTce: 100, annualMWhSaved: 800, fuel: nil))
        let lowEstimate = try #require(CarbonEstimator.estimate(low, factors: Self.guideline))
        #expect(try abs(#require(lowEstimate.projectTonnes) - 650.104) < 1e-9)
        #expect(lowEstimate.method?.contains("fuel part taken as 0") == true)
        // Only tce, diesel: 500 × 2.1247 = 1,062.35 t. Only MWh: 800 × 0.3055 × 2.66 = 650.104 t.
        let diesel = Self.loan(
            balance: "1.00", activity: .energySaving(annualTce: 500, annualMWhSaved: nil, fuel: "diesel"))
        #expect(
            try abs(
                #require(CarbonEstimator.estimate(diesel, factors: Self.guideline)?.projectTonnes) - 1062.35)
                < 1e-9)
        let electricity = Self.loan(
            balance: "1.00", activity: .energySaving(annualTce: nil, annualMWhSaved: 800, fuel: nil))
        #expect(
            try abs(
                #require(CarbonEstimator.estimate(electricity, factors: Self.guideline)?.projectTonnes)
                    - 650.104)
                < 1e-9)
    }

    @Test func theSevenBenefitsAreDeclaredAndAttributedByBalanceShare() throws {
        var breakdown = BenefitBreakdown()
        // Loan 1: balance 3,000,000 of a 12,000,000 project → 0.25. Loan 2: no total investment.
        let first = DeclaredBenefits(
            co2eTonnes: 1000, standardCoalTce: 400, codTonnes: 8, ammoniaNitrogenTonnes: 0.5, so2Tonnes: 2,
            noxTonnes: 1.5, waterSavedTonnes: 20000)
        let second = DeclaredBenefits(co2eTonnes: 600, so2Tonnes: 4)
        breakdown.add(first, attribution: 0.25, district: "440307", category: "gfsp-2025 4")
        breakdown.add(second, attribution: nil, district: "440306", category: "gfsp-2025 4")
        let total = breakdown.total
        // CO2e declared 1,000 + 600 = 1,600; attributed 1,000 × 0.25 = 250 (loan 2 not attributed).
        #expect(total[.co2e].declared == 1600 && total[.co2e].attributed == 250)
        #expect(total[.co2e].loans == 2 && total[.co2e].unattributedLoans == 1)
        // SO2 2 + 4 = 6 declared, 0.5 attributed; water 20,000 → 5,000; ammonia 0.5 → 0.125.
        #expect(total[.so2].declared == 6 && total[.so2].attributed == 0.5)
        #expect(total[.waterSaved].attributed == 5000)
        #expect(total[.ammoniaNitrogen].attributed == 0.125)
        #expect(breakdown.districts["440306"]?[.co2e].attributed == 0)
        #expect(breakdown.districts["440307"]?[.cod].attributed == 2)
        #expect(breakdown.categories["gfsp-2025 4"]?[.co2e].declared == 1600)
        // JSON carries every indicator with its unit, and reads back the same.
        let json = try JSONEncoder().encode(breakdown)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""unit":"tce""#) && text.contains(#""indicator":"water_saved""#))
        #expect(try JSONDecoder().decode(BenefitBreakdown.self, from: json) == breakdown)
    }

    /// A hostile (rejected) filing can give every loan its own district or edition: they share one group, so
    /// the breakdown cannot grow by an entry per loan (20,411 distinct districts took 84 MB instead of 34 MB).
    @Test func groupsOutsideTheReferenceDataShareOneKey() {
        #expect(BenefitBreakdown.districtKey("440307") == "440307")
        #expect(BenefitBreakdown.districtKey("other") == "other")
        #expect(BenefitBreakdown.districtKey("000123") == BenefitBreakdown.unknownGroup)
        #expect(BenefitBreakdown.categoryKey(edition: "gfsp-2025", code: "4.2.2") == "gfsp-2025 4")
        #expect(BenefitBreakdown.categoryKey(edition: "gicc-2019", code: "3.2.1") == "gicc-2019 3")
        for (edition, code) in [
            ("gfsp-2025", "99.1.1"), ("x-2099", "4.2.2"), ("gfsp-2025", ""), ("gfsp-2025", "a.b"),
        ] {
            #expect(
                BenefitBreakdown.categoryKey(edition: edition, code: code) == "unknown", "\(edition) \(code)")
        }
    }

    @Test func carbonEffectComesFromTheCataloguesMarks() throws {
        let items = Taxonomy.standard.currentEdition
        _ = items
        // gfsp-2025 1.1.1 (energy-saving boilers) is marked √: indirect (enabling).
        #expect(CarbonEffect.of(edition: "gfsp-2025", code: "1.1.1", industry: "C3411") == .indirect)
        // An older edition prints no marks: unmarked, not guessed.
        let gicc = try #require(
            Taxonomy.standard.catalogue("gicc-2019").items(level: 3).first)
        #expect(CarbonEffect.of(edition: "gicc-2019", code: "\(gicc.code)", industry: "D4416") == .unmarked)
        #expect(CarbonEffect.of(edition: "gfsp-2025", code: "9.9.9", industry: "D4416") == .unmarked)
        // A √√ item is direct; a mixed item follows the borrower's industry row, else stays mixed.
        let catalogue = try Taxonomy.standard.catalogue("gfsp-2025")
        let direct = try #require(catalogue.items(level: 3).first { $0.ghgContribution == .direct })
        #expect(CarbonEffect.of(edition: "gfsp-2025", code: "\(direct.code)", industry: "X0000") == .direct)
        let mixed = try #require(
            catalogue.items(level: 3).first {
                $0.ghgContribution == .mixed
                    && $0.industryClasses.contains { $0.mark == .direct && $0.code != nil }
            })
        let directRow = try #require(mixed.industryClasses.first { $0.mark == .direct && $0.code != nil })
        #expect(
            CarbonEffect.of(edition: "gfsp-2025", code: "\(mixed.code)", industry: "C\(directRow.code!)")
                == .direct)
        #expect(CarbonEffect.of(edition: "gfsp-2025", code: "\(mixed.code)", industry: "Z9999") == .mixed)
        // gfsp-2025 prints marks, but not on 2.3.5 (industrial-park water pollution): no mark, not "unmarked".
        #expect(try Taxonomy.standard.item(edition: "gfsp-2025", code: "2.3.5").ghgContribution == nil)
        #expect(CarbonEffect.of(edition: "gfsp-2025", code: "2.3.5", industry: "D4620") == .noMark)
        // A √/√√ item whose matching industry row carries no mark: no mark (the row was matched).
        if let item = catalogue.items(level: 3).first(where: {
            $0.ghgContribution == .mixed && $0.industryClasses.contains { $0.mark == nil && $0.code != nil }
        }), let row = item.industryClasses.first(where: { $0.mark == nil && $0.code != nil }) {
            #expect(
                CarbonEffect.of(edition: "gfsp-2025", code: "\(item.code)", industry: "X\(row.code!)")
                    == .noMark)
        }
    }

    @Test func possiblyUnderstatedNPLAddsOverdueNormalLoans() throws {
        let periodEnd = try #require(CalendarDate("2026-09-30"))
        var risk = CreditRiskFigures()
        // 91 days before 2026-09-30 is 2026-07-01: normal → flagged. 90 days (2026-07-02): not flagged.
        risk.add(
            Self.loan(id: "A", balance: "1000.00", maturity: "2026-07-01", green: false), periodEnd: periodEnd
        )
        risk.add(
            Self.loan(id: "B", balance: "2000.00", maturity: "2026-07-02", green: false), periodEnd: periodEnd
        )
        // Special-mention long past maturity: flagged. Substandard green loan: non-performing, not flagged.
        risk.add(
            Self.loan(
                id: "C", balance: "3000.00", classification: .specialMention, maturity: "2024-01-01",
                green: false),
            periodEnd: periodEnd)
        risk.add(
            Self.loan(id: "D", balance: "4000.00", classification: .substandard, maturity: "2024-01-01"),
            periodEnd: periodEnd)
        risk.add(Self.loan(id: "E", balance: "6000.00"), periodEnd: periodEnd)
        // Total 16,000; NPL 4,000 (25 %); possibly understated 1,000 + 3,000 = 4,000 in 2 loans;
        // NPL if reclassified (4,000 + 4,000) / 16,000 = 50 %. Green 10,000, green NPL 4,000 → 40 %.
        #expect(risk.possiblyUnderstated.description == "4000.00" && risk.possiblyUnderstatedLoans == 2)
        #expect(risk.nonPerformingRatio == 0.25 && risk.nonPerformingRatioIfReclassified == 0.5)
        #expect(risk.green.description == "10000.00" && risk.greenNonPerformingRatio == 0.4)
        // Without a period nothing is flagged.
        var noPeriod = CreditRiskFigures()
        noPeriod.add(Self.loan(id: "A", balance: "1000.00", maturity: "2000-01-01"), periodEnd: nil)
        #expect(noPeriod.possiblyUnderstatedLoans == 0)
        let json = try JSONEncoder().encode(risk)
        #expect(try JSONDecoder().decode(CreditRiskFigures.self, from: json) == risk)
    }

    @Test func figuresStoredBeforeTheseFieldsReadAsNotRecorded() throws {
        // A stored row from an earlier build has no baseline, benefits, carbon effect or credit risk.
        let base = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/valid-base.xml")
        let summary = try FilingSummarizer.summarize(.file(path: base.path))
        #expect(summary.input.verdict == .accept)
        let encoded = try JSONEncoder().encode(FilingFigures(summary))
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["benefits"] != nil && object["creditRisk"] != nil)
        for key in ["baseline", "benefits", "carbonEffect", "creditRisk"] { object.removeValue(forKey: key) }
        let old = try JSONDecoder().decode(
            FilingFigures.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.benefits == nil && old.creditRisk == nil && old.baseline == nil)
        let report = Aggregator.aggregate([old])
        #expect(report.benefitsFrom == 0 && report.creditRiskFrom == 0)
        #expect(report.loanLevelNotRecorded == 1)
        #expect(
            report.baselines == [
                "average (mee-avg-south-2022, EnergySaving tce and MWh added: stored by an earlier GreenLedger)"
            ])
    }
}
