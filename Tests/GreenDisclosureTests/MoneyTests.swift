import Testing

@testable import GreenDisclosure

@Suite struct MoneyTests {
    @Test(
        "valid amounts parse to exact fen",
        arguments: [
            ("12000000.00", Int64(1_200_000_000)), ("0", 0), ("0.5", 50), ("7.05", 705), (" 12.30\n", 1230),
            ("007", 700), ("9999999999999999.99", 999_999_999_999_999_999),
        ])
    func valid(text: String, fen: Int64) {
        #expect(Money(text)?.fen == fen)
    }

    @Test(
        "invalid amounts are rejected with the reason",
        arguments: [
            ("12.345", Money.ParseError.tooManyDecimals), ("1e9", .exponent),
            ("12.34abc", .invalidCharacter("a")),
            ("1,234.56", .separator), ("-5.00", .sign), ("+5", .sign), ("", .empty), ("  ", .empty),
            (".5", .missingDigits),
            ("12.", .missingDigits), ("1.2.3", .invalidCharacter(".")), ("12 34", .invalidCharacter("3")),
            ("1234567890123456789012345678901234567890", .overflow), ("92233720368547758.08", .overflow),
        ])
    func invalid(text: String, error: Money.ParseError) {
        guard case .failure(let found) = Money.parse(Array(text.utf8)) else {
            Issue.record("'\(text)' should be rejected")
            return
        }
        #expect(found == error)
    }

    @Test func formatsAndAddsExactly() throws {
        #expect(Money(fen: 1_200_000_000).description == "12000000.00")
        #expect(Money(fen: 5).description == "0.05")
        #expect(Money(fen: -150).description == "-1.50")
        // 0.1 + 0.2 in fen is exactly 0.30, unlike Double.
        #expect(try #require(Money("0.1")).adding(#require(Money("0.2"))) == Money("0.30"))
        #expect(Money(fen: .max).adding(Money(fen: 1)) == nil)
    }

    @Test func quantitiesAreStrictDecimals() {
        #expect(Quantity.parse(Array("8318.35".utf8)) == 8318.35)
        #expect(Quantity.parse(Array("21500".utf8)) == 21500)
        for bad in ["1e3", "-1", "", "1.2.3", "12a", ".", "5.", " 1 2", "1234567890123456", "1.1234567"] {
            #expect(Quantity.parse(Array(bad.utf8)) == nil, "\(bad)")
        }
    }

    /// Every quantity the XSD accepts has a value, up to 15 + 6 digits (before: nil past 18 digits, so a
    /// huge declared CO2e read as "no CO2e" and printed as 0.00).
    @Test func theLargestQuantitiesParse() {
        #expect(Quantity.parse(Array("999999999999999.999999".utf8)) == 999_999_999_999_999.999999)
        #expect(Quantity.parse(Array(" 123456789012345.5 ".utf8)) == 123_456_789_012_345.5)
        #expect(Quantity.parse(Array("0.000001".utf8)) == 0.000001)
    }
}

@Suite struct IdentifierTests {
    @Test(
        "GB 32100-2015 check characters",
        arguments: [
            ("91350100M000100Y43", nil as String?),  // the standard's own example
            ("91440300708461136T", nil),
            ("91350100M000100Y44", "the check character is '4' but should be '3'"),
            ("91350100M00010", "a USCC has 18 characters, this one has 14"),
            ("91350100M000100I43", "'I' is not a USCC character (digits and capitals except I, O, S, V, Z)"),
        ])
    func uscc(code: String, problem: String?) {
        #expect(USCC.problem(code) == problem)
    }

    @Test func checkCharacterCompletesACode() {
        #expect(USCC.checkCharacter(for: "91350100M000100Y4") == "3")
    }

    @Test func periods() throws {
        let q3 = try #require(ReportingPeriod("2026-Q3"))
        #expect(q3.firstDay.description == "2026-07-01")
        #expect(q3.lastDay.description == "2026-09-30")
        #expect(ReportingPeriod("2024")?.lastDay.description == "2024-12-31")
        #expect(try #require(ReportingPeriod("2024-Q1")).lastDay.description == "2024-03-31")
        for bad in ["2026-Q5", "2026Q3", "26-Q3", "2026-q3", ""] {
            #expect(ReportingPeriod(bad) == nil, "\(bad)")
        }
        #expect(try #require(ReportingPeriod("2026-Q2")) < q3)
    }
}

@Suite struct LoanIDSetTests {
    @Test func findsEveryDuplicateAcrossGrowth() {
        var set = LoanIDSet()
        var fresh = 0
        for index in 0..<100_000 where set.insert("LN-\(index)") { fresh += 1 }
        #expect(fresh == 100_000)
        var repeated = 0
        for index in stride(from: 0, to: 100_000, by: 997) where !set.insert("LN-\(index)") { repeated += 1 }
        #expect(repeated == 101)
        let newcomer = set.insert("LN-100000")
        let again = set.insert("LN-100000")
        #expect(newcomer && !again)
    }
}
