import Foundation
import Testing

/// `greenledger aggregate` with two different filings of one lender, period and revision (a conflict: named,
/// neither counted, exit 1) and with the same bytes twice (a duplicate: counted once, exit 0). At 957e033 the
/// later file name was silently counted and the other listed as superseded.
@Suite struct AggregateConflictTests {
    /// Lender 1 files revision 1 twice with different content; lender 2 files once.
    static func conflictDirectory() throws -> URL {
        let directory = try HugeFilings.directory("conflict")
        try HugeFilings.write(
            HugeFilings.filing(lender: 1, loans: 1, balance: "1000.00", total: "1000.00"), to: directory,
            as: "a-lender1.xml")
        try HugeFilings.write(
            HugeFilings.filing(lender: 1, loans: 1, balance: "5000.00", total: "5000.00", note: "（更正）"),
            to: directory, as: "b-lender1.xml")
        try HugeFilings.write(
            HugeFilings.filing(lender: 2, loans: 1, balance: "200.00", total: "200.00", green: false),
            to: directory, as: "c-lender2.xml")
        return directory
    }

    @Test func twoDifferentFilingsOfOneRevisionAreAConflictNamedAndNotCounted() throws {
        let directory = try Self.conflictDirectory()
        let text = try CLIRunner.run(["aggregate", directory.path])
        #expect(text.status == 1, "\(text.stderr)")
        let section = try #require(text.stdout.range(of: "冲突 Conflicts — not counted"))
        let conflicts = String(text.stdout[section.lowerBound...].prefix(1200))
        #expect(conflicts.contains("a-lender1.xml"))
        #expect(conflicts.contains("b-lender1.xml"))
        #expect(conflicts.contains("neither is counted"))
        #expect(conflicts.contains(HugeFilings.uscc(1)))
        #expect(text.stdout.contains("1 included"))
        #expect(text.stdout.contains("2 in conflict"))
        #expect(text.stderr.contains("a-lender1.xml"))

        let result = try CLIRunner.run(["aggregate", "--format", "json", directory.path])
        #expect(result.status == 1)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let list = try #require(document["conflicts"] as? [[String: Any]])
        #expect(list.count == 1)
        let conflict = try #require(list.first)
        #expect(conflict["lender_uscc"] as? String == HugeFilings.uscc(1))
        #expect(conflict["revision"] as? Int == 1)
        #expect(conflict["period"] as? String == "2026-Q3")
        #expect(conflict["counted"] as? Bool == false)
        #expect(conflict["lender_counted"] as? Bool == false)
        let files = (conflict["filings"] as? [[String: Any]])?.compactMap { $0["file"] as? String } ?? []
        #expect(
            files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["a-lender1.xml", "b-lender1.xml"])
        let hashes = (conflict["filings"] as? [[String: Any]])?.compactMap { $0["sha256"] as? String } ?? []
        #expect(hashes.count == 2 && hashes[0] != hashes[1])
        let treatments = (document["filings"] as? [[String: Any]] ?? []).map {
            (
                URL(fileURLWithPath: $0["file"] as? String ?? "").lastPathComponent,
                $0["treatment"] as? String ?? ""
            )
        }
        #expect(treatments.map(\.0) == ["a-lender1.xml", "b-lender1.xml", "c-lender2.xml"])
        #expect(treatments.map(\.1) == ["conflict", "conflict", "included"])
        // Only lender 2 counts: 200.00 yuan.
        #expect((document["book"] as? [String: Any])?["total"] as? String == "200.00")
        #expect((document["lenders"] as? [Any])?.count == 1)
    }

    @Test func aHigherCleanRevisionStillCountsOverAConflictBelowIt() throws {
        let directory = try Self.conflictDirectory()
        try HugeFilings.write(
            HugeFilings.filing(lender: 1, revision: 2, loans: 1, balance: "700.00", total: "700.00"),
            to: directory, as: "d-lender1-r2.xml")
        let result = try CLIRunner.run(["aggregate", "--format", "json", directory.path])
        #expect(result.status == 1)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let conflict = try #require((document["conflicts"] as? [[String: Any]])?.first)
        #expect(conflict["lender_counted"] as? Bool == true)
        // 700.00 (lender 1, revision 2) + 200.00 (lender 2) = 900.00.
        #expect((document["book"] as? [String: Any])?["total"] as? String == "900.00")
    }

    @Test func theSameBytesTwiceAreADuplicateCountedOnce() throws {
        let directory = try HugeFilings.directory("duplicate")
        let filing = HugeFilings.filing(lender: 1, loans: 1, balance: "1000.00", total: "1000.00")
        try HugeFilings.write(filing, to: directory, as: "copy-1.xml")
        try HugeFilings.write(filing, to: directory, as: "copy-2.xml")
        let result = try CLIRunner.run(["aggregate", "--format", "json", directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((document["conflicts"] as? [Any])?.isEmpty == true)
        let filings = document["filings"] as? [[String: Any]] ?? []
        #expect(filings.map { $0["treatment"] as? String } == ["included", "duplicate"])
        #expect((filings.last?["note"] as? String)?.contains("copy-1.xml") == true)
        #expect((document["book"] as? [String: Any])?["total"] as? String == "1000.00")
    }

    @Test func helpDocumentsTheConflictExitCode() throws {
        let result = try CLIRunner.run(["aggregate", "--help"])
        let help = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("1 report produced but with a conflict"))
    }
}
