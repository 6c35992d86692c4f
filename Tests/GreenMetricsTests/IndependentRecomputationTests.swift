import Foundation
import GreenDisclosure
import GreenMetrics
import GreenTaxonomy
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `summary` on every sample filing agrees with a recomputation written separately here: a Foundation
/// `XMLParser` reading of the file and plain arithmetic. Money to the fen; tonnes and ratios to 1e-9 relative.
@Suite struct IndependentRecomputationTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/2026-Q3")
    static let files =
        (try? FileManager.default.contentsOfDirectory(atPath: samples.path))?.filter { $0.hasSuffix(".xml") }
        .sorted() ?? []

    /// What the recomputation collects from a filing.
    final class Reading: NSObject, XMLParserDelegate {
        var portfolio: [String: Int64] = [:]  // element name → fen (direct children of Portfolio)
        var greenBalanceFen: Int64 = 0
        var declaredTonnes = 0.0
        var estimatedTonnes = 0.0
        var attributedTonnes = 0.0
        var financedTonnes = 0.0
        var coveredFen: Int64 = 0
        var totalLoanFen: Int64 = 0
        var electricityKWh: Double?
        /// Σ declared and Σ attributed of each Benefits element, by element name.
        var benefitsDeclared: [String: Double] = [:]
        var benefitsAttributed: [String: Double] = [:]
        var greenNonPerformingFen: Int64 = 0
        var possiblyUnderstatedFen: Int64 = 0
        var periodEnd: Date?
        // Current loan.
        var benefits: [String: Double] = [:]
        var classification = ""
        var maturity: Date?
        var fuel: String?
        var path: [String] = []
        var text = ""
        var balanceFen: Int64 = 0
        var isGreen = false
        var investmentFen: Int64?
        var mwh: Double?
        var tce: Double?
        var co2e: Double?
        var emissions: (Double, Double, Int64)?
        /// Amounts and numbers this reading could not parse (the delegate cannot throw); `read` expects none.
        var problems: [String] = []

        /// Yuan with up to two decimals, in fen; a malformed amount is recorded in `problems` and counts 0.
        func fen(_ text: String) -> Int64 {
            let parts = text.trimmingCharacters(in: .whitespaces).split(
                separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, let yuan = Int64(parts[0]),
                let cents = parts.count > 1
                    ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) : 0
            else {
                problems.append("amount '\(text)'")
                return 0
            }
            return yuan * 100 + cents
        }

        /// A number attribute; a missing or malformed one is recorded in `problems` and counts 0.
        func number(_ attributes: [String: String], _ name: String) -> Double {
            guard let value = attributes[name].flatMap(Double.init) else {
                problems.append("\(name)='\(attributes[name] ?? "")'")
                return 0
            }
            return value
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            path.append(name)
            text = ""
            switch name {
            case "Loan":
                (balanceFen, isGreen, investmentFen, mwh, tce, co2e, emissions) = (
                    0, false, nil, nil, nil, nil, nil
                )
                (benefits, classification, maturity, fuel) = ([:], "normal", nil, nil)
            case "Green": isGreen = true
            case "Project": investmentFen = attributes["totalInvestment"].map(fen)
            case "Generation": mwh = attributes["annualMWh"].flatMap(Double.init)
            case "EnergySaving":
                mwh = attributes["annualMWhSaved"].flatMap(Double.init)
                tce = attributes["annualTce"].flatMap(Double.init)
                fuel = attributes["fuel"]
            case "Building": mwh = attributes["annualMWhSaved"].flatMap(Double.init)
            case "Emissions":
                emissions = (
                    number(attributes, "scope1") + number(attributes, "scope2"), 0,
                    fen(attributes["denominator"] ?? "")
                )
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(
            _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
        ) {
            path.removeLast()
            if path.last == "Portfolio" { portfolio[name] = fen(text) }
            switch name {
            case "Balance": balanceFen = fen(text)
            case "CO2e":
                co2e = Double(text)
                benefits[name] = Double(text)
            case "StandardCoal", "COD", "AmmoniaNitrogen", "SO2", "NOx", "WaterSaved":
                benefits[name] = Double(text)
            case "Classification": classification = text
            case "Maturity": maturity = IndependentRecomputationTests.day(text)
            case "Period" where path.last == "Header":
                // 2026-Q3 → 2026-09-30; 2026 → 2026-12-31.
                let parts = text.split(separator: "-Q")
                let month = parts.count == 2 ? (Int(parts[1]) ?? 4) * 3 : 12
                let lastDay = [3: "31", 6: "30", 9: "30", 12: "31"][month] ?? "31"
                periodEnd = IndependentRecomputationTests.day(
                    "\(parts[0])-\(month < 10 ? "0" : "")\(month)-\(lastDay)")
            case "Electricity" where path.last == "Operations": electricityKWh = Double(text)
            case "Loan":
                totalLoanFen += balanceFen
                if let (tonnes, _, denominator) = emissions {
                    coveredFen += balanceFen
                    financedTonnes += min(1, Double(balanceFen) / Double(denominator)) * tonnes
                }
                if ["normal", "special-mention"].contains(classification), let maturity, let periodEnd,
                    periodEnd.timeIntervalSince(maturity) > 90 * 86_400
                {
                    possiblyUnderstatedFen += balanceFen
                }
                guard isGreen else { return }
                greenBalanceFen += balanceFen
                if ["substandard", "doubtful", "loss"].contains(classification) {
                    greenNonPerformingFen += balanceFen
                }
                declaredTonnes += co2e ?? 0
                for (element, amount) in benefits {
                    benefitsDeclared[element, default: 0] += amount
                    if let investmentFen {
                        benefitsAttributed[element, default: 0] +=
                            amount * min(1, Double(balanceFen) / Double(investmentFen))
                    }
                }
                // The CBRC guideline baseline: MWh × 305.5 gce/kWh = tce, × 2.66 tCO2/tce. EnergySaving's tce
                // includes its electricity; the rest is fuel, × the fuel's tCO2/tce (kgCO2 ÷ kgce per unit of
                // the §7.3 table, rounded to 4 decimals as the reference data holds them), raw coal when not
                // stated.
                let perFuel: [String: Double] = [
                    "diesel": 2.1247,  // 3.0959 / 1.4571
                    "natural-gas": 1.6257,  // 2.1622 / 1.33
                    "fuel-oil": 2.2193,  // 3.1705 / 1.4286
                    "gasoline": 1.9880,  // 2.9251 / 1.4714
                    "lpg": 1.8091,  // 3.1013 / 1.7143
                ]
                let fuelFactor = fuel.flatMap { perFuel[$0] } ?? 2.66
                var estimate: Double? = nil
                switch (mwh, tce) {
                case (let mwh?, let tce?):
                    let electricityTce = mwh * 0.3055
                    estimate = electricityTce * 2.66 + max(0, tce - electricityTce) * fuelFactor
                case (let mwh?, nil): estimate = mwh * 0.3055 * 2.66
                case (nil, let tce?): estimate = tce * fuelFactor
                case (nil, nil): break
                }
                if let estimate {
                    estimatedTonnes += estimate
                    if let investmentFen {
                        attributedTonnes += estimate * min(1, Double(balanceFen) / Double(investmentFen))
                    }
                }
            default: break
            }
        }
    }

    static func day(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }

    static func read(_ name: String) throws -> Reading {
        let parser = try #require(XMLParser(contentsOf: samples.appendingPathComponent(name)))
        let reading = Reading()
        parser.delegate = reading
        #expect(parser.parse())
        #expect(reading.problems.isEmpty, "\(name): \(reading.problems)")
        return reading
    }

    static func close(_ a: Double, _ b: Double) -> Bool { a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }

    @Test("summary agrees with the recomputation", arguments: files)
    func agrees(name: String) throws {
        let reading = try Self.read(name)
        let summary = try FilingSummarizer.summarize(
            .file(path: Self.samples.appendingPathComponent(name).path))
        let total = try #require(reading.portfolio["TotalLoans"])
        #expect(summary.book.total.fen == total)
        let names: [Indicator: String] = [
            .green: "GreenLoans", .techEnterprise: "TechEnterpriseLoans",
            .inclusiveSmallMicro: "InclusiveSmallMicroLoans",
            .manufacturingMidLongTerm: "ManufacturingMidLongTermLoans", .nonPerforming: "NonPerformingLoans",
        ]
        for share in summary.shares {
            let element = try #require(names[share.indicator])
            let numerator = try #require(reading.portfolio[element])
            #expect(share.numerator.fen == numerator)
            #expect(try Self.close(#require(share.share), Double(numerator) / Double(total)))
        }
        #expect(summary.shares.count == names.values.filter { reading.portfolio[$0] != nil }.count)
        if summary.input.hasLoans {
            // Money to the fen.
            #expect(summary.avoided.greenBalance.fen == reading.greenBalanceFen)
            #expect(summary.financed.totalBalance.fen == reading.totalLoanFen)
            #expect(summary.financed.coveredBalance.fen == reading.coveredFen)
            // Tonnes to 1e-9 relative.
            #expect(Self.close(summary.avoided.declaredTonnes, reading.declaredTonnes))
            #expect(Self.close(summary.avoided.estimatedProjectTonnes, reading.estimatedTonnes))
            #expect(Self.close(summary.avoided.attributedTonnes, reading.attributedTonnes))
            #expect(Self.close(summary.financed.financedTonnes, reading.financedTonnes))
            // The seven benefits, declared and attributed, and the loan-level risk figures.
            for indicator in BenefitIndicator.allCases {
                let sum = summary.benefits.total[indicator]
                #expect(
                    Self.close(sum.declared, reading.benefitsDeclared[indicator.element] ?? 0), "\(indicator)"
                )
                #expect(
                    Self.close(sum.attributed, reading.benefitsAttributed[indicator.element] ?? 0),
                    "\(indicator)")
            }
            #expect(summary.creditRisk.greenNonPerforming.fen == Int128(reading.greenNonPerformingFen))
            #expect(summary.creditRisk.possiblyUnderstated.fen == Int128(reading.possiblyUnderstatedFen))
        }
        if let kWh = reading.electricityKWh {
            let line = try #require(summary.operations?.lines.first { $0.item == "Electricity" })
            #expect(try Self.close(#require(line.tonnes), kWh / 1000 * 0.3869))
        }
    }

    @Test func changingTheGridFactorChangesTheEstimatesAndIsNamed() throws {
        let url = Self.samples.appendingPathComponent("dapeng-green-leasing.xml")
        let south = try FilingSummarizer.summarize(.file(path: url.path), baseline: .average)
        let national = try FilingSummarizer.summarize(
            .file(path: url.path), grid: try Taxonomy.standard.emissionFactor("mee-avg-national-2022"),
            baseline: .average)
        #expect(national.method.gridFactor.id == "mee-avg-national-2022")
        #expect(national.avoided.estimatedProjectTonnes > south.avoided.estimatedProjectTonnes)
        let user = try FilingSummarizer.summarize(
            .file(path: url.path), grid: .userGridFactor(0.5), baseline: .average)
        #expect(user.method.gridFactor.confidence == .unverified)
        // A zero factor must not crash the generation cross-check (it has nothing to compare with).
        let zero = try FilingSummarizer.summarize(
            .file(path: url.path), grid: .userGridFactor(0), baseline: .average)
        // Only the fuel (tce) savings remain, which do not use the grid factor.
        #expect(zero.avoided.estimatedProjectTonnes < south.avoided.estimatedProjectTonnes)
        // Declared benefits do not depend on the factor.
        #expect(national.avoided.declaredTonnes == south.avoided.declaredTonnes)
    }
}
