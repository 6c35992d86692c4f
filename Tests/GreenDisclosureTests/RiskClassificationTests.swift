import Foundation
import GreenDisclosure
import GreenTaxonomy
import Testing

/// GL-LOAN-007: a loan more than 90 days past maturity at the period end that is still classified
/// `normal` or `special-mention`, and the model predicate behind it (`Loan.isOverdueButPerforming`).
@Suite struct RiskClassificationTests {
    static let fixture = "GL-LOAN-007-overdue-still-performing.xml"

    static func sample(_ name: String) throws -> String {
        try String(
            contentsOf: SampleFilingTests.samples.appendingPathComponent("invalid/\(name)"), encoding: .utf8)
    }

    /// The clean base filing with loan TST-000002 (lines 34–41; period 2026-Q3, originated 2023-03-19,
    /// maturity 2028-03-19, normal) given other dates and classification; nil leaves the element out.
    static func filing(
        maturity: String?, classification: String?, originated: String = "2023-03-19",
        period: String = "2026-Q3"
    ) throws -> String {
        let base = try sample("valid-base.xml")
        let loan =
            "      <Originated>2023-03-19</Originated>\n      <Maturity>2028-03-19</Maturity>\n"
            + "      <Classification>normal</Classification>\n"
        #expect(base.components(separatedBy: loan).count == 2, "valid-base.xml changed: update the fixture")
        var replacement = "      <Originated>\(originated)</Originated>\n"
        if let maturity { replacement += "      <Maturity>\(maturity)</Maturity>\n" }
        if let classification { replacement += "      <Classification>\(classification)</Classification>\n" }
        return base.replacingOccurrences(of: loan, with: replacement)
            .replacingOccurrences(of: "<Period>2026-Q3</Period>", with: "<Period>\(period)</Period>")
    }

    static func report(_ text: String, name: String = "t.xml") throws -> ValidationReport {
        try DisclosureReader.validate(.bytes(Array(text.utf8), name: name))
    }

    static func findings(_ text: String) throws -> [String] {
        try report(text).diagnostics.filter { $0.ruleID == "GL-LOAN-007" }.map(\.description)
    }

