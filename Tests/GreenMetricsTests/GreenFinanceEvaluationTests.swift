import Foundation
import GreenDisclosure
import Testing

@testable import GreenMetrics

/// The PBoC evaluation's green-loan indicators and ranks from a small hand-made history.
@Suite struct GreenFinanceEvaluationTests {
    /// A stored filing as the history holds it; `risk` gives green and non-performing green balances in fen.
    static func figures(
        lender: String, period: String, totalFen: Int64, greenFen: Int64, revision: Int = 1,
        accepted: Bool = true, risk: (green: Int64, npl: Int64)? = nil
    ) throws -> FilingFigures {
        let creditRisk =
            risk.map {
                """
                , "creditRisk": {"green": "\(yuan($0.green))", "green_non_performing": "\(yuan($0.npl))",
                  "total": "\(yuan(totalFen))", "non_performing": "0.00",
                  "possibly_understated_npl": "0.00", "possibly_understated_npl_loans": 0}
                """
            } ?? ""
        let json = """
            {"file": "\(lender)-\(period)-r\(revision).xml", "sha256": "\(lender)\(period)\(revision)", "bytes": 1,
             "lenderUSCC": "\(lender)", "lenderName": "银行\(lender)", "lenderKind": "village-bank",
             "period": "\(period)", "revision": \(revision), "accepted": \(accepted),
             "errors": 0, "warnings": 0, "loans": 1, "hasLoans": \(risk != nil), "gridFactorID": "mee-avg-south-2022",
             "totalFen": \(totalFen), "numeratorsFen": {"green": \(greenFen)},
             "districtsFen": {}, "categoriesFen": {},
             "avoided": {"greenLoans": 0, "greenBalanceFen": 0, "estimatedBalanceFen": 0,
                         "estimatedLoans": 0, "declaredTonnes": 0, "estimatedProjectTonnes": 0,
                         "attributedTonnes": 0, "attributedDeclaredTonnes": 0, "notEstimated": {}},
             "financed": {"loans": 0, "totalBalanceFen": 0, "coveredBalanceFen": 0,
                          "coveredLoans": 0, "financedTonnes": 0, "qualityWeighted": 0, "qualityBalance": 0}
             \(creditRisk)}
            """
        return try JSONDecoder().decode(FilingFigures.self, from: Data(json.utf8))
    }

    static func yuan(_ fen: Int64) -> String { "\(fen / 100).\(fen % 100 < 10 ? "0" : "")\(fen % 100)" }

    static func history() throws -> [FilingFigures] {
        [
            // A: 10 % now; 9 %, 9.5 %, 12 % in the three quarters before; 80 a year ago → +25 %; NPL 2 of 100.
            try figures(lender: "A", period: "2026-Q3", totalFen: 1000, greenFen: 100, risk: (100, 2)),
            try figures(lender: "A", period: "2026-Q2", totalFen: 1000, greenFen: 90),
            try figures(lender: "A", period: "2026-Q1", totalFen: 1000, greenFen: 95),
            try figures(lender: "A", period: "2025-Q4", totalFen: 1000, greenFen: 120),
            try figures(lender: "A", period: "2025-Q3", totalFen: 1000, greenFen: 80),
            // B: revision 2 (5 %) supersedes revision 1; no filing a year ago; no loan-level data.
            try figures(lender: "B", period: "2026-Q3", totalFen: 2000, greenFen: 500),
            try figures(lender: "B", period: "2026-Q3", totalFen: 2000, greenFen: 100, revision: 2),
            // C: 10 %, same green loans as a year ago (0 %), no NPL; its rejected filing a year ago does not count
            // — the accepted one does.
            try figures(lender: "C", period: "2026-Q3", totalFen: 500, greenFen: 50, risk: (50, 0)),
            try figures(lender: "C", period: "2025-Q3", totalFen: 500, greenFen: 50),
            try figures(
                lender: "C", period: "2025-Q3", totalFen: 500, greenFen: 999, revision: 2, accepted: false),
        ]
    }

