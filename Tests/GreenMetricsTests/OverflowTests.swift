import Foundation
import GreenDisclosure
import GreenTaxonomy
import Testing

@testable import GreenMetrics

/// Sums past Int64 fen are exact (Int128), and ppm arithmetic never traps. Each test trapped at 957e033.
@Suite struct OverflowTests {
    /// 9,999,999,999,999,999.99 yuan: 16 integer digits, the most the XSD allows.
    static let maximal = Money(fen: 999_999_999_999_999_999)

    /// A stored filing's figures as the history database holds them (JSON), with every amount `fen`.
    static func figures(
        file: String, lender: String, revision: Int = 1, sha256: String? = nil, totalFen: Int64,
        greenFen: Int64
    ) throws -> FilingFigures {
        let json = """
            {"file": "\(file)", "sha256": "\(sha256 ?? file)", "bytes": 1, "lenderUSCC": "\(lender)",
             "lenderKind": "microcredit", "period": "2026-Q3", "revision": \(revision), "accepted": true,
             "errors": 0, "warnings": 0, "loans": 1, "hasLoans": true, "gridFactorID": "mee-avg-south-2022",
             "totalFen": \(totalFen), "numeratorsFen": {"green": \(greenFen), "non-performing": 0},
             "districtsFen": {"440307": [\(totalFen), \(greenFen)]}, "categoriesFen": {"gfsp-2025 4": \(greenFen)},
             "avoided": {"greenLoans": 1, "greenBalanceFen": \(greenFen), "estimatedBalanceFen": \(greenFen),
                         "estimatedLoans": 1, "declaredTonnes": 8318.35, "estimatedProjectTonnes": 8318.35,
                         "attributedTonnes": 8318.35, "attributedDeclaredTonnes": 8318.35, "notEstimated": {}},
             "financed": {"loans": 1, "totalBalanceFen": \(totalFen), "coveredBalanceFen": \(totalFen),
                          "coveredLoans": 1, "financedTonnes": 43515.3, "qualityWeighted": 2e18,
                          "qualityBalance": 1e18}}
            """
        return try JSONDecoder().decode(FilingFigures.self, from: Data(json.utf8))
    }

    @Test func loanBalancesSummingPastInt64AreExact() {
        var financed = FinancedTotals()
        var avoided = CarbonTotals()
        let factors = EstimationFactors(grid: Taxonomy.standard.defaultGridFactor, baseline: .average)
        for index in 1...10 {
            var loan = Loan()
            loan.id = "L\(index)"
            loan.balance = Self.maximal
            loan.green = GreenDetail(
                standard: "gfsp-2025", code: "4.2.2", carbonFacility: false, project: nil,
                activity: .generation(technology: "solar-pv", capacityMW: 20, annualMWh: 21500),
                benefits: nil, location: SourceLocation(line: 1, column: 1))
            financed.add(loan, nil)
            if let estimate = CarbonEstimator.estimate(loan, factors: factors) {
                avoided.add(estimate, balance: loan.balance)
            }
        }
        // 10 × 999,999,999,999,999,999 fen = 9,999,999,999,999,999,990 fen (Int64.max is 9,223,372,036,854,775,807).
        #expect(financed.totalBalance.fen == 9_999_999_999_999_999_990)
        #expect(financed.totalBalance.description == "99999999999999999.90")
        #expect(financed.totalBalance.money == nil)
        #expect(avoided.greenBalance.description == "99999999999999999.90")
        #expect(avoided.estimatedBalance.description == "99999999999999999.90")
        #expect(avoided.coverage == 1)
        // 10 × 21,500 MWh × 0.3869 tCO2/MWh = 83,183.5 t.
        #expect(abs(avoided.estimatedProjectTonnes - 83_183.5) < 1e-6)
    }

    @Test func twelveMaximalStoredFilingsRollUpExactly() throws {
        let filings = try (1...12).map {
            try Self.figures(
                file: "lender-\($0).xml", lender: "L\($0)", totalFen: Self.maximal.fen,
                greenFen: Self.maximal.fen)
        }
        let report = Aggregator.aggregate(filings)
        // 12 × 999,999,999,999,999,999 fen = 11,999,999,999,999,999,988 fen = 119,999,999,999,999,999.88 yuan.
        let expected = "119999999999999999.88"
        #expect(report.book.total.description == expected)
        #expect(report.book.numerators[.green]?.description == expected)
        #expect(report.districts.first?.total.description == expected)
        #expect(report.categories.first?.green.description == expected)
        #expect(report.avoided.greenBalance.description == expected)
        #expect(report.financed.totalBalance.description == expected)
        #expect(report.lenders.count == 12)
        #expect(report.lenders.allSatisfy { $0.total.description == "9999999999999999.99" })
        let green = try #require(report.shares.first { $0.share.indicator == .green })
        #expect(green.share.share == 1)
        let target = try #require(report.targets.first { $0.target.id == "green-loan-share" })
        #expect(target.met == true && target.gap == MoneyTotal.zero)
        // 2e18 / 1e18 per filing, summed as Doubles: a score of 2.
        #expect(abs((report.financed.dataQualityScore ?? 0) - 2) < 1e-12)
    }

