import GreenDisclosure
import Testing

/// `DecimalText`: every Double and every integer width prints exactly, or as ∞/NaN; never a trap.
@Suite struct DecimalTextTests {
    @Test func theTwoFiguresFromTheIssue() {
        // Purchased heat: 999,999,999,999,999 tce × 29.307 GJ/tce × 0.11 tCO2/GJ = 3223769999999996.5 as a Double
        // (957e033: "3223769999999997.-20").
        let heat = 999_999_999_999_999.0 * 29.307 * 0.11
        #expect(heat == 3_223_769_999_999_996.5)
        #expect(DecimalText.tonnes(heat) == "3223769999999996.50")
        // A CO2e of 18 nines parses to 1e18 (the nearest Double); ×100 is past Int64 (957e033 trapped).
        #expect(DecimalText.tonnes(999_999_999_999_999_999) == "1000000000000000000.00")
    }

    @Test(
        arguments: [
            (8318.349, 2, "8318.35"), (8318.35, 2, "8318.35"), (0, 2, "0.00"), (-0.0, 2, "0.00"),
            (0.005, 2, "0.01"), (-0.005, 2, "-0.01"), (2.675, 2, "2.68"), (9.995, 2, "10.00"),
            (99.96, 1, "100.0"),
            (0.5, 0, "1"), (0.4999, 0, "0"), (-0.4, 0, "0"), (123.456, 5, "123.45600"),
            (1e-7, 8, "0.00000010"),
            (1e-7, 2, "0.00"), (5e-324, 2, "0.00"), (-5e-324, 2, "0.00"),
            (1e30, 2, "1000000000000000000000000000000.00"),
            (-1e30, 0, "-1000000000000000000000000000000"), (1.5, -3, "2"), (92.25, 1, "92.3"),
            (1e16, 2, "10000000000000000.00"), (123456789012345.67, 2, "123456789012345.67"),
        ] as [(Double, Int, String)])
    func fixed(value: Double, decimals: Int, text: String) {
        #expect(DecimalText.fixed(value, decimals: decimals) == text)
    }

    @Test func extremesAndNonFiniteValues() {
        let largest = DecimalText.fixed(.greatestFiniteMagnitude, decimals: 0)
        #expect(largest == "17976931348623157" + String(repeating: "0", count: 292))
        #expect(DecimalText.fixed(-.greatestFiniteMagnitude, decimals: 2).hasPrefix("-17976931348623157000"))
        #expect(DecimalText.fixed(.infinity, decimals: 2) == "∞")
        #expect(DecimalText.fixed(-.infinity, decimals: 2) == "-∞")
        #expect(DecimalText.fixed(.nan, decimals: 2) == "NaN")
        #expect(DecimalText.percent(.infinity) == "∞%")
        #expect(DecimalText.percent(0.923) == "92.3%")
        // Decimals are held to 0…20.
        #expect(DecimalText.fixed(1, decimals: 1000) == "1." + String(repeating: "0", count: 20))
        #expect(DecimalText.fixed(.leastNonzeroMagnitude, decimals: 20) == "0.00000000000000000000")
    }

    @Test func yuanOfEveryIntegerWidthIsExact() {
        #expect(DecimalText.yuan(fen: 0) == "0.00")
        #expect(DecimalText.yuan(fen: 5) == "0.05")
        #expect(DecimalText.yuan(fen: -150) == "-1.50")
        #expect(DecimalText.yuan(fen: Int64.max) == "92233720368547758.07")
        #expect(DecimalText.yuan(fen: Int64.min) == "-92233720368547758.08")
        #expect(DecimalText.yuan(fen: Int128.max) == "1701411834604692317316873037158841057.27")
        #expect(DecimalText.yuan(fen: Int128.min) == "-1701411834604692317316873037158841057.28")
        #expect(DecimalText.yuan(fen: UInt8(7)) == "0.07")
    }

    /// A seeded SplitMix64, so that a failure can be replayed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func everyFigureWrittenWithFifteenDigitsPrintsBackAsWritten() {
        // A decimal of at most 15 significant digits survives the trip through a Double (DBL_DIG = 15), so
        // printing it with its own number of decimals must give back the text.
        var random = SplitMix64(state: 0x6C65_6467_6572)
        for _ in 0..<20_000 {
            let decimals = Int.random(in: 0...4, using: &random)
            let digits = Int.random(in: 1...15, using: &random)
            var upper: Int64 = 1
            for _ in 0..<digits { upper *= 10 }
            let mantissa = Int64.random(in: 0..<upper, using: &random)
            let negative = Bool.random(using: &random) && mantissa != 0
            var text = String(mantissa)
            if decimals > 0 {
                text = String(repeating: "0", count: max(0, decimals + 1 - text.count)) + text
                text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
            }
            if negative { text = "-" + text }
            guard let value = Double(text) else {
                Issue.record("not a number: \(text)")
                continue
            }
            #expect(DecimalText.fixed(value, decimals: decimals) == text)
        }
    }

    @Test func percentAndPercentagePoints() {
        // 0.072345 × 100 = 7.2345 → 7.23 (two places, reports) and 7.2 (one place, the default for findings).
        #expect(DecimalText.percent(0.072345, decimals: 2) == "7.23%")
        #expect(DecimalText.percent(0.072345) == "7.2%")
        #expect(DecimalText.percent(nil, decimals: 2) == "—")
        #expect(DecimalText.percentagePoints(0.425) == "+0.43 pp")
        #expect(DecimalText.percentagePoints(-1.05) == "-1.05 pp")
        #expect(DecimalText.percentagePoints(0) == "+0.00 pp")
        #expect(DecimalText.percentagePoints(nil) == "—")
    }
}
