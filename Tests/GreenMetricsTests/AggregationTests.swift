import Foundation
import GreenDisclosure
import GreenTaxonomy
import Testing

@testable import GreenMetrics

@Suite struct AggregationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")
    static var quarter: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("2026-Q3").path)
                .filter { $0.hasSuffix(".xml") }.sorted().map {
                    root.appendingPathComponent("2026-Q3/\($0)").path
                }
        }
    }

    static func run(_ extra: [String] = []) throws -> (AggregateReport, [FilingSummary]) {
        let (summaries, unreadable) = FilingBatch.summarize(
            try quarter + extra, grid: Taxonomy.standard.defaultGridFactor, targets: .defaults, concurrency: 2
        )
        return (Aggregator.aggregate(summaries.map(FilingFigures.init), unreadable: unreadable), summaries)
    }

    @Test func aggregatesAreSumsOfThePerFileFiguresToTheFen() throws {
        let rejected = Self.root.appendingPathComponent("invalid/GL-REC-002-green.xml").path
        let (report, summaries) = try Self.run([rejected])
        let included = summaries.filter { summary in
            report.filings.contains { $0.file == summary.input.file && $0.treatment == .included }
        }
        #expect(included.count == 7)
        #expect(report.book.total.fen == included.reduce(0) { $0 + $1.book.total.fen })
        let green = try #require(report.shares.first { $0.share.indicator == .green })
        #expect(
            green.share.numerator.fen == included.reduce(0) { $0 + ($1.book.numerators[.green]?.fen ?? 0) })
        // Σ numerators ÷ Σ denominators.
        #expect(green.share.share == Double(green.share.numerator.fen) / Double(green.share.denominator.fen))
        #expect(report.avoided.greenBalance.fen == included.reduce(0) { $0 + $1.avoided.greenBalance.fen })
        #expect(
            abs(report.financed.financedTonnes - included.reduce(0) { $0 + $1.financed.financedTonnes })
                < 1e-6)
        for district in report.districts {
            let sum = included.reduce(Int128(0)) { $0 + ($1.book.districts[district.code]?.green.fen ?? 0) }
            #expect(district.green.fen == sum)
        }
    }

    @Test func rejectedSupersededAndOtherPeriodFilingsAreListedNotCounted() throws {
        let rejected = Self.root.appendingPathComponent("invalid/GL-REC-002-green.xml").path
        let (report, _) = try Self.run([rejected, "/nonexistent/filing.xml"])
        func treatment(_ suffix: String) -> FilingStatus.Treatment? {
            report.filings.first { $0.file.hasSuffix(suffix) }?.treatment
        }
        #expect(treatment("GL-REC-002-green.xml") == .rejected)
        #expect(report.filings.first { $0.file.hasSuffix("GL-REC-002-green.xml") }?.errors == 1)
        #expect(treatment("pingshan-village-bank-r1.xml") == .superseded)
        #expect(treatment("pingshan-village-bank-r2.xml") == .included)
        #expect(treatment("filing.xml") == .unreadable)
        #expect(
            report.filings.first { $0.file.hasSuffix("r1.xml") }?.note?.contains(
                "pingshan-village-bank-r2.xml (revision 2)") == true)
        // The superseded revision differs from r2 by one restated balance (+1,250,000.00 yuan in r2).
        let (summaries, _) = FilingBatch.summarize(
            [
                Self.root.appendingPathComponent("2026-Q3/pingshan-village-bank-r1.xml").path,
                Self.root.appendingPathComponent("2026-Q3/pingshan-village-bank-r2.xml").path,
            ],
            grid: Taxonomy.standard.defaultGridFactor, targets: .defaults, concurrency: 2)
        #expect(summaries[1].book.total.fen - summaries[0].book.total.fen == 125_000_000)
        let other = Aggregator.aggregate(summaries.map(FilingFigures.init), period: "2026-Q2")
        #expect(other.filings.allSatisfy { $0.treatment == .otherPeriod })
        #expect(other.book.total == .zero)
    }

    @Test func aDistrictUsesItsDistrictRows() throws {
        let (summaries, _) = FilingBatch.summarize(
            try Self.quarter, grid: Taxonomy.standard.defaultGridFactor, targets: .defaults, concurrency: 2)
        let longgang = Aggregator.aggregate(summaries.map(FilingFigures.init), district: "440307")
        let included = summaries.filter { !$0.input.file.hasSuffix("r1.xml") }
        #expect(
            longgang.book.total.fen
                == included.reduce(0) { $0 + ($1.book.districts["440307"]?.total.fen ?? 0) })
        #expect(longgang.shares.map(\.share.indicator) == [.green])
        #expect(longgang.lenders.allSatisfy { $0.total.fen > 0 || $0.green.fen == 0 })
        // League table sorted by green share, best first.
        let shares = longgang.lenders.compactMap(\.greenShare)
        #expect(shares == shares.sorted(by: >))
    }

    @Test func figuresRoundTripThroughJSONExactly() throws {
        let (_, summaries) = try Self.run()
        for summary in summaries {
            let figures = FilingFigures(summary)
            let decoded = try JSONDecoder().decode(
                FilingFigures.self, from: try JSONEncoder().encode(figures))
            #expect(decoded == figures)
            #expect(decoded.book == summary.book)
            #expect(decoded.avoidedTotals == summary.avoided)
            #expect(decoded.financedTotals == summary.financed)
        }
    }

    @Test func partiallyDeclaredIndicatorsAreAssessedOverTheLendersDeclaringThem() throws {
        let (report, _) = try Self.run()
        let inclusive = try #require(report.shares.first { $0.share.indicator == .inclusiveSmallMicro })
        #expect(inclusive.declaredBy < inclusive.lenders)
        let assessed = try #require(report.targets.first { $0.target.id == "inclusive-sme-share" })
        #expect(assessed.actual?.denominator == inclusive.share.denominator)
    }
}
