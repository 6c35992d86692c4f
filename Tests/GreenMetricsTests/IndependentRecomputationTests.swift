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
        // Current loan.
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
            case "Green": isGreen = true
            case "Project": investmentFen = attributes["totalInvestment"].map(fen)
            case "Generation": mwh = attributes["annualMWh"].flatMap(Double.init)
            case "EnergySaving":
                mwh = attributes["annualMWhSaved"].flatMap(Double.init)
                tce = attributes["annualTce"].flatMap(Double.init)
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
            case "CO2e": co2e = Double(text)
            case "Electricity" where path.last == "Operations": electricityKWh = Double(text)
            case "Loan":
                totalLoanFen += balanceFen
                if let (tonnes, _, denominator) = emissions {
                    coveredFen += balanceFen
                    financedTonnes += min(1, Double(balanceFen) / Double(denominator)) * tonnes
                }
                guard isGreen else { return }
                greenBalanceFen += balanceFen
                declaredTonnes += co2e ?? 0
                var estimate: Double? = nil
                if mwh != nil || tce != nil { estimate = (mwh ?? 0) * 0.3869 + (tce ?? 0) * 2.66 }
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
        }
        if let kWh = reading.electricityKWh {
            let line = try #require(summary.operations?.lines.first { $0.item == "Electricity" })
            #expect(try Self.close(#require(line.tonnes), kWh / 1000 * 0.3869))
        }
    }

    @Test func changingTheGridFactorChangesTheEstimatesAndIsNamed() throws {
        let url = Self.samples.appendingPathComponent("dapeng-green-leasing.xml")
        let south = try FilingSummarizer.summarize(.file(path: url.path))
        let national = try FilingSummarizer.summarize(
            .file(path: url.path), grid: try Taxonomy.standard.emissionFactor("mee-avg-national-2022"))
        #expect(national.method.gridFactor.id == "mee-avg-national-2022")
        #expect(national.avoided.estimatedProjectTonnes > south.avoided.estimatedProjectTonnes)
        let user = try FilingSummarizer.summarize(.file(path: url.path), grid: .userGridFactor(0.5))
        #expect(user.method.gridFactor.confidence == .unverified)
        // A zero factor must not crash the generation cross-check (it has nothing to compare with).
        let zero = try FilingSummarizer.summarize(.file(path: url.path), grid: .userGridFactor(0))
        // Only the fuel (tce) savings remain, which do not use the grid factor.
        #expect(zero.avoided.estimatedProjectTonnes < south.avoided.estimatedProjectTonnes)
        // Declared benefits do not depend on the factor.
        #expect(national.avoided.declaredTonnes == south.avoided.declaredTonnes)
    }
}
