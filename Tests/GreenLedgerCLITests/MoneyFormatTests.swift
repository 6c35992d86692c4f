import Foundation
import GreenMetrics
import GreenReports
import Testing

/// ``MoneyFormat`` against hand-worked cases: the fen total is divided in integer arithmetic and rounded
/// once, half away from zero, to 0.01 元 (1 fen), 0.01 万元 (100 元 = 10⁴ fen) or 0.0001 亿元 (10⁴ 元 = 10⁶ fen).
@Suite struct MoneyFormatTests {
    static let yuan = MoneyFormat(unit: .yuan)
    static let wan = MoneyFormat(unit: .wan)
    static let yi = MoneyFormat(unit: .yi)

    /// (fen, yuan, 万元, 亿元), each worked out in the comment.
    @Test(arguments: [
        // 123,456,789,012 fen = 1,234,567,890.12 元 = 123,456.789012 万元 (third decimal 9: up to .79)
        // = 12.3456789012 亿元 (fifth decimal 7: up to 12.3457).
        (Int128(123_456_789_012), "1,234,567,890.12", "123,456.79", "12.3457"),
        (0, "0.00", "0.00", "0.0000"),
        // 1 fen = 0.01 元 = 0.000001 万元 = 0.00000001 亿元: below half a step, down to zero.
        (1, "0.01", "0.00", "0.0000"),
        // 5,000 fen = 50 元 = 0.005 万元 (exactly half a step: away from zero, .01) = 0.0000005 亿元.
        (5_000, "50.00", "0.01", "0.0000"),
        // 4,999 fen = 49.99 元 = 0.004999 万元: under half, .00.
        (4_999, "49.99", "0.00", "0.0000"),
        // 500,000 fen = 5,000 元 = 0.5 万元 = 0.00005 亿元 (exactly half: .0001).
        (500_000, "5,000.00", "0.50", "0.0001"),
        // 499,999 fen = 4,999.99 元 = 0.00004999 亿元: under half, .0000.
        (499_999, "4,999.99", "0.50", "0.0000"),
        // 1,234,565,000 fen = 12,345,650.00 元 = 1,234.565 万元 (half: 1,234.57) = 0.1234565 亿元 (.1235).
        (1_234_565_000, "12,345,650.00", "1,234.57", "0.1235"),
        // Half away from zero on the negative side too: -5,000 fen = -0.005 万元 → -0.01; -0.0000005 亿元
        // rounds to zero, printed without a sign.
        (-5_000, "-50.00", "-0.01", "0.0000"),
        // -4,999 fen = -0.004999 万元 rounds to zero: no "-0.00".
        (-4_999, "-49.99", "0.00", "0.0000"),
        // 999,999,995,000 fen = 9,999,999,950 元 = 999,999.995 万元 = 99.9999995 亿元: both round up, the
        // carry running through a separator and into a new digit.
        (999_999_995_000, "9,999,999,950.00", "1,000,000.00", "100.0000"),
        // The largest sum of the overflow tests: 12 × 999,999,999,999,999,999 fen = 11,999,999,999,999,999,988
        // fen = 119,999,999,999,999,999.88 元 = 11,999,999,999,999.999988 万元 (up: 12,000,000,000,000.00)
        // = 1,199,999,999.9999999988 亿元 (up: 1,200,000,000.0000).
        (
            Int128(999_999_999_999_999_999) * 12, "119,999,999,999,999,999.88", "12,000,000,000,000.00",
            "1,200,000,000.0000"
        ),
    ])
    func handWorked(fen: Int128, yuan: String, wan: String, yi: String) {
        #expect(Self.yuan.string(fen: fen) == yuan)
        #expect(Self.wan.string(fen: fen) == wan)
        #expect(Self.yi.string(fen: fen) == yi)
        #expect(Self.wan.string(MoneyTotal(fen: fen)) == wan)
    }

