import Foundation
import GreenDisclosure
import GreenMetrics
import GreenTaxonomy
import Testing

@testable import GreenStore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `FilingStore.rollUp` on a history of the 2026-Q2 and 2026-Q3 samples, against figures read from the
/// sample files separately here (Foundation's `XMLParser`, integer fen): the period chosen, which filings
/// count, each period's green share in the history and the change on the quarter.
@Suite struct RollUpTests {
    /// What the roll-up needs of one filing, read without GreenDisclosure.
    struct Filed {
        var file = ""
        var uscc = ""
        var period = ""
        var revision = 0
        /// Portfolio/TotalLoans and Portfolio/GreenLoans, in fen (green nil when not declared).
        var totalFen: Int128 = 0
        var greenFen: Int128?
        /// District code → (TotalLoans, GreenLoans) in fen.
        var districts: [String: (total: Int128, green: Int128)] = [:]
    }

    final class Reader: NSObject, XMLParserDelegate {
        var filed = Filed()
        var problems: [String] = []
        private var path: [String] = []
        private var text = ""
        private var district: String?
        private var districtTotal: Int128 = 0

        /// "12345.6" → 1234560 fen; a malformed amount is recorded in `problems`.
        func fen(_ text: String) -> Int128 {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let decimals = parts.count == 2 ? String(parts[1]) : "00"
            guard parts.count <= 2, (1...2).contains(decimals.count), let yuan = Int128(parts[0]),
                let cents = Int128(decimals.padding(toLength: 2, withPad: "0", startingAt: 0))
            else {
                problems.append("amount '\(text)'")
                return 0
            }
            return yuan * 100 + cents
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            path.append(name)
            text = ""
            if name == "Lender" { filed.uscc = attributes["uscc"] ?? "" }
            if name == "District", path.dropLast().last == "Portfolio" { district = attributes["code"] }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(
            _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
        ) {
            path.removeLast()
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch (path.last, name) {
            case ("Header", "Period"): filed.period = value
            case ("Header", "Revision"): filed.revision = Int(value) ?? 0
            case ("Portfolio", "TotalLoans"): filed.totalFen = fen(value)
            case ("Portfolio", "GreenLoans"): filed.greenFen = fen(value)
            case ("District", "TotalLoans"): districtTotal = fen(value)
            case ("District", "GreenLoans"):
                if let district { filed.districts[district] = (districtTotal, fen(value)) }
            case ("Portfolio", "District"): district = nil
            default: break
            }
        }
    }

    static func read(_ url: URL) throws -> Filed {
        let parser = try #require(XMLParser(contentsOf: url))
        let reader = Reader()
        parser.delegate = reader
        #expect(parser.parse(), "\(url.lastPathComponent)")
        #expect(reader.problems.isEmpty, "\(url.lastPathComponent): \(reader.problems)")
        reader.filed.file = url.path
        return reader.filed
    }

