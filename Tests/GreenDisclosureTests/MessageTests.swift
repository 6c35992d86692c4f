import Foundation
import GreenDisclosure
import Testing

/// The exact rendered text of findings, line and column included.
@Suite struct MessageTests {
    static func findings(_ name: String) throws -> [String] {
        let url = SampleFilingTests.samples.appendingPathComponent("invalid/\(name)")
        return try DisclosureReader.validate(.bytes(Array(Data(contentsOf: url)), name: name)).diagnostics
            .map(\.description)
    }

    @Test func districtMessage() throws {
        #expect(
            try Self.findings("GL-LOAN-003-district.xml").first { $0.contains("[GL-LOAN-003]") }
                == "GL-LOAN-003-district.xml:36:7: error[GL-LOAN-003]: district '440399' is not a Shenzhen district "
                + "(use one of 440303, 440304, 440305, 440306, 440307, 440308, 440309, 440310, 440311 or 'other')"
        )
    }

    @Test func amountMessage() throws {
        #expect(
            try Self.findings("GL-AMT-001-three-decimals.xml")
                == [
                    "GL-AMT-001-three-decimals.xml:36:7: error[GL-AMT-001]: malformed amount '123456.789' in Balance: "
                        + "amounts have at most 2 decimal places (fen) (write yuan with at most two decimals and no separators, "
                        + "e.g. 12000000.00)"
                ])
    }

    @Test func generationMessageShowsBothNumbersAndTheFactor() throws {
        #expect(
            try Self.findings("GL-GREEN-009-generation-mismatch.xml")
                == [
                    // 21,500 MWh × 0.3055 tce/MWh × 2.66 tCO2/tce = 17,471.545 t; |8,318.35 − 17,471.545| ÷
                    // 17,471.545 = 52.4 %.
                    "GL-GREEN-009-generation-mismatch.xml:68:19: note[GL-GREEN-009]: declared 8318.35 tCO2e differs by "
                        + "52.4% from GreenLedger's estimate 21500.00 MWh × 305.5 gce/kWh × 2.66 tCO2/tce "
                        + "(supply-coal-national-2020 [P], tce-co2-raw-coal [D]) = 17471.55 tCO2e (a screening note, not a "
                        + "regulatory limit: GreenLedger flags differences above 20 %; check the declared CO2e, or state the "
                        + "method and factors the project used)"
                ])
    }

    @Test func reconciliationNamesExpectedAndFound() throws {
        let findings = try Self.findings("GL-REC-001-total.xml")
        #expect(findings.count == 1)
        #expect(findings[0].hasPrefix("GL-REC-001-total.xml:14:5: error[GL-REC-001]: TotalLoans is "))
        #expect(findings[0].contains("but the balances of all loans add up to"))
        #expect(findings[0].contains("(difference 1.00)"))
    }

    static func findings(_ name: String, engine: XSDEngine) throws -> [String] {
        let url = SampleFilingTests.samples.appendingPathComponent("invalid/\(name)")
        var options = ReaderOptions()
        options.xsdEngine = engine
        return try DisclosureReader.validate(
            .bytes(Array(Data(contentsOf: url)), name: name), options: options
        )
        .diagnostics.map(\.description)
    }

    @Test func schemaMessagesNameTheElementAndWhatWasExpected() throws {
        #expect(
            try Self.findings("GL-XSD-001-unknown-element.xml")
                == [
                    "GL-XSD-001-unknown-element.xml:12:5: error[GL-XSD-001]: <Auditor> is not allowed at this point in "
                        + "<Header>; <Header> allows nothing more here"
                ])
        // libxml2's engine, the cross-check, says the same at the same place in its own words.
        #expect(
            try Self.findings("GL-XSD-001-unknown-element.xml", engine: .libxml2)
                == [
                    "GL-XSD-001-unknown-element.xml:12:5: error[GL-XSD-001]: Element 'Auditor': This element is not expected."
                ])
    }

    @Test func olderEditionSuggestsTheCrosswalk() throws {
        let finding = try #require(try Self.findings("GL-GREEN-004-older-edition.xml").first)
        #expect(
            finding
                == "GL-GREEN-004-older-edition.xml:65:7: warning[GL-GREEN-004]: loan originated 2025-11-03 is classified under "
                + "gicc-2019, not gfsp-2025 (the derived crosswalk suggests gfsp-2025 4.2.2 太阳能利用设施建设和运营 (exact-name))"
        )
    }
}
