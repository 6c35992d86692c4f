import Foundation
import Testing

/// `greenledger validate` end to end: verdicts, rendering, formats and exit codes.
@Suite struct ValidateCommandTests {
    static var quarter: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(
                atPath: CLIRunner.packageRoot.appendingPathComponent("Samples/2026-Q3").path
            ).filter { $0.hasSuffix(".xml") }.sorted().map { "Samples/2026-Q3/\($0)" }
        }
    }

    @Test func theQuarterIsAccepted() throws {
        let result = try CLIRunner.run(["validate"] + Self.quarter)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(
            result.stdout.contains(
                "Samples/2026-Q3/longgang-village-bank.xml: ACCEPT (0 errors; 0 warnings; 90 loans; 2026-Q3 revision 1; 深圳龙岗示例村镇银行股份有限公司)"
            ))
        #expect(result.stdout.hasSuffix("8 filings: 8 accepted, 0 rejected\n"))
    }

    @Test func strictTurnsTheWarningIntoARejection() throws {
        let file = "Samples/2026-Q3/example-rural-commercial-bank.xml"
        #expect(try CLIRunner.run(["validate", file]).status == 0)
        let strict = try CLIRunner.run(["validate", "--strict", file])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("\(file): REJECT (0 errors; 1 warning; 361 loans"))
    }

    @Test func aBrokenFileIsRejectedWithCompilerStyleFindings() throws {
        let result = try CLIRunner.run([
            "validate", "Samples/invalid/GL-LOAN-006-maturity-before-origination.xml",
        ])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines[0]
                == "Samples/invalid/GL-LOAN-006-maturity-before-origination.xml:38:7: error[GL-LOAN-006]: maturity 2018-01-01 is before origination 2020-01-01"
        )
        #expect(
            lines[1].hasSuffix(": REJECT (1 error; 0 warnings; 5 loans; 2026-Q3 revision 1; 深圳示例检验小额贷款有限公司)"))
        #expect(
            lines[2]
                == "  GL-LOAN-006 error: 到期日早于发放日 / maturity before origination — 1 [disclosure format v1, Loans: Maturity ≥ Originated]"
        )
    }

    @Test func standardInputIsNamedStdin() throws {
        let data = try Data(
            contentsOf: CLIRunner.packageRoot.appendingPathComponent(
                "Samples/invalid/GL-LOAN-004-industry.xml"))
        let result = try CLIRunner.run(["validate", "-"], stdin: data)
        #expect(result.status == 1)
        #expect(
            result.stdout.hasPrefix(
                "<stdin>:43:7: error[GL-LOAN-004]: industry code 'D44160' is not a GB/T 4754-2017 code"))
    }

    @Test func unreadableFilesExitTwo() throws {
        let result = try CLIRunner.run([
            "validate", "Samples/2026-Q3/longgang-village-bank.xml", "no-such-file.xml",
        ])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "greenledger: error: no-such-file.xml: cannot read the file: No such file or directory\n")
        #expect(result.stdout.contains("longgang-village-bank.xml: ACCEPT"))
    }

    @Test func usageErrorsExitSixtyFour() throws {
        #expect(try CLIRunner.run(["validate"]).status == 64)
        #expect(try CLIRunner.run(["validate", "--max-per-rule", "-1", "x.xml"]).status == 64)
        #expect(try CLIRunner.run(["validate", "--format", "yaml", "x.xml"]).status == 64)
    }

    @Test func maxPerRuleCapsPrintingButNotCounting() throws {
        let result = try CLIRunner.run([
            "validate", "--max-per-rule", "0", "Samples/invalid/GL-LOAN-001-duplicate-id.xml",
        ])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("error[GL-LOAN-001]"))
        #expect(result.stdout.contains("GL-LOAN-001 error: 贷款编号重复 / duplicate loan id — 1 (1 not shown)"))
    }

    @Test func jsonIsOneStableDocumentPerRun() throws {
        let files = ["Samples/invalid/GL-REC-002-green.xml", "Samples/2026-Q3/pengcheng-microcredit.xml"]
        let first = try CLIRunner.run(["validate", "--format", "json"] + files)
        let second = try CLIRunner.run(["validate", "--format", "json"] + files)
        #expect(first.status == 1)
        #expect(first.stdout == second.stdout)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "greenledger-validate/1")
        let reports = try #require(document["files"] as? [[String: Any]])
        #expect(reports.map { $0["verdict"] as? String } == ["REJECT", "ACCEPT"])
        let finding = try #require((reports.first?["findings"] as? [[String: Any]])?.first)
        #expect(finding["rule"] as? String == "GL-REC-002")
        #expect(finding["line"] as? Int == 15)
        #expect((document["rules"] as? [[String: Any]])?.map { $0["id"] as? String } == ["GL-REC-002"])
    }

    @Test func csvIsALedgerKeyedByLoanID() throws {
        let result = try CLIRunner.run([
            "validate", "--format", "csv", "Samples/invalid/GL-LOAN-002-borrower-uscc.xml",
        ])
        #expect(result.status == 1)
        let rows = result.stdout.split(separator: "\r\n").map(String.init)
        #expect(
            rows[0] == "\u{FEFF}file,loan_id,verdict,rule,severity,line,column,message,hint,title_zh,title_en"
        )
        #expect(rows.count == 2)
        #expect(
            rows[1].hasPrefix(
                "Samples/invalid/GL-LOAN-002-borrower-uscc.xml,TST-000001,REJECT,GL-LOAN-002,error,27,7,"))
    }

    @Test func rulesAreListed() throws {
        let result = try CLIRunner.run(["validate", "--rules", "--format", "json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let ids = try #require(document["rules"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids.count == 37)
        #expect(ids.contains("GL-LOAN-007"))
        #expect(ids == ids.sorted())
    }
}

@Suite struct ValidateFactorTests {
    static let file = "Samples/invalid/GL-GREEN-009-generation-mismatch.xml"

    @Test func theBaselineInUseIsNamedAndChangesTheCheck() throws {
        // Default: the CBRC guideline — 21,500 MWh × 305.5 gce/kWh × 2.66 tCO2/tce = 17,471.55 t.
        let guideline = try CLIRunner.run(["validate", Self.file])
        #expect(
            guideline.stdout.contains(
                "× 305.5 gce/kWh × 2.66 tCO2/tce (supply-coal-national-2020 [P], tce-co2-raw-coal [D]) = 17471.55 tCO2e"
            ))
        #expect(guideline.stdout.contains("note[GL-GREEN-009]"))
        // A note never changes the verdict, not even under --strict.
        #expect(try CLIRunner.run(["validate", "--strict", Self.file]).status == 0)
        // An explicit factor selects the average baseline: 21,500 × 0.5366 = 11,536.90 t, 27.9 % off.
        let national = try CLIRunner.run(["validate", "--factor", "mee-avg-national-2022", Self.file])
        #expect(national.stdout.contains("× 0.5366 tCO2/MWh (mee-avg-national-2022 [V]) = 11536.90 tCO2e"))
        // 21,500 × 0.4403 = 9,466.45 t is within 20 % of the declared 8,318.35 t: no note.
        let provincial = try CLIRunner.run(["validate", "--factor", "mee-avg-guangdong-2022", Self.file])
        #expect(!provincial.stdout.contains("GL-GREEN-009]"))
        // 21,500 MWh × 0.3869 = 8,318.35 t: exactly what the project declares, no note.
        let average = try CLIRunner.run(["validate", "--baseline", "average", Self.file])
        #expect(average.status == 0)
        #expect(!average.stdout.contains("GL-GREEN-009]"))
        // A supply coal consumption outside 100…1000 gce/kWh is a usage error, said so.
        let supplied = try CLIRunner.run(["validate", "--supply-coal", "50", Self.file])
        #expect(supplied.status == 64)
        #expect(supplied.stderr.contains("--supply-coal must be a value in gce/kWh between 100 and 1000"))
        // Your own, tagged [U]: 21,500 × 0.150 × 2.66 = 8,578.5 t, within 20 % of 8,318.35 t: no note.
        let low = try CLIRunner.run(["validate", "--supply-coal", "150", Self.file])
        #expect(!low.stdout.contains("GL-GREEN-009]"))
        let own = try CLIRunner.run(["validate", "--supply-coal", "290", Self.file])
        #expect(own.stdout.contains("× 290.0 gce/kWh × 2.66 tCO2/tce (user-supply-coal [U]"))
        // With --baseline guideline, --factor sets the Scope 2 factor only: the check stays the guideline's.
        let both = try CLIRunner.run([
            "validate", "--baseline", "guideline", "--factor", "mee-avg-south-2023", Self.file,
        ])
        #expect(both.stdout.contains("= 17471.55 tCO2e"))
    }

    @Test func badFactorsAreUsageErrors() throws {
        let fuel = try CLIRunner.run(["validate", "--factor", "fuel-co2-diesel", Self.file])
        #expect(fuel.status == 64)
        #expect(
            fuel.stderr
                == "greenledger: error: 'fuel-co2-diesel' is a fuel factor in kgCO2/kg, not a grid factor in tCO2/MWh\n"
        )
        #expect(try CLIRunner.run(["validate", "--grid-factor", "-1", Self.file]).status == 64)
        #expect(
            try CLIRunner.run(["validate", "--factor", "x", "--grid-factor", "0.5", Self.file]).status == 64)
    }

    @Test func factorsAreListed() throws {
        let result = try CLIRunner.run(["taxonomy", "factors", "--kind", "electricity"])
        #expect(
            result.stdout.contains(
                "mee-avg-south-2022 = 0.3869 tCO2/MWh (MEE/NBS average, 南方 South (incl. Guangdong), 2022) [V]  ← default grid factor"
            ))
    }
}
