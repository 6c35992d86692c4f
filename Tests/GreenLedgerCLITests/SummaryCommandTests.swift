import Foundation
import Testing

/// `greenledger summary` end to end.
@Suite struct SummaryCommandTests {
    static let file = "Samples/2026-Q3/longgang-village-bank.xml"

    @Test func textIsBilingualAndNamesItsSources() throws {
        let result = try CLIRunner.run(["summary", Self.file])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        for expected in [
            "绿色金融概要 Green finance summary — 深圳龙岗示例村镇银行股份有限公司", "环境 Environment", "社会 Social", "治理 Governance",
            "目标 Target: 7% by 2025-12-31 (date passed)", "green-loan-share [V]",
            "Baseline guideline (supply-coal-national-2020 305.5 gce/kWh [P], tce-co2-raw-coal 2.66 tCO2/tce [D])",
            "环境效益 Environmental benefits", "节水 water saved; 单位 Unit: t",
            "碳减排效应 Carbon-reduction effect", "可能低估的不良 Possibly understated NPL: 0 loans",
            "mee-avg-south-2022",  // Scope 2 of the lender's electricity
            "投融资排放 Financed emissions (PCAF)",
        ] {
            #expect(result.stdout.contains(expected), "\(expected)")
        }
    }

    @Test func jsonHasTheDocumentedSchemaWithMoneyAsExactStrings() throws {
        let result = try CLIRunner.run(["summary", "--format", "json", Self.file])
        #expect(result.status == 0)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "greenledger-summary/3")
        let book = try #require(document["book"] as? [String: Any])
        #expect(
            (book["total"] as? String)?.hasSuffix(".00") == true
                || (book["total"] as? String)?.contains(".") == true)
        let environment = try #require(document["environment"] as? [String: Any])
        let target = try #require((environment["targets"] as? [[String: Any]])?.first)
        #expect((target["target"] as? [String: Any])?["id"] as? String == "green-loan-share")
        #expect(target["gap"] is String)
        #expect(
            ((document["method"] as? [String: Any])?["grid_factor"] as? [String: Any])?["id"] as? String
                == "mee-avg-south-2022")
        let again = try CLIRunner.run(["summary", "--format", "json", Self.file])
        #expect(again.stdout == result.stdout)
    }

    @Test func markdownHasTables() throws {
        let result = try CLIRunner.run(["summary", "--format", "md", Self.file])
        #expect(result.stdout.hasPrefix("# 绿色金融概要 Green finance summary"))
        #expect(result.stdout.contains("| 指标 Indicator | 实际 Actual | 目标 Target |"))
    }

    /// Money in text and Markdown: grouped yuan by default, 万元 or 亿元 on request, the unit in the heading.
    /// The Guangdong 10 % gap of the sample is 3,766,565.48 元 = 376.656548 万元 → 376.66 = 0.0376656548 亿元
    /// → 0.0377.
    @Test func moneyUnitOption() throws {
        let yuan = try CLIRunner.run(["summary", Self.file])
        #expect(
            yuan.stdout.contains(
                "差额（元） Gap (yuan): 3,766,565.48; 依据 Target id / source: guangdong-green-credit-2030"))
        #expect(yuan.stdout.contains("各项贷款（元） Total loans (yuan): 217,448,684.00"))
        let wan = try CLIRunner.run(["summary", "--money-unit", "wan", Self.file])
        #expect(wan.status == 0)
        #expect(wan.stdout.contains("差额（万元） Gap (10,000 yuan): 376.66; "))
        // Governance: 1,269,559.68 元 over the NPL ceiling = 126.955968 万元 → 126.96.
        #expect(wan.stdout.contains("超出（万元） Over (10,000 yuan): 126.96; "))
        #expect(wan.stdout.contains("Money in 万元 (10,000 yuan), converted from the exact totals in fen"))
        let yi = try CLIRunner.run(["summary", "--format", "md", "--money-unit", "yi", Self.file])
        #expect(yi.stdout.contains(" | 差额（亿元） Gap (100 million yuan) | "))
        #expect(yi.stdout.contains(" | 0.0377 | guangdong-green-credit-2030 "))
        // JSON is exact yuan whatever the unit.
        let json = try CLIRunner.run(["summary", "--format", "json", Self.file])
        let jsonWan = try CLIRunner.run(["summary", "--format", "json", "--money-unit", "wan", Self.file])
        #expect(jsonWan.stdout == json.stdout)
        #expect(try CLIRunner.run(["summary", "--money-unit", "euro", Self.file]).status == 64)
    }

    @Test func gridFactorOnTheCommandLineChangesTheEstimates() throws {
        func estimated(_ arguments: [String]) throws -> Double {
            let result = try CLIRunner.run(
                ["summary", "--format", "json"] + arguments + ["Samples/2026-Q3/dapeng-green-leasing.xml"])
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let avoided = try #require(
                (document["environment"] as? [String: Any])?["avoided"] as? [String: Any])
            return try #require(avoided["estimated_project_tonnes"] as? Double)
        }
        // An explicit factor selects the average baseline; the default is the CBRC guideline's, whose
        // 305.5 gce/kWh × 2.66 tCO2/tce = 0.81263 tCO2/MWh is above every regional average.
        let guideline = try estimated([])
        let south = try estimated(["--baseline", "average"])
        let national = try estimated(["--factor", "mee-avg-national-2022"])
        let doubled = try estimated(["--grid-factor", "0.7738"])
        #expect(national > south)
        #expect(doubled > south)
        #expect(guideline > doubled)
        #expect(try estimated(["--supply-coal", "250"]) < guideline)
        let named = try CLIRunner.run(["summary", "--grid-factor", "0.5", Self.file])
        #expect(
            named.stdout.contains(
                "Baseline average (user-grid-factor 0.5 tCO2/MWh [U]; EnergySaving electricity at "
                    + "supply-coal-national-2020 305.5 gce/kWh [P])"))
    }

    /// Litres of fuel are converted only with a density the user gives (none is in the reference data).
    @Test func litresNeedAUserDensity() throws {
        let without = try CLIRunner.run(["summary", Self.file])
        #expect(
            without.stdout.contains(
                "no gasoline density from a citable source is in the reference data (give --density gasoline=KG_PER_L)"
            ))
        // 9,883 L × 0.74 kg/L ÷ 1000 × 2.9251 kgCO2/kg = 21.39221… t.
        let with = try CLIRunner.run(["summary", "--density", "gasoline=0.74", Self.file])
        #expect(with.status == 0)
        #expect(
            with.stdout.contains(
                "scope 1 VehicleGasoline 9883.00 L: 21.39 tCO2 = 9883.0 L × 0.74 kg/L [U] ÷ 1000 × 2.9251 kgCO2/kg "
                    + "(fuel-co2-gasoline, user-density-gasoline [U])"))
        let twice = try CLIRunner.run([
            "summary", "--density", "gasoline=0.74", "--density", "gasoline=0.75", Self.file,
        ])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("--density gives two densities for gasoline (0.74 and 0.75); give one"))
        for bad in ["petrol=0.74", "gasoline=7.4", "gasoline", "gasoline=abc"] {
            let result = try CLIRunner.run(["summary", "--density", bad, Self.file])
            #expect(result.status == 64, "\(bad)")
            #expect(result.stderr.contains("--density takes FUEL=KG_PER_L"), "\(bad)")
        }
    }

    /// Estimates are made at ingest: estimation options with --db are refused, not silently ignored; a
    /// district's roll-up leaves the city-wide-only figures null, not zero.
    @Test func historyRollUpsRefuseEstimationOptionsAndDistrictsAreNotZeros() throws {
        let directory = try BoundedRunner.temporaryDirectory("db-options")
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("h.sqlite").path
        #expect(try CLIRunner.run(["ingest", "--db", db, "Samples/2026-Q3"]).status == 0)
        for option in [
            ["--baseline", "average"], ["--factor", "mee-avg-south-2023"], ["--supply-coal", "300"],
        ] {
            for command in [
                ["aggregate", "--db", db],
                [
                    "report", "--db", db, "--format", "md", "--out",
                    directory.appendingPathComponent("r.md").path,
                ],
            ] {
                let result = try CLIRunner.run(command + option)
                #expect(result.status == 64, "\(command) \(option)")
                #expect(result.stderr.contains("apply to 'greenledger ingest'"), "\(command) \(option)")
            }
        }
        let district = try CLIRunner.run([
            "aggregate", "--db", db, "--district", "440307", "--format", "json",
        ])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(district.stdout.utf8)) as? [String: Any])
        #expect(document["carbon_effect"] is NSNull && document["credit_risk"] is NSNull)
        #expect(document["evaluation"] is NSNull)
        // The JSON carries its Method section too.
        let method = try #require(document["method"] as? [String: String])
        #expect(
            Set(method.keys) == [
                "shares", "selection", "avoided", "benefits", "carbon_effect", "credit_risk",
            ])
        #expect(method["avoided"]?.contains("绿色信贷项目节能减排量测算指引") == true)
        let text = try CLIRunner.run(["aggregate", "--db", db, "--district", "440307"])
        #expect(text.stdout.contains("city-wide only"))
    }

    @Test func ownTargetsReplaceTheDefaults() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "targets-\(UUID().uuidString).tsv")
        let header =
            "id\tindicator\tindicator_zh\tindicator_en\tdirection\tvalue\tbaseline\tbaseline_year\ttarget_date\tconfidence\tsource\tnote"
        try
            (header
            + "\nlonggang-green-2027\tgreen\t龙岗绿色贷款\tLonggang green loans\tfloor\t12%\t\t\t2027-12-31\tU\tdistrict goal (example)\t\n")
            .write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try CLIRunner.run(["summary", "--targets", url.path, Self.file])
        #expect(result.status == 0)
        #expect(result.stdout.contains("longgang-green-2027 [U]"))
        #expect(!result.stdout.contains("green-loan-share"))
        try (header + "\nx\tgreen\ta\tb\tfloor\tseven\t\t\t2027-12-31\tU\ts\t\n").write(
            to: url, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["summary", "--targets", url.path, Self.file])
        #expect(bad.status == 2)
        #expect(
            bad.stderr
                == "greenledger: error: \(url.path):2: error: value 'seven' must be a rate such as 7% or 0.07\n"
        )
    }

    @Test func unreadableInputExitsTwo() throws {
        let result = try CLIRunner.run(["summary", "nope.xml"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("greenledger: error: nope.xml: cannot read the file"))
    }
}

