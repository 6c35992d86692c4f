import GreenDisclosure
import GreenTaxonomy
import Testing

@testable import GreenMetrics

/// Each calculator against a hand-worked example; the arithmetic is in the comments.
@Suite struct CalculatorTests {
    static let south = Taxonomy.standard.defaultGridFactor  // 0.3869 tCO2/MWh
    /// The average-factor baseline (the guideline's is tested in MethodologyTests).
    static let factors = EstimationFactors(grid: south, baseline: .average)

    /// Amounts and rates written in the test; a malformed one fails the test instead of trapping.
    static func money(_ text: String) throws -> Money { try #require(Money(text)) }
    static func rate(_ text: String) throws -> Rate { try #require(Rate(text)) }

    static func loan(
        id: String = "L1", balance: String, green: GreenDetail? = nil, emissions: BorrowerEmissions? = nil
    ) -> Loan {
        var loan = Loan()
        loan.id = id
        loan.balance = Money(balance)
        loan.green = green
        loan.emissions = emissions
        return loan
    }

    static func green(activity: ProjectActivity?, investment: String?, declared: Double? = nil) -> GreenDetail
    {
        GreenDetail(
            standard: "gfsp-2025", code: "4.2.2", carbonFacility: false,
            project: investment.map {
                FinancedProject(
                    nameText: "P", totalInvestment: Money($0), eiaRequired: false, evaluation: "not-required")
            },
            activity: activity, benefits: declared.map { DeclaredBenefits(co2eTonnes: $0) },
            location: SourceLocation(line: 1, column: 1))
    }

    @Test func ratesAreExact() throws {
        #expect(Rate("7%")?.partsPerMillion == 70_000)
        #expect(Rate("1.1%")?.partsPerMillion == 11_000)
        #expect(Rate("0.07")?.partsPerMillion == 70_000)
        #expect(Rate("7%")?.description == "7%")
        #expect(Rate("4.9%")?.description == "4.9%")
        for bad in ["", "7%%", "-1%", "abc", "1.23456%", "7."] { #expect(Rate(bad) == nil, "\(bad)") }
        // 7 % of 100.01 yuan = 7.0007 yuan → 7.01 rounded up to the fen.
        #expect(try Self.rate("7%").of(Self.money("100.01")) == Money("7.01"))
        // 7 % of 81,250,000,000.00 yuan = 5,687,500,000.00 exactly.
        #expect(try Self.rate("7%").of(Self.money("81250000000.00")) == Money("5687500000.00"))
    }

    @Test func sharesAndGapsAgainstFloorsAndCeilings() throws {
        var book = LoanBook()
        book.total = MoneyTotal(try Self.money("1000000.00"))
        book.numerators = [
            .green: MoneyTotal(try Self.money("65000.00")),
            .nonPerforming: MoneyTotal(try Self.money("12000.00")),
        ]
        book.declared = [.green, .nonPerforming]
        let periodEnd = try #require(CalendarDate("2026-09-30"))
        let assessed = ShareAnalysis.assess(book, against: .defaults, periodEnd: periodEnd)
        let green = try #require(assessed.first { $0.target.id == "green-loan-share" })
        // 65,000 / 1,000,000 = 6.5 % < 7 %; gap = 7 % × 1,000,000 − 65,000 = 5,000.00 yuan.
        #expect(green.actual?.share == 0.065)
        #expect(green.met == false)
        #expect(green.gap?.description == "5000.00")
        #expect(green.targetDatePassed)  // 2026-09-30 is after 2025-12-31
        let npl = try #require(assessed.first { $0.target.id == "npl-ratio" })
        // 12,000 / 1,000,000 = 1.2 % > 1.1 % ceiling; over by 12,000 − 11,000 = 1,000.00 yuan.
        #expect(npl.met == false)
        #expect(npl.gap?.description == "1000.00")
        let guangdong = try #require(assessed.first { $0.target.id == "guangdong-green-credit-2030" })
        #expect(!guangdong.targetDatePassed)
        // Tech is not declared: unknown, not zero.
        let tech = try #require(assessed.first { $0.target.id == "tech-loan-share" })
        #expect(tech.actual == nil && tech.met == nil)
    }

    @Test func aggregatesAreSumsOfNumeratorsOverSumsOfDenominators() throws {
        var a = LoanBook()
        a.total = MoneyTotal(try Self.money("100.00"))
        a.numerators = [.green: MoneyTotal(try Self.money("50.00"))]
        a.declared = [.green]
        var b = LoanBook()
        b.total = MoneyTotal(try Self.money("900.00"))
        b.numerators = [.green: MoneyTotal(try Self.money("0.00"))]
        b.declared = [.green]
        // (50 + 0) / (100 + 900) = 5 %, not the 25 % average of 50 % and 0 %.
        #expect(ShareAnalysis.shares(a + b).first?.share == 0.05)
    }

    @Test func generationIsMWhTimesTheGridFactorAttributedByBalanceShare() throws {
        // 21,500 MWh × 0.3869 = 8,318.35 t; attribution 12,000,000 / 38,000,000 = 0.315789…
        let loan = Self.loan(
            balance: "12000000.00",
            green: Self.green(
                activity: .generation(technology: "solar-pv", capacityMW: 20, annualMWh: 21500),
                investment: "38000000.00",
                declared: 8318.35))
        let estimate = try #require(CarbonEstimator.estimate(loan, factors: Self.factors))
        #expect(try abs(#require(estimate.projectTonnes) - 8318.35) < 1e-9)
        #expect(try abs(#require(estimate.attribution) - 12.0 / 38.0) < 1e-12)
        #expect(try abs(#require(estimate.attributedTonnes) - 8318.35 * 12 / 38) < 1e-9)
        #expect(estimate.method == "21500 MWh × 0.3869 tCO2/MWh")
        #expect(estimate.factors == ["mee-avg-south-2022"])
    }

    @Test func energySavingCountsItsElectricityOnce() throws {
        // tce includes the electricity: 800 MWh × 305.5 gce/kWh = 244.4 tce of the 1,200 tce are electricity.
        // Average baseline: 800 MWh × 0.3869 = 309.52 t; fuel (1,200 − 244.4) = 955.6 tce × 2.66 = 2,541.896 t;
        // sum 2,851.416 t (not 3,501.52 t as when the two were added). Attribution capped at 1.
        let loan = Self.loan(
            balance: "5000000.00",
            green: Self.green(
                activity: .energySaving(annualTce: 1200, annualMWhSaved: 800, fuel: nil),
                investment: "4000000.00"))
        let estimate = try #require(CarbonEstimator.estimate(loan, factors: Self.factors))
        #expect(try abs(#require(estimate.projectTonnes) - 2851.416) < 1e-9)
        #expect(estimate.attribution == 1)
        #expect(estimate.factors == ["mee-avg-south-2022", "supply-coal-national-2020", "tce-co2-raw-coal"])
    }

    @Test func buildingTransportAndMissingData() throws {
        // 640.5 MWh × 0.3869 = 247.80945 t.
        let building = Self.loan(
            balance: "1.00",
            green: Self.green(
                activity: .building(floorAreaM2: 52000, annualMWhSaved: 640.5, rating: nil), investment: nil))
        let estimate = try #require(CarbonEstimator.estimate(building, factors: Self.factors))
        #expect(try abs(#require(estimate.projectTonnes) - 247.80945) < 1e-9)
        #expect(estimate.attribution == nil && estimate.attributedTonnes == nil)
        let transport = Self.loan(
            balance: "1.00",
            green: Self.green(
                activity: .transport(vehicles: 10, annualKm: 1000, kind: "bus"), investment: "2.00"))
        #expect(
            try #require(CarbonEstimator.estimate(transport, factors: Self.factors)).notEstimated?.hasPrefix(
                "transport") == true)
        #expect(CarbonEstimator.estimate(Self.loan(balance: "1.00"), factors: Self.factors) == nil)
        // A different grid factor changes the estimate proportionally: 640.5 × 0.4403 = 282.01215.
        let guangdong = EstimationFactors(
            grid: try Taxonomy.standard.emissionFactor("mee-avg-guangdong-2022"), baseline: .average)
        #expect(
            try abs(
                #require(CarbonEstimator.estimate(building, factors: guangdong)?.projectTonnes) - 282.01215)
                < 1e-9)
    }

    @Test func financedEmissionsFollowPCAF() throws {
        // AF = 12,000,000 / 52,000,000 = 0.230769…; financed = AF × (120.5 + 310.0) = 99.346153… t.
        let loan = Self.loan(
            balance: "12000000.00",
            emissions: BorrowerEmissions(
                year: 2025, scope1Tonnes: 120.5, scope2Tonnes: 310, quality: 2, basis: "equity-debt",
                denominator: Money("52000000.00")))
        let result = try #require(PCAF.financed(loan))
        #expect(abs(result.attributionFactor - 12.0 / 52.0) < 1e-12)
        #expect(abs(result.financedTonnes - 430.5 * 12 / 52) < 1e-9)
        // A loan larger than the denominator is capped at a factor of 1.
        let capped = Self.loan(
            balance: "90.00",
            emissions: BorrowerEmissions(
                year: 2025, scope1Tonnes: 10, scope2Tonnes: 0, quality: 4, basis: "project",
                denominator: Money("60.00")))
        #expect(PCAF.financed(capped)?.financedTonnes == 10)
        var totals = FinancedTotals()
        totals.add(loan, result)
        totals.add(capped, PCAF.financed(capped))
        totals.add(Self.loan(balance: "8000000.00"), nil)
        // coverage = (12,000,000 + 90) / (12,000,000 + 90 + 8,000,000); intensity = t / (covered / 1e6 yuan);
        // quality = (2 × 12,000,000 + 4 × 90) / 12,000,090.
        let coverage = try #require(totals.coverage)
        let intensity = try #require(totals.intensityPerMillionYuan)
        let quality = try #require(totals.dataQualityScore)
        #expect(abs(coverage - 12_000_090.0 / 20_000_090.0) < 1e-12)
        #expect(abs(intensity - (430.5 * 12 / 52 + 10) / 12.00009) < 1e-9)
        #expect(abs(quality - (2 * 12_000_000.0 + 4 * 90) / 12_000_090) < 1e-12)
    }

    @Test func operationsFootprintEstimatesOnlyWhatTheTableSupports() throws {
        var operations = OperationsFigures()
        operations.year = 2025
        operations.employees = 100
        operations.values = [
            .officeNaturalGas: 12000, .electricity: 6_230_000, .vehicleGasoline: 38500, .purchasedHeat: 10,
            .businessTravel: 5, .paper: 21.5, .officeCoal: 2,
        ]
        let footprint = OperationsFootprint.compute(operations, grid: Self.south)
        // Scope 1: coal 2 t × 1.9003 = 3.8006; gas 12,000 m³ × 2.1622 / 1000 = 25.9464; gasoline (litres) not estimated.
        #expect(abs(footprint.total(scope: 1) - (3.8006 + 25.9464)) < 1e-9)
        // Scope 2: 6,230,000 kWh / 1000 × 0.3869 = 2,410.387; heat 10 tce × 29.307 GJ/tce × 0.11 = 32.2377.
        #expect(abs(footprint.total(scope: 2) - (2410.387 + 32.2377)) < 1e-9)
        // Scope 3: travel 5 tce × 2.66 = 13.3; paper has no factor.
        #expect(abs(footprint.total(scope: 3) - 13.3) < 1e-9)
        #expect(try abs(#require(footprint.perEmployee) - footprint.total / 100) < 1e-12)
        let gasoline = try #require(footprint.lines.first { $0.item == "VehicleGasoline" })
        #expect(gasoline.tonnes == nil && gasoline.notEstimated != nil)
        #expect(footprint.lines.first { $0.item == "PurchasedHeat" }?.confidence == .partial)
        #expect(footprint.lines.first { $0.item == "BusinessTravel" }?.confidence == .derived)
    }

    @Test func targetFilesAreParsedStrictly() throws {
        #expect(
            TargetSet.defaults.targets.map(\.id) == [
                "green-loan-share", "tech-loan-share", "manufacturing-loan-share", "inclusive-sme-share",
                "npl-ratio",
                "guangdong-green-credit-2030",
            ])
        let header = TargetSet.header.joined(separator: "\t")
        let own = try TargetSet(
            tsv: header
                + "\nlonggang-green\tgreen\t龙岗绿色贷款\tLonggang green\tfloor\t12%\t\t\t2027-12-31\tU\tdistrict goal\t\n",
            name: "own.tsv")
        #expect(own.targets.first?.value == Rate("12%"))
        let error = #expect(throws: TargetFileError.self) {
            try TargetSet(
                tsv: header + "\nx\tgreen\ta\tb\tupward\t7%\t\t\t2025-12-31\tV\ts\t\n", name: "bad.tsv")
        }
        #expect(error?.description == "bad.tsv:2: error: direction 'upward' must be floor or ceiling")
    }
}

