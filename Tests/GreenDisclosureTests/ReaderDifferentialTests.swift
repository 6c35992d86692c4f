import Foundation
import GreenDisclosure
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The rules read what any conforming XML reader reads: for every sample and thousands of seeded mutations
/// of them (CDATA, comments, character references, whitespace, `&amp;` in attributes, corrupted bytes), the
/// amounts, ids and codes GreenLedger's reader handed to its rules equal those Foundation's `XMLParser`, a
/// second and independent reader, extracts from the same bytes.
@Suite(.timeLimit(.minutes(10))) struct ReaderDifferentialTests {
    /// What both readers extract, as comparable text (amounts as fen).
    struct Extract: Equatable, CustomStringConvertible {
        var header: [String] = []
        var portfolio: [String] = []
        var loans: [String] = []
        var description: String { (header + portfolio + loans).joined(separator: "\n") }
    }

    static func fen(_ text: String?) -> String {
        guard let text else { return "-" }
        switch Money.parse(Array(text.utf8)) {
        case .success(let money): return String(money.fen)
        case .failure: return "-"
        }
    }

    static func fen(_ money: Money?) -> String { money.map { String($0.fen) } ?? "-" }

    /// GreenLedger's reader: the header, the declared figures and every loan the rules were handed.
    static func ours(_ bytes: [UInt8]) throws -> (ValidationReport, Extract) {
        var extract = Extract()
        let report = try DisclosureReader.validate(.bytes(bytes, name: "mutant.xml")) { loan in
            extract.loans.append(
                [
                    loan.id, fen(loan.balance), loan.borrowerUSCC, loan.district, loan.industry,
                    loan.green?.standard ?? "-", loan.green?.code ?? "-",
                ].joined(separator: "|"))
        }
        if let header = report.header {
            extract.header = [
                header.lenderUSCC, header.period?.description ?? "-", String(header.revision),
                header.lenderNameZh ?? "-",
            ]
        }
        if let portfolio = report.portfolio {
            extract.portfolio =
                [
                    fen(portfolio.totalLoans?.amount), fen(portfolio.greenLoans?.amount),
                    fen(portfolio.techEnterpriseLoans?.amount),
                    fen(portfolio.inclusiveSmallMicroLoans?.amount),
                    fen(portfolio.manufacturingMidLongTermLoans?.amount),
                    fen(portfolio.nonPerformingLoans?.amount),
                ]
                + portfolio.districts.map { "D|\($0.code)|\(fen($0.totalLoans))|\(fen($0.greenLoans))" }
                + portfolio.categories.map { "C|\($0.standard)|\($0.code)|\(fen($0.greenLoans))" }
        }
        return (report, extract)
    }

    /// Foundation's XMLParser (libxml2's SAX1 interface in recovery mode, with its own text assembly).
    final class Collector: NSObject, XMLParserDelegate {
        var path: [String] = []
        var attributes: [[String: String]] = []
        var text = ""
        var extract = Extract()
        var header: [String: String] = [:]
        var portfolio: [String: String] = [:]
        var rows: [String] = []
        var loan: [String: String] = [:]

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            path.append(name)
            self.attributes.append(attributes)
            text = ""
            switch name {
            case "Lender": header["uscc"] = attributes["uscc"]
            case "Loan": loan = ["id": attributes["id"] ?? ""]
            case "Borrower":
                loan["uscc"] = attributes["uscc"] ?? ""
                loan["district"] = attributes["district"] ?? ""
                loan["industry"] = attributes["industry"] ?? ""
            case "Green":
                loan["standard"] = attributes["standard"] ?? ""
                loan["code"] = attributes["code"] ?? ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            text += String(decoding: block, as: UTF8.self)
        }

        func parser(
            _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
        ) {
            let parent = path.count >= 2 ? path[path.count - 2] : ""
            let attributes = self.attributes.last ?? [:]
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch (parent, name) {
            case ("Lender", "Name") where attributes["lang"] == "zh": header["zh"] = text
            case ("Header", "Period"): header["period"] = trimmed
            case ("Header", "Revision"): header["revision"] = trimmed
            case ("District", "TotalLoans"): rows.append("D|total|\(text)")
            case ("District", "GreenLoans"): rows.append("D|green|\(text)")
            case ("Category", "GreenLoans"): rows.append("C|\(text)")
            case ("Loan", "Balance"): loan["balance"] = text
            case ("Loans", "Loan"):
                extract.loans.append(
                    [
                        loan["id"] ?? "", ReaderDifferentialTests.fen(loan["balance"]), loan["uscc"] ?? "",
                        loan["district"] ?? "", loan["industry"] ?? "", loan["standard"] ?? "-",
                        loan["code"] ?? "-",
                    ].joined(separator: "|"))
            case ("Portfolio", "District"):
                rows.append("D|code|\(attributes["code"] ?? "")")
            case ("Portfolio", "Category"):
                rows.append("C|key|\(attributes["standard"] ?? "")|\(attributes["code"] ?? "")")
            case ("Portfolio", _): portfolio[name] = text
            default: break
            }
            if parent == "Portfolio", name == "District" || name == "Category" { rows.append("end") }
            path.removeLast()
            self.attributes.removeLast()
            text = ""
        }
    }

    static func theirs(_ bytes: [UInt8]) -> Extract? {
        let parser = XMLParser(data: Data(bytes))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { return nil }
        var extract = collector.extract
        let header = collector.header
        let revision = header["revision"].map { Int32($0).map { String($0) } ?? "0" } ?? "1"
        let period = header["period"].flatMap { ReportingPeriod($0)?.description } ?? "-"
        extract.header = [header["uscc"] ?? "", period, revision, header["zh"] ?? "-"]
        let figures = [
            "TotalLoans", "GreenLoans", "TechEnterpriseLoans", "InclusiveSmallMicroLoans",
            "ManufacturingMidLongTermLoans", "NonPerformingLoans",
        ]
        extract.portfolio = figures.map { fen(collector.portfolio[$0]) } + portfolioRows(collector.rows)
        return extract
    }

    /// District and Category rows from the collector's flat event list, in the reader's row format.
    static func portfolioRows(_ events: [String]) -> [String] {
        var rows: [String] = []
        var current: [String] = []
        for event in events {
            if event != "end" {
                current.append(event)
                continue
            }
            let fields = current.map {
                $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            }
            if let key = fields.first(where: { $0.count > 1 && $0[1] == "key" }) {
                let green = fields.first { $0.count == 2 && $0[0] == "C" }.map { fen($0[1]) } ?? "-"
                rows.append("C|\(key[2])|\(key[3])|\(green)")
            } else if let code = fields.first(where: { $0.count > 1 && $0[1] == "code" }) {
                let total = fields.first { $0.count > 2 && $0[1] == "total" }.map { fen($0[2]) } ?? "-"
                let green = fields.first { $0.count > 2 && $0[1] == "green" }.map { fen($0[2]) } ?? "-"
                rows.append("D|\(code[2])|\(total)|\(green)")
            }
            current = []
        }
        return rows
    }

    static var sampleFiles: [URL] {
        ["2026-Q2", "2026-Q3", "invalid"].flatMap { folder in
            SampleFilingTests.files(folder).map {
                SampleFilingTests.samples.appendingPathComponent(folder).appendingPathComponent($0)
            }
        }
    }

    /// Both readers read the sample whole: then they must agree on every value.
    @Test func samplesAgree() throws {
        var compared = 0
        for url in Self.sampleFiles {
            let bytes = Array(try Data(contentsOf: url))
            let (report, extract) = try Self.ours(bytes)
            guard report.completed, let other = Self.theirs(bytes) else { continue }
            #expect(extract == other, "\(url.lastPathComponent)")
            compared += 1
        }
        #expect(compared >= 40)
    }

    /// Representation changes a conforming reader must see through, applied at seeded places.
    static func mutate(_ text: String, using generator: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        // Positions inside element text (between '>' and '<' with a digit or letter there).
        func textPositions() -> [Int] {
            var result: [Int] = []
            var inside = false
            for (index, scalar) in scalars.enumerated() {
                if scalar == ">" {
                    inside = true
                } else if scalar == "<" {
                    inside = false
                } else if inside, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    result.append(index)
                }
            }
            return result
        }
        func attributePositions() -> [Int] {
            var result: [Int] = []
            var quoted = false
            for (index, scalar) in scalars.enumerated() {
                if scalar == "\"" {
                    quoted.toggle()
                } else if quoted,
                    ("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "."
                {
                    result.append(index)
                }
            }
            return result
        }
        for _ in 0..<(1 + Int(generator.next() % 3)) {
            let kind = generator.next() % 8
            let positions = kind < 5 ? textPositions() : attributePositions()
            guard !positions.isEmpty else { continue }
            let at = positions[Int(generator.next() % UInt64(positions.count))]
            let scalar = scalars[at]
            let replacement: String
            switch kind {
            case 0: replacement = "<![CDATA[\(scalar)]]>"
            case 1: replacement = "\(scalar)<!-- x -->"
            case 2: replacement = "&#\(scalar.value);"
            case 3: replacement = "&#x\(String(scalar.value, radix: 16));"
            case 4: replacement = generator.next() % 2 == 0 ? "\(scalar)<![CDATA[0]]>" : "<?pi x?>\(scalar)"
            case 5: replacement = "&#\(scalar.value);"
            case 6: replacement = "&#x\(String(scalar.value, radix: 16, uppercase: true));"
            default: replacement = "\(scalar)&amp;"
            }
            scalars.replaceSubrange(at...at, with: Array(replacement.unicodeScalars))
        }
        var result = String(String.UnicodeScalarView(scalars))
        // Now and then a corrupted byte as well, as the mutation smoke test does.
        if generator.next() % 5 == 0 {
            var bytes = Array(result.utf8)
            let position = Int(generator.next() % UInt64(bytes.count))
            bytes[position] = Array("<>&;\"'/=!?[]-.0 \n".utf8)[Int(generator.next() % 17)]
            result = String(decoding: bytes, as: UTF8.self)
        }
        return result
    }

    @Test func seededMutationsAgree() throws {
        var generator = SplitMix64(seed: 20_261_130)
        let sources = try Self.sampleFiles.filter {
            $0.path.contains("/invalid/") || $0.lastPathComponent.hasPrefix("pengcheng")
        }
        .map { try String(contentsOf: $0, encoding: .utf8) }
        var compared = 0
        var accepted = 0
        for round in 0..<3000 {
            let source = sources[round % sources.count]
            let bytes = Array(Self.mutate(source, using: &generator).utf8)
            let (report, extract) = try Self.ours(bytes)
            let other = Self.theirs(bytes)
            if report.verdict() == .accept {
                accepted += 1
                #expect(other != nil, "round \(round): ACCEPTed what XMLParser cannot read")
            }
            guard report.completed, let other else { continue }
            compared += 1
            #expect(extract == other, "round \(round)")
        }
        #expect(compared > 2000)
        #expect(accepted > 100)
    }
}
