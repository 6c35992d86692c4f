import Foundation
import Testing

/// `summary`, `ingest`, `aggregate` and `report` on the largest figures the schema allows: no trap, exact
/// totals. Each test crashed (SIGILL) or printed a wrong figure at 957e033.
@Suite(.serialized) struct OverflowCommandTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func summaryOfLoansSummingPastInt64FenIsExactAndRejected() throws {
        let directory = try HugeFilings.directory("overflow-summary")
        // 10 × 999,999,999,999,999,999 fen = 9,999,999,999,999,999,990 fen > Int64.max = 9,223,372,036,854,775,807.
        let file = try HugeFilings.write(
            HugeFilings.filing(lender: 1, loans: 10), to: directory, as: "ten-maximal-loans.xml")
        let expected = HugeFilings.yuan(HugeFilings.maximalFen * 10)
        #expect(expected == "99999999999999999.90")

        let text = try CLIRunner.run(["summary", file])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("validation REJECT"))

        let result = try CLIRunner.run(["summary", "--format", "json", file])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try Self.json(result.stdout)
        let environment = try #require(document["environment"] as? [String: Any])
        let financed = try #require(environment["financed"] as? [String: Any])
        let avoided = try #require(environment["avoided"] as? [String: Any])
        #expect(financed["total_balance"] as? String == expected)
        #expect(financed["covered_balance"] as? String == expected)
        #expect(avoided["green_balance"] as? String == expected)
        #expect(avoided["estimated_balance"] as? String == expected)
        let governance = try #require(document["governance"] as? [String: Any])
        #expect(governance["verdict"] as? String == "REJECT")
    }

    @Test func ingestOfLoansSummingPastInt64FenRejectsWithoutATrap() throws {
        let directory = try HugeFilings.directory("overflow-ingest")
        let file = try HugeFilings.write(
            HugeFilings.filing(lender: 1, loans: 10), to: directory, as: "ten-maximal-loans.xml")
        let db = directory.appendingPathComponent("history.sqlite").path
        let result = try CLIRunner.run(["ingest", "--db", db, file])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let aggregate = try CLIRunner.run(["aggregate", "--format", "json", file])
        #expect(aggregate.status == 0, "\(aggregate.stderr)")
        let filings = try #require(try Self.json(aggregate.stdout)["filings"] as? [[String: Any]])
        #expect(filings.map { $0["treatment"] as? String } == ["rejected"])
    }

    @Test func hugePurchasedHeatPrintsExactly() throws {
        let directory = try HugeFilings.directory("overflow-heat")
        // 999,999,999,999,999 tce × 29.307 GJ/tce × 0.11 tCO2/GJ = 3,223,769,999,999,996.776 23 t exactly; the
        // Double product (spacing 0.5 at this size) is 3,223,769,999,999,996.5, printed to the fen as
        // 3223769999999996.50. 957e033 printed "3223769999999997.-20".
        let file = try HugeFilings.write(
            HugeFilings.filing(
                lender: 3, loans: 1, balance: "1000.00", total: "1000.00", heatTce: "999999999999999"),
            to: directory, as: "heat.xml")
        let result = try CLIRunner.run(["summary", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("scope 2 3223769999999996.50"))
        #expect(result.stdout.contains("PurchasedHeat 999999999999999.00 tce: 3223769999999996.50 tCO2"))
        #expect(!result.stdout.contains(".-"))
        // 18 digits: past the format's 15 integer digits, so the filing is rejected (GL-XSD-001) and the
        // quantity is not read at all; 957e033 read it, and trapped scaling 3.22377e18 t by 100 into Int64.
        let larger = try HugeFilings.write(
            HugeFilings.filing(
                lender: 3, loans: 1, balance: "1000.00", total: "1000.00", heatTce: "999999999999999999"),
            to: directory, as: "heat-18.xml")
        let second = try CLIRunner.run(["summary", larger])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("validation REJECT"))
        #expect(!second.stdout.contains(".-"))
    }

    @Test func twelveMaximalAcceptedFilingsAggregateAndReportExactly() throws {
        let directory = try HugeFilings.directory("overflow-history")
        let filings = directory.appendingPathComponent("filings")
        try FileManager.default.createDirectory(at: filings, withIntermediateDirectories: true)
        for lender in 1...12 {
            try HugeFilings.write(
                HugeFilings.filing(lender: lender, loans: 1), to: filings, as: "lender-\(lender).xml")
        }
        // 12 × 999,999,999,999,999,999 fen = 11,999,999,999,999,999,988 fen: past Int64.max, exact in Int128.
        let expected = HugeFilings.yuan(HugeFilings.maximalFen * 12)
        #expect(expected == "119999999999999999.88")

        let db = directory.appendingPathComponent("history.sqlite").path
        let ingest = try CLIRunner.run(["ingest", "--db", db, filings.path])
        #expect(ingest.status == 0, "\(ingest.stdout)\(ingest.stderr)")

        for source in [["--db", db], [filings.path]] {
            let result = try CLIRunner.run(["aggregate", "--format", "json"] + source)
            #expect(result.status == 0, "\(result.stderr)")
            let document = try Self.json(result.stdout)
            let book = try #require(document["book"] as? [String: Any])
            #expect(book["total"] as? String == expected)
            #expect((book["numerators"] as? [String: Any])?["green"] as? String == expected)
            let district = (book["districts"] as? [String: Any])?["440307"] as? [String: Any]
            #expect(district?["total"] as? String == expected)
            #expect((document["lenders"] as? [Any])?.count == 12)
            let shares = try #require(document["shares"] as? [[String: Any]])
            let green = try #require(
                shares.first { ($0["share"] as? [String: Any])?["indicator"] as? String == "green" })
            let share = try #require(green["share"] as? [String: Any])
            #expect(share["numerator"] as? String == expected)
            #expect(share["denominator"] as? String == expected)
            #expect(share["share"] as? Double == 1)
            let avoided = try #require(document["avoided"] as? [String: Any])
            #expect(avoided["green_balance"] as? String == expected)

            let text = try CLIRunner.run(["aggregate"] + source)
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("分母（元） Total loans (yuan): 119,999,999,999,999,999.88"))
        }

        for format in ["md", "json", "csv", "html", "xlsx"] {
            let out = directory.appendingPathComponent("report-\(format)").path
            let report = try CLIRunner.run(["report", "--db", db, "--format", format, "--out", out])
            #expect(report.status == 0, "\(format): \(report.stderr)")
        }
        let markdown = try String(
            contentsOfFile: directory.appendingPathComponent("report-md").path, encoding: .utf8)
        #expect(markdown.contains("119,999,999,999,999,999.88"))
        // CSV stays exact, without separators.
        let csv = try String(
            contentsOfFile: directory.appendingPathComponent("report-csv/districts.csv").path, encoding: .utf8
        )
        #expect(csv.contains(expected))
    }
}