    @Test func theRenderedFindingNamesLoanMaturityPeriodEndAndDays() throws {
        // 2026-06-01 → 2026-09-30: 29 (rest of June) + 31 + 31 + 30 = 121 days.
        let report = try Self.report(try Self.sample(Self.fixture), name: Self.fixture)
        #expect(
            report.diagnostics.map(\.description) == [
                "GL-LOAN-007-overdue-still-performing.xml:38:7: warning[GL-LOAN-007]: loan 'TST-000002' is 121 days "
                    + "past its maturity 2026-06-01 at the end of period 2026-Q3 (2026-09-30) and still classified "
                    + "normal (more than 90 days overdue is at least substandard: reclassify it as substandard, "
                    + "doubtful or loss, or correct the maturity (for a rolled-over or extended loan, the new maturity))"
            ])
        #expect(report.diagnostics.first?.loanID == "TST-000002")
    }

    @Test func theRuleIsAWarningWithItsSource() throws {
        let rule = try #require(Rules.rule("GL-LOAN-007"))
        #expect(rule.severity == .warning)
        #expect(rule.titleZh == "逾期超过90天的贷款仍分类为正常或关注")
        #expect(
            rule.titleEn == "loan more than 90 days past maturity still classified normal or special-mention")
        #expect(rule.source.hasPrefix("《商业银行金融资产风险分类办法》 (CBIRC and PBoC, published 2023-02-11"))
        #expect(Rules.all.map(\.id) == Rules.all.map(\.id).sorted())
        #expect(Rules.all.filter { $0.id == "GL-LOAN-007" }.count == 1)
    }

    @Test func aWarningAloneIsAcceptedAndRejectedUnderStrict() throws {
        let report = try Self.report(try Self.sample(Self.fixture))
        #expect(report.completed)
        #expect(report.errorCount == 0)
        #expect(report.warningCount == 1)
        #expect(report.countsByRule == ["GL-LOAN-007": 1])
        #expect(report.verdict() == .accept)
        #expect(report.verdict(strict: true) == .reject)
    }

    // 2026-09-30 − 90 days: 30 (September) + 31 (August) + 29 (July 31 back to July 2) = 2026-07-02.
    @Test(
        "90 days past maturity is allowed, 91 is not",
        arguments: [("2026-07-02", 90, false), ("2026-07-01", 91, true), ("2026-09-30", 0, false)])
    func boundary(maturity: String, days: Int, flagged: Bool) throws {
        let text = try Self.filing(maturity: maturity, classification: "normal")
        #expect(try Self.findings(text).count == (flagged ? 1 : 0))
        #expect(try Self.report(text).diagnostics.isEmpty == !flagged)
        var loan = Loan()
        loan.maturity = CalendarDate(maturity)
        loan.classification = .normal
        let end = try #require(CalendarDate("2026-09-30"))
        #expect(loan.daysPastMaturity(at: end) == days)
        #expect(loan.isOverdueButPerforming(periodEnd: end) == flagged)
    }

    @Test(
        "performing classes are flagged, non-performing ones are not",
        arguments: [
            ("normal", true), ("special-mention", true), ("substandard", false), ("doubtful", false),
            ("loss", false),
        ])
    func classification(name: String, flagged: Bool) throws {
        let text = try Self.filing(maturity: "2026-07-01", classification: name)
        let findings = try Self.findings(text)
        #expect(findings.count == (flagged ? 1 : 0), "\(findings)")
        if flagged {
            #expect(findings.first?.contains("is 91 days past its maturity 2026-07-01") == true)
            #expect(findings.first?.contains("and still classified \(name) (") == true)
        }
    }

    @Test func noMaturityNoClassificationOrNoPeriodIsNotFlagged() throws {
        // Maturity is required by the XSD (GL-XSD-001); Classification is optional; a period outside
        // 2000–2099 is GL-HDR-004 and leaves no period end to measure from.
        #expect(try Self.findings(try Self.filing(maturity: nil, classification: "normal")).isEmpty)
        #expect(try Self.findings(try Self.filing(maturity: "2020-01-01", classification: nil)).isEmpty)
        let noPeriod = try Self.filing(maturity: "2020-01-01", classification: "normal", period: "1999-Q3")
        #expect(try Self.report(noPeriod).diagnostics.contains { $0.ruleID == "GL-HDR-004" })
        #expect(try Self.findings(noPeriod).isEmpty)
    }

    @Test func aMaturityBeforeOriginationIsGLLOAN006Only() throws {
        let text = try Self.filing(maturity: "2018-01-01", classification: "normal", originated: "2020-01-01")
        #expect(try Self.report(text).diagnostics.map(\.ruleID) == ["GL-LOAN-006"])
    }

    @Test func extremeDatesDoNotTrap() throws {
        // Years 1–2099 have 2099 × 365 + (524 − 20 + 5 = 509 leap days) = 766,644 days; from their first day
        // to their last is one fewer: 766,643.
        let text = try Self.filing(
            maturity: "0001-01-01", classification: "normal", originated: "0001-01-01", period: "2099-Q4")
        // By 2099 every loan of the base filing is past maturity; TST-000002 is the one with the extreme date.
        let findings = try Self.report(text).diagnostics.filter { $0.loanID == "TST-000002" }.map(\.message)
        #expect(
            findings == [
                "loan 'TST-000002' is 766643 days past its maturity 0001-01-01 at the end of period 2099-Q4 "
                    + "(2099-12-31) and still classified normal"
            ])
        let future = try Self.filing(
            maturity: "9999-12-31", classification: "normal", originated: "0001-01-01", period: "2000-Q1")
        #expect(try Self.report(future).diagnostics.filter { $0.loanID == "TST-000002" }.isEmpty)
    }

    @Test func dayCountsAcrossTheCalendar() throws {
        func days(_ from: String, _ to: String) throws -> Int? {
            var loan = Loan()
            loan.maturity = try #require(CalendarDate(from))
            return loan.daysPastMaturity(at: try #require(CalendarDate(to)))
        }
        #expect(try days("2024-02-28", "2024-03-01") == 2)  // 2024 is a leap year
        #expect(try days("2100-02-28", "2100-03-01") == 1)  // 2100 is not (divisible by 100)
        #expect(try days("2000-02-28", "2000-03-01") == 2)  // 2000 is (divisible by 400)
        #expect(try days("2026-12-31", "2027-01-01") == 1)
        #expect(try days("2027-01-01", "2026-12-31") == -1)
        // 9998 years × 365 + (2499 − 99 + 24 = 2424 leap days) + 364 days into 9999 = 3,652,058.
        #expect(try days("0001-01-01", "9999-12-31") == 3_652_058)
        #expect(try days("9999-12-31", "0001-01-01") == -3_652_058)
        #expect(Loan().daysPastMaturity(at: try #require(CalendarDate("2026-09-30"))) == nil)
        #expect(Loan().isOverdueButPerforming(periodEnd: try #require(CalendarDate("2026-09-30"))) == false)
    }

    @Test func theQuartersSamplesHaveNoOverduePerformingLoans() throws {
        for folder in ["2026-Q2", "2026-Q3"] {
            for name in SampleFilingTests.files(folder) {
                let report = try SampleFilingTests.validate(folder, name)
                #expect(report.countsByRule["GL-LOAN-007"] == nil, "\(folder)/\(name)")
            }
        }
    }
}