@Suite struct TrendProjectionTests {
    static func point(_ period: String, _ share: Double) -> HistoryPoint {
        HistoryPoint(
            period: period,
            share: IndicatorShare(
                indicator: .green, numerator: MoneyTotal(fen: Int128(share * 1_000_000)),
                denominator: MoneyTotal(fen: 1_000_000),
                share: share))
    }

    @Test func leastSquaresTrendToTheTargetDate() throws {
        let header = TargetSet.header.joined(separator: "\t")
        let targets = try TargetSet(
            tsv: header + "\ngoal\tgreen\t绿\tgreen\tfloor\t10%\t\t\t2026-12-31\tU\ttest\t\n", name: "t.tsv")
        let q2 = try #require(ReportingPeriod("2026-Q2"))
        let nextQ2 = try #require(ReportingPeriod("2027-Q2"))
        // 5 % in Q1, 6 % in Q2: +1 pp a quarter; at Q4 2026 (two quarters on): 6 % + 2 × 1 pp = 8 % < 10 %.
        let projection = try #require(
            TrendProjection.project(
                history: [Self.point("2026-Q1", 0.05), Self.point("2026-Q2", 0.06)], targets: targets,
                current: q2
            ).first)
        #expect(try abs(#require(projection.slopePerQuarterPP) - 1) < 1e-9)
        #expect(try abs(#require(projection.projectedShare) - 0.08) < 1e-12)
        #expect(projection.onTrack == false)
        // One quarter is not a trend; a passed date is not projected.
        #expect(
            TrendProjection.project(
                history: [Self.point("2026-Q2", 0.06)], targets: targets, current: q2
            ).first?.onTrack == nil)
        #expect(
            TrendProjection.project(
                history: [Self.point("2027-Q1", 0.06), Self.point("2027-Q2", 0.07)], targets: targets,
                current: nextQ2
            ).first?.note == "target date passed; compare the actual share")
    }
}