@Suite struct SummaryWithoutLoansTests {
    @Test func avoidedAndFinancedAreNotComputedWithoutLoanDetail() throws {
        let file = "Samples/2026-Q3/example-bank-shenzhen-branch.xml"
        let json = try CLIRunner.run(["summary", "--format", "json", file])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let environment = try #require(document["environment"] as? [String: Any])
        #expect(environment["avoided"] is NSNull)
        #expect(environment["financed"] is NSNull)
        // Guangdong 10 % by 2030: 10 % × 81,250,000,000.00 − 6,912,000,000.00 = 1,213,000,000.00 yuan short.
        let guangdong = try #require(environment["targets"] as? [[String: Any]]).first {
            ($0["target"] as? [String: Any])?["id"] as? String == "guangdong-green-credit-2030"
        }
        #expect(guangdong?["gap"] as? String == "1213000000.00")
        let text = try CLIRunner.run(["summary", file])
        #expect(text.stdout.contains("not computed — the filing has no loan-level detail"))
    }
}

@Suite struct AggregateCommandTests {
    @Test func aggregateListsEveryFilingAndIsDeterministic() throws {
        let arguments = [
            "aggregate", "--format", "json", "Samples/2026-Q3", "Samples/invalid/GL-REC-001-total.xml",
        ]
        let first = try CLIRunner.run(arguments)
        let second = try CLIRunner.run(arguments)
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "greenledger-aggregate/3")
        #expect(document["period"] as? String == "2026-Q3")
        let filings = try #require(document["filings"] as? [[String: Any]])
        #expect(filings.count == 9)
        #expect(filings.filter { $0["treatment"] as? String == "included" }.count == 7)
        #expect(
            filings.first { ($0["file"] as? String)?.hasSuffix("GL-REC-001-total.xml") == true }?["treatment"]
                as? String == "rejected")
    }

    @Test func usageAndMissingInputs() throws {
        #expect(try CLIRunner.run(["aggregate", "--district", "999999", "Samples/2026-Q3"]).status == 64)
        #expect(try CLIRunner.run(["aggregate", "--period", "Q3", "Samples/2026-Q3"]).status == 64)
        let missing = try CLIRunner.run(["aggregate", "no-such-dir"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "greenledger: error: no-such-dir: no such file or directory\n")
    }

    @Test func textShowsTheLeagueTableAndDistricts() throws {
        let result = try CLIRunner.run(["aggregate", "Samples/2026-Q3"])
        #expect(result.stdout.contains("机构排名 Lender league table (green share)"))
        #expect(
            result.stdout.contains(
                "superseded — superseded by Samples/2026-Q3/pingshan-village-bank-r2.xml (revision 2)"))
        #expect(result.stdout.contains("440307 龙岗区 Longgang"))
        // Grouped yuan by default: the Q3 city total is 94,762,468,360.75 元.
        #expect(result.stdout.contains("分母（元） Total loans (yuan): 94,762,468,360.75;"))
    }

    /// 94,762,468,360.75 元 = 947.6246836075 亿元 → 947.6247; 9,476,246.8360775 万元 → 9,476,246.84.
    @Test func moneyUnitOption() throws {
        let yi = try CLIRunner.run(["aggregate", "--money-unit", "yi", "Samples/2026-Q3"])
        #expect(yi.status == 0)
        #expect(yi.stdout.contains("分母（亿元） Total loans (100 million yuan): 947.6247;"))
        let wan = try CLIRunner.run(["aggregate", "--format", "md", "--money-unit", "wan", "Samples/2026-Q3"])
        #expect(wan.stdout.contains(" | 9,476,246.84 | "))
        #expect(
            wan.stdout.contains(
                "| # | 机构 Lender | 类型 Kind | 各项贷款（万元） Total (10,000 yuan) | 绿色贷款（万元） Green (10,000 yuan) | 占比 Share |"
            ))
        #expect(try CLIRunner.run(["aggregate", "--money-unit", "", "Samples/2026-Q3"]).status == 64)
    }
}