    @Test func indicatorsAndRanksAreHandWorked() throws {
        let evaluation = try #require(GreenFinanceEvaluation.evaluate(try Self.history(), period: "2026-Q3"))
        #expect(evaluation.lenders.map(\.uscc) == ["A", "B", "C"])
        let (a, b, c) = (evaluation.lenders[0], evaluation.lenders[1], evaluation.lenders[2])
        // 总额占比: A 100/1000 = 10 %, B 100/2000 = 5 %, C 50/500 = 10 % → A and C share rank 1, B is 3rd.
        #expect(a.greenShare.value == 0.1 && b.greenShare.value == 0.05 && c.greenShare.value == 0.1)
        #expect(a.greenShare.peerRank == IndicatorRank(rank: 1, of: 3))
        #expect(c.greenShare.peerRank == IndicatorRank(rank: 1, of: 3))
        #expect(b.greenShare.peerRank == IndicatorRank(rank: 3, of: 3))
        // 份额占比: all green 100 + 100 + 50 = 250 → A 0.4, B 0.4, C 0.2.
        #expect(
            a.shareOfAllGreen.value == 0.4 && b.shareOfAllGreen.value == 0.4 && c.shareOfAllGreen.value == 0.2
        )
        #expect(c.shareOfAllGreen.peerRank == IndicatorRank(rank: 3, of: 3))
        // 同比增速: A 100/80 − 1 = 25 %, C 0 %, B not computable (no filing for 2025-Q3).
        #expect(a.yearOnYearGrowth.value == 0.25 && c.yearOnYearGrowth.value == 0)
        #expect(b.yearOnYearGrowth.value == nil)

        #expect(a.yearOnYearGrowth.peerRank == IndicatorRank(rank: 1, of: 2))
        #expect(b.yearOnYearGrowth.peerRank == nil)
        // Green risk ratio (lower is better): C 0 % ranks 1st, A 2/100 = 2 % 2nd; B has no loan-level data.
        #expect(a.greenRiskRatio.value == 0.02 && c.greenRiskRatio.value == 0)
        #expect(c.greenRiskRatio.peerRank == IndicatorRank(rank: 1, of: 2))
        #expect(a.greenRiskRatio.peerRank == IndicatorRank(rank: 2, of: 2))
        #expect(
            b.greenRiskRatio.notComputable
                == "no loan-level classifications (the filing has no Loans section)")
        // A against its own previous three quarters (newest first 9 %, 9.5 %, 12 %): 10 % is 2nd of 4.
        #expect(a.greenShare.previousPeriods == [0.09, 0.095, 0.12])
        #expect(a.greenShare.ownRank == IndicatorRank(rank: 2, of: 4))
        // A alone filed in those quarters, so its share of all green loans was 100 % each time: now 4th of 4.
        #expect(a.shareOfAllGreen.ownRank == IndicatorRank(rank: 4, of: 4))
        // B has no earlier quarters: no rank against itself, and its growth says why it is missing.
        #expect(b.greenShare.ownRank == nil)
        #expect(b.yearOnYearGrowth.notComputable == "no counted filing for 2025-Q3")
        // Growth has no earlier values either (they would need filings from 2024-Q4 to 2025-Q2).
        #expect(a.yearOnYearGrowth.ownRank == nil)
        #expect(b.green.description == "1.00")
        #expect(evaluation.method.contains("no score"))
    }

    @Test func growthFromNothingIsNotComputableAndSaysWhy() throws {
        let filings = [
            try Self.figures(lender: "D", period: "2026-Q3", totalFen: 1000, greenFen: 10, risk: (10, 0)),
            try Self.figures(lender: "D", period: "2025-Q3", totalFen: 1000, greenFen: 0, risk: (0, 0)),
        ]
        let d = try #require(GreenFinanceEvaluation.evaluate(filings, period: "2026-Q3")?.lenders.first)
        #expect(d.yearOnYearGrowth.value == nil)
        #expect(d.yearOnYearGrowth.notComputable == "no green loans in 2025-Q3 to grow from")
        #expect(d.greenRiskRatio.value == 0)
        // Annual filings compare with the year before.
        let annual = [
            try Self.figures(lender: "E", period: "2026", totalFen: 1000, greenFen: 150),
            try Self.figures(lender: "E", period: "2025", totalFen: 1000, greenFen: 100),
        ]
        let e = try #require(GreenFinanceEvaluation.evaluate(annual, period: "2026")?.lenders.first)
        #expect(e.yearOnYearGrowth.value == 0.5)
        #expect(e.greenShare.previousPeriods == [0.1, nil, nil])
    }

    @Test func noCountedFilingMeansNoEvaluation() throws {
        #expect(GreenFinanceEvaluation.evaluate(try Self.history(), period: "2024-Q1") == nil)
        #expect(GreenFinanceEvaluation.evaluate(try Self.history(), period: "not a period") == nil)
    }
}