    @Test func aGapPastInt64IsExactToTheFen() throws {
        let filings = try (1...12).map {
            try Self.figures(
                file: "lender-\($0).xml", lender: "L\($0)", totalFen: Self.maximal.fen, greenFen: 0)
        }
        let report = Aggregator.aggregate(filings)
        let target = try #require(report.targets.first { $0.target.id == "green-loan-share" })
        // 7 % × 11,999,999,999,999,999,988 fen = 839,999,999,999,999,999.16 fen → 840,000,000,000,000,000 fen
        // rounded up to the fen; the numerator is 0, so the gap is all of it.
        #expect(target.met == false)
        #expect(target.gap?.description == "8400000000000000.00")
    }

    @Test func rateArithmeticNeverTraps() {
        // 7 % of 11,999,999,999,999,999,988 fen, as above.
        #expect(
            Rate("7%")?.of(MoneyTotal(fen: 11_999_999_999_999_999_988))?.fen == 840_000_000_000_000_000)
        // 1,000,000 % parses (1e10 ppm); of Int64.max fen it does not fit one amount: nil, not a trap.
        #expect(Rate("1000000%")?.of(Money(fen: .max)) == nil)
        #expect(Rate("1000000%")?.of(MoneyTotal(fen: .max)) == nil)
        #expect(Rate("100%")?.of(Money(fen: .max)) == Money(fen: .max))
        #expect(Rate(partsPerMillion: -12_345).description == "-1.2345%")
        #expect(Rate(partsPerMillion: .min).description == "-922337203685477.5808%")
    }

    @Test func twoDifferentFilingsOfOneRevisionAreAConflictAndNeitherCounts() throws {
        let filings = [
            try Self.figures(file: "a.xml", lender: "L1", sha256: "1", totalFen: 100_000, greenFen: 0),
            try Self.figures(file: "b.xml", lender: "L1", sha256: "2", totalFen: 500_000, greenFen: 0),
            try Self.figures(file: "c.xml", lender: "L2", sha256: "3", totalFen: 20_000, greenFen: 0),
        ]
        let report = Aggregator.aggregate(filings)
        #expect(report.filings.map(\.treatment) == [.conflict, .conflict, .included])
        #expect(report.book.total.description == "200.00")
        let conflict = try #require(report.conflicts.first)
        #expect(report.conflicts.count == 1)
        #expect(conflict.filings.map(\.file) == ["a.xml", "b.xml"])
        #expect(conflict.filings.map(\.sha256) == ["1", "2"])
        #expect(conflict.counted == false && conflict.lenderCounted == false)
        #expect(
            conflict.reason
                == "a.xml and b.xml are different filings (different SHA-256) with the same lender, period and "
                + "revision 1; neither is counted, and the lender is left out of 2026-Q3. A corrected filing "
                + "carries a higher revision.")
        // A clean higher revision still counts; the conflict below it is still named.
        let corrected = try Self.figures(
            file: "d.xml", lender: "L1", revision: 2, sha256: "4", totalFen: 70_000, greenFen: 0)
        let later = Aggregator.aggregate(filings + [corrected])
        #expect(later.filings.map(\.treatment) == [.conflict, .conflict, .included, .included])
        #expect(later.book.total.description == "900.00")
        #expect(later.conflicts.first?.lenderCounted == true)
    }

    @Test func theSameContentTwiceCountsOnce() throws {
        let filings = [
            try Self.figures(file: "b.xml", lender: "L1", sha256: "same", totalFen: 100_000, greenFen: 0),
            try Self.figures(file: "a.xml", lender: "L1", sha256: "same", totalFen: 100_000, greenFen: 0),
        ]
        let report = Aggregator.aggregate(filings)
        #expect(report.filings.map(\.file) == ["a.xml", "b.xml"])
        #expect(report.filings.map(\.treatment) == [.included, .duplicate])
        #expect(report.filings.last?.note == "same content (SHA-256) as a.xml; counted once, as that file")
        #expect(report.conflicts.isEmpty)
        #expect(report.book.total.description == "1000.00")
    }
}