    /// Int128's extremes print without a trap: the magnitude of Int128.min (2¹²⁷) is taken as UInt128.
    @Test func extremesDoNotTrap() {
        // 2¹²⁷ = 170,141,183,460,469,231,731,687,303,715,884,105,728 fen; ÷ 10⁴ = …588,410 remainder 5,728
        // (at least half a step: up to …588,411).
        #expect(
            Self.yuan.string(fen: .min) == "-1,701,411,834,604,692,317,316,873,037,158,841,057.28")
        #expect(Self.wan.string(fen: .min) == "-170,141,183,460,469,231,731,687,303,715,884.11")
        // 2¹²⁷ − 1 ends in …5,727: still at least half, …588,411.
        #expect(Self.wan.string(fen: .max) == "170,141,183,460,469,231,731,687,303,715,884.11")
    }

    /// CSV, JSON and XLSX: exact yuan, no separators, the same text as ``MoneyTotal/description``.
    @Test(arguments: [Int128(0), 1, -150, 123_456_789_012, 999_999_999_999_999_999 * 12, .min, .max])
    func exactIsTheMachineForm(fen: Int128) {
        #expect(MoneyFormat.exact.string(fen: fen) == MoneyTotal(fen: fen).description)
        #expect(!MoneyFormat.exact.string(fen: fen).contains(","))
    }

    @Test func exactExamples() {
        #expect(MoneyFormat.exact.string(fen: 123_456_789_012) == "1234567890.12")
        #expect(MoneyFormat.exact.string(fen: -150) == "-1.50")
        #expect(MoneyFormat.exact.string(fen: 5) == "0.05")
    }

    /// The unit goes in the heading, in the heading's language.
    @Test func headingsCarryTheUnit() {
        #expect(Self.wan.heading("绿色贷款", "Green loans", .zh) == "绿色贷款（万元）")
        #expect(Self.yuan.heading("绿色贷款", "Green loans", .en) == "Green loans (yuan)")
        #expect(Self.yi.heading("绿色贷款", "Green loans", .en) == "Green loans (100 million yuan)")
        #expect(
            Self.wan.heading("绿色贷款", "Green loans", .both) == "绿色贷款（万元） Green loans (10,000 yuan)")
        #expect(MoneyFormat.exact.heading("差额", "Gap", .zh) == "差额（元）")
    }

    /// In a sentence (the headline's gap), the amount is followed by its unit.
    @Test func amountsInSentences() {
        // 139,435,008.08 元 = 13,943.5008 万元 → 13,943.50.
        let gap = MoneyTotal(fen: 13_943_500_808)
        #expect(Self.wan.amount(gap, .zh) == "13,943.50 万元")
        #expect(Self.wan.amount(gap, .en) == "13,943.50 × 10,000 yuan")
        #expect(Self.yuan.amount(gap, .en) == "139,435,008.08 yuan")
        #expect(MoneyFormat.exact.amount(gap, .both) == "139435008.08 元 yuan")
    }

    /// The method section says how amounts were rounded.
    @Test func notesDocumentTheRounding() {
        #expect(Self.wan.note(.zh).contains("万元（1万元 = 10,000元）"))
        #expect(Self.wan.note(.zh).contains("保留2位小数"))
        #expect(Self.yi.note(.en).contains("rounded half away from zero to 4 decimals only when printed"))
        #expect(
            MoneyFormat.exact.note(.en) == "Money in yuan, exact to the fen, without thousands separators.")
    }

    /// 万元 for a Chinese report, yuan otherwise.
    @Test func defaultUnitFollowsTheLanguage() {
        #expect(MoneyUnit.default(for: .zh) == .wan)
        #expect(MoneyUnit.default(for: .en) == .yuan)
        #expect(MoneyUnit.default(for: .both) == .yuan)
    }

    /// (value, decimals, grouped): ``TonnesText`` rounds as ``DecimalText`` does (half away from zero, on the
    /// shortest decimal that reads back as the value), then puts a comma before every third integer digit
    /// from the right.
    static let tonnesCases: [(value: Double, decimals: Int, grouped: String)] = [
        (7_157_004.98, 2, "7,157,004.98"),
        (0, 2, "0.00"),
        (999, 2, "999.00"),
        (1_000, 2, "1,000.00"),
        // 999.995 reads back as "999.995": half away from zero, 1,000.00 — the carry makes a new group.
        (999.995, 2, "1,000.00"),
        (-1_234.5, 2, "-1,234.50"),
        // -999,999.999 rounds to -1,000,000.00: the sign stays before the grouped digits.
        (-999_999.999, 2, "-1,000,000.00"),
        // -0.004 rounds to zero: printed without a sign.
        (-0.004, 2, "0.00"),
        // No decimals, no point: 1,234,567.5 rounds half away from zero to 1,234,568.
        (1_234_567.5, 0, "1,234,568"),
        (123.456, 0, "123"),
        // Four decimals: 12,345.67891 → 12,345.6789 (the fifth decimal is 1).
        (12_345.678_91, 4, "12,345.6789"),
        // 10¹⁵ and beyond, every digit printed: no conversion through Int64.
        (1e15, 2, "1,000,000,000,000,000.00"),
        // 123,456,789,012,345,678 is not a Double; the nearest is 123,456,789,012,345,680 (shortest form
        // 1.2345678901234568e17).
        (123_456_789_012_345_678, 2, "123,456,789,012,345,680.00"),
        (-1e30, 2, "-1,000,000,000,000,000,000,000,000,000,000.00"),
    ]

    @Test(arguments: tonnesCases)
    func tonnesGroupedHandWorked(value: Double, decimals: Int, grouped: String) {
        #expect(TonnesText.grouped(value, decimals: decimals) == grouped)
    }

    /// The default is two decimals; values that are not finite print as ``DecimalText`` prints them.
    @Test func tonnesGroupedDefaultsAndNonFinite() {
        #expect(TonnesText.grouped(8_318.349) == "8,318.35")
        #expect(TonnesText.grouped(.nan) == "NaN")
        #expect(TonnesText.grouped(.infinity) == "∞")
        #expect(TonnesText.grouped(-.infinity) == "-∞")
    }

    /// A `.number` cell is grouped in Markdown and HTML only: CSV (`raw`) and JSON keep the plain `Double`.
    @Test func numberCellsAreGroupedForPeopleOnly() throws {
        let cell = ReportCell.number(7_157_004.98)
        #expect(cell.display(Self.wan) == "7,157,004.98")
        #expect(cell.display(MoneyFormat.exact) == "7,157,004.98")
        #expect(cell.raw == "7157004.98")
        #expect(String(decoding: try JSONEncoder().encode([cell]), as: UTF8.self) == "[7157004.98]")
        #expect(ReportCell.number(nil).display(Self.wan) == "—")
        #expect(ReportCell.number(nil).raw == "")
    }
}