    /// Every sample of 2026-Q2 and 2026-Q3, read here, and a new history holding them all (ingested as
    /// `greenledger ingest` would: one accepted filing at a time).
    static func history() async throws -> (FilingStore, [Filed]) {
        let store = try FilingStoreTests.temporaryStore()
        var filed: [Filed] = []
        for folder in ["2026-Q2", "2026-Q3"] {
            let directory = FilingStoreTests.samples.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".xml") }.sorted()
            for name in names {
                let url = directory.appendingPathComponent(name)
                filed.append(try read(url))
                let figures = try FilingStoreTests.figures("\(folder)/\(name)")
                #expect(figures.accepted, "\(folder)/\(name)")
                _ = try await store.ingest(figures, ingestedAt: "2026-10-20T08:00:00Z")
            }
        }
        #expect(filed.count == 15)  // 7 filings for 2026-Q2; 8 for 2026-Q3, one lender twice (r1, r2)
        return (store, filed)
    }

    /// The filings that count for `period`: each lender's highest revision.
    static func current(_ filed: [Filed], period: String) -> [Filed] {
        Dictionary(grouping: filed.filter { $0.period == period }, by: \.uscc).values.compactMap {
            $0.max { $0.revision < $1.revision }
        }
    }

    /// Σ green ÷ Σ total over the lenders declaring green loans (in `district`'s rows when given).
    static func greenShare(_ filed: [Filed], district: String? = nil) -> (green: Int128, total: Int128) {
        var green: Int128 = 0
        var total: Int128 = 0
        for filing in filed {
            if let district {
                guard let row = filing.districts[district] else { continue }
                green += row.green
                total += row.total
            } else if let declared = filing.greenFen {
                green += declared
                total += filing.totalFen
            }
        }
        return (green, total)
    }

    @Test func theLatestPeriodWithEveryStoredPeriodsGreenShare() async throws {
        let (store, filed) = try await Self.history()
        let report = try await store.rollUp(
            period: nil, district: nil, targets: .defaults, grid: Taxonomy.standard.defaultGridFactor)

        // The latest stored period is chosen.
        #expect(report.period == "2026-Q3")
        // Included: each 2026-Q3 lender's highest revision; superseded: the lower revision; the rest are
        // 2026-Q2 filings, set aside as another period.
        let q3 = Self.current(filed, period: "2026-Q3")
        let q2 = Self.current(filed, period: "2026-Q2")
        #expect(q3.count == 7 && q2.count == 7)
        func files(_ treatment: FilingStatus.Treatment) -> [String] {
            report.filings.filter { $0.treatment == treatment }.map(\.file).sorted()
        }
        #expect(files(.included) == q3.map(\.file).sorted())
        let superseded = filed.filter { $0.period == "2026-Q3" && !q3.map(\.file).contains($0.file) }
        #expect(
            superseded.map { URL(fileURLWithPath: $0.file).lastPathComponent } == [
                "pingshan-village-bank-r1.xml"
            ])
        #expect(files(.superseded) == superseded.map(\.file))
        // A roll-up of the history lists the period's filings only: the others are in their own periods' roll-ups.
        #expect(files(.otherPeriod) == [])
        #expect(report.filings.count == filed.filter { $0.period == "2026-Q3" }.count)

        // The book is the included filings' totals, to the fen.
        #expect(report.book.total.fen == q3.reduce(0) { $0 + $1.totalFen })

        // The history: each period's green share from that period's current filings only.
        let expectedQ2 = Self.greenShare(q2)
        let expectedQ3 = Self.greenShare(q3)
        #expect(report.history.map(\.period) == ["2026-Q2", "2026-Q3"])
        let shareQ2 = try #require(report.history.first?.share)
        let shareQ3 = try #require(report.history.last?.share)
        #expect(shareQ2.numerator.fen == expectedQ2.green && shareQ2.denominator.fen == expectedQ2.total)
        #expect(shareQ3.numerator.fen == expectedQ3.green && shareQ3.denominator.fen == expectedQ3.total)
        let q2Share = Double(expectedQ2.green) / Double(expectedQ2.total)
        let q3Share = Double(expectedQ3.green) / Double(expectedQ3.total)
        #expect(try abs(#require(shareQ2.share) - q2Share) < 1e-12)
        #expect(try abs(#require(shareQ3.share) - q3Share) < 1e-12)
        // The current period's share in the report is the same figure as its history point.
        #expect(report.shares.first { $0.share.indicator == .green }?.share == shareQ3)

        // Change on the quarter, in percentage points: (Q3 share − Q2 share) × 100. No 2025-Q3: no year on year.
        #expect(try abs(#require(report.quarterOnQuarter) - (q3Share - q2Share) * 100) < 1e-9)
        #expect(report.yearOnYear == nil)
        #expect(report.source == "\(store.path) (database revision 15)")
    }

    @Test func anEarlierPeriodAndOneDistrict() async throws {
        let (store, filed) = try await Self.history()
        let q2Report = try await store.rollUp(
            period: "2026-Q2", district: nil, targets: .defaults, grid: Taxonomy.standard.defaultGridFactor)
        #expect(q2Report.period == "2026-Q2")
        #expect(
            Set(q2Report.filings.filter { $0.treatment == .included }.map(\.file))
                == Set(filed.filter { $0.period == "2026-Q2" }.map(\.file)))
        #expect(q2Report.history.map(\.period) == ["2026-Q2", "2026-Q3"])  // every stored period
        #expect(q2Report.quarterOnQuarter == nil)  // nothing stored for 2026-Q1

        // Longgang (440307): the District rows of each period's current filings.
        let longgang = try await store.rollUp(
            period: nil, district: "440307", targets: .defaults, grid: Taxonomy.standard.defaultGridFactor)
        var expected: [Double] = []
        for period in ["2026-Q2", "2026-Q3"] {
            let (green, total) = Self.greenShare(Self.current(filed, period: period), district: "440307")
            #expect(total > 0)
            let point = try #require(longgang.history.first { $0.period == period }?.share)
            #expect(point.numerator.fen == green && point.denominator.fen == total, "\(period)")
            expected.append(Double(green) / Double(total))
        }
        #expect(
            longgang.book.total.fen
                == Self.greenShare(Self.current(filed, period: "2026-Q3"), district: "440307").total)
        #expect(try abs(#require(longgang.quarterOnQuarter) - (expected[1] - expected[0]) * 100) < 1e-9)
    }

    @Test func anEmptyHistoryIsAClearError() async throws {
        let store = try FilingStoreTests.temporaryStore()
        await #expect(
            throws: StoreError("\(store.path): the filing history is empty; run 'greenledger ingest' first")
        ) {
            try await store.rollUp(
                period: nil, district: nil, targets: .defaults, grid: Taxonomy.standard.defaultGridFactor)
        }
    }
}