@Suite struct IngestCommandTests {
    @Test func ingestThenAggregateFromTheHistory() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cli-\(UUID().uuidString).sqlite"
        ).path
        let first = try CLIRunner.run(["ingest", "--db", db, "Samples/2026-Q3"])
        #expect(first.status == 0)
        #expect(
            first.stdout.contains(
                "stored #8: Samples/2026-Q3/pingshan-village-bank-r2.xml (深圳坪山示例村镇银行股份有限公司, 2026-Q3 revision 2); supersedes revision 1"
            ))
        let again = try CLIRunner.run(["ingest", "--db", db, "Samples/2026-Q3/pengcheng-microcredit.xml"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("— nothing written"))
        let rejected = try CLIRunner.run(["ingest", "--db", db, "Samples/invalid/GL-REC-001-total.xml"])
        #expect(rejected.status == 1)
        #expect(rejected.stdout.hasPrefix("rejected, not stored: Samples/invalid/GL-REC-001-total.xml"))
        let fromFiles = try CLIRunner.run(["aggregate", "--format", "json", "Samples/2026-Q3"])
        let fromHistory = try CLIRunner.run(["aggregate", "--format", "json", "--db", db])
        let files = try #require(
            try JSONSerialization.jsonObject(with: Data(fromFiles.stdout.utf8)) as? [String: Any])
        let history = try #require(
            try JSONSerialization.jsonObject(with: Data(fromHistory.stdout.utf8)) as? [String: Any])
        let filesTotal = try #require((files["book"] as? [String: Any])?["total"] as? String)
        #expect(filesTotal == (history["book"] as? [String: Any])?["total"] as? String)
        #expect((history["source"] as? String)?.hasSuffix("(database revision 8)") == true)
        #expect(try CLIRunner.run(["aggregate", "--db", db, "Samples/2026-Q3"]).status == 64)
    }
}
