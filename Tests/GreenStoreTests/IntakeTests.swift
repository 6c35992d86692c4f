import Crypto
import Foundation
import GreenDisclosure
import GreenMetrics
import GreenTaxonomy
import Testing

@testable import GreenStore

/// The one intake: what `ingest` and `POST /v1/filings` both call.
@Suite struct IntakeTests {
    static let samples = FilingStoreTests.samples

    /// A fresh store and archive in a temporary directory.
    static func intake(maximumBytes: Int? = nil, concurrency: Int = 2) throws -> (FilingIntake, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "intake-\(UUID().uuidString)"
        )
        .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try FilingStore(path: directory + "/history.sqlite")
        let archive = try FilingArchive(directory: directory + "/archive")
        return (
            FilingIntake(
                store: store, archive: archive,
                factors: EstimationFactors(grid: Taxonomy.standard.defaultGridFactor),
                maximumBytes: maximumBytes,
                concurrency: concurrency),
            directory
        )
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samples.appendingPathComponent(relative)))
    }

    /// The bytes in chunks of `size`, as an upload arrives.
    static func chunks(_ bytes: [UInt8], size: Int = 1000) -> AsyncStream<[UInt8]> {
        AsyncStream { continuation in
            var offset = 0
            while offset < bytes.count {
                continuation.yield(Array(bytes[offset..<min(offset + size, bytes.count)]))
                offset += size
            }
            continuation.finish()
        }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: Data(bytes)).map { String(format: "%02x", $0) }.joined()
    }

    static func lender(_ bytes: [UInt8]) -> Actor {
        let text = String(decoding: bytes, as: UTF8.self)
        let uscc = text.range(of: #"uscc="[0-9A-Z]{18}""#, options: .regularExpression).map {
            String(text[$0].dropFirst(6).dropLast())
        }
        return Actor(id: "7", role: "lender", uscc: uscc)
    }

    @Test func storesArchivesAndAuditsAnAcceptedFiling() async throws {
        let (intake, _) = try Self.intake()
        let bytes = try Self.bytes("2026-Q3/pengcheng-microcredit.xml")
        let result = try await intake.receive(
            Self.chunks(bytes), name: "upload", actor: Self.lender(bytes),
            at: Date(timeIntervalSince1970: 1_790_000_000))
        guard case .stored(let receipt, let filing, [], nil) = result else {
            Issue.record("expected stored, got \(result)")
            return
        }
        #expect(receipt.status == .stored && receipt.verdict == .accept)
        #expect(receipt.sha256 == Self.sha256(bytes))
        #expect(receipt.bytes == bytes.count)
        #expect(receipt.receivedAt == "2026-09-21T14:13:20Z")
        #expect(receipt.receipt.hasPrefix("GLR-") && receipt.receipt.count == 28)
        // The figures equal the CLI's one-pass summary of the same file.
        let stored = try await intake.store.filings()
        #expect(stored.map(\.id) == [filing])
        let direct = FilingFigures(
            try FilingSummarizer.summarize(
                .file(path: Self.samples.appendingPathComponent("2026-Q3/pengcheng-microcredit.xml").path)))
        #expect(stored[0].figures.totalFen == direct.totalFen)
        #expect(stored[0].figures.numeratorsFen == direct.numeratorsFen)
        #expect(stored[0].figures.sha256 == direct.sha256)
        // The archived bytes are the filed bytes.
        let path = try #require(intake.archive?.path(sha256: receipt.sha256))
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
        #expect(try await intake.store.isArchived(receipt.receipt))
        // The receipt is kept, with its findings, and the event is in the log.
        #expect(try await intake.store.receipt(receipt.receipt) == receipt)
        let events = try await intake.store.auditEvents()
        #expect(events.map(\.action) == [.file])
        #expect(events.first?.receipt == receipt.receipt && events.first?.account == "7")
    }

    @Test func theSameBytesAgainReturnTheOriginalReceipt() async throws {
        let (intake, _) = try Self.intake()
        let bytes = try Self.bytes("2026-Q3/longgang-village-bank.xml")
        let actor = Self.lender(bytes)
        guard
            case .stored(let first, let filing, _, _) = try await intake.receive(
                Self.chunks(bytes), name: "a", actor: actor)
        else {
            Issue.record("expected stored")
            return
        }
        let again = try await intake.receive(Self.chunks(bytes, size: 4096), name: "b", actor: actor)
        guard case .duplicate(let duplicate, filing, false) = again else {
            Issue.record("expected duplicate, got \(again)")
            return
        }
        #expect(duplicate.receipt == first.receipt && duplicate.status == .duplicate)
        #expect(try await intake.store.filings().count == 1)
        #expect(try await intake.store.auditEvents().map(\.action) == [.file, .duplicate])
    }

    @Test func aRejectedFilingGetsAReceiptWithLocatedFindingsAndNoFigures() async throws {
        let (intake, _) = try Self.intake()
        let bytes = try Self.bytes("invalid/GL-REC-001-total.xml")
        let result = try await intake.receive(Self.chunks(bytes), name: "upload", actor: Self.lender(bytes))
        guard case .rejected(let receipt) = result else {
            Issue.record("expected rejected, got \(result)")
            return
        }
        #expect(receipt.verdict == .reject && receipt.errors > 0)
        let findings = try #require(receipt.findings)
        #expect(
            findings.contains {
                $0.rule == "GL-REC-001" && $0.severity == "error" && $0.line > 1 && $0.column > 0
            })
        // The same findings as `greenledger validate` of the file.
        let validated = try DisclosureReader.validate(
            .file(path: Self.samples.appendingPathComponent("invalid/GL-REC-001-total.xml").path))
        #expect(findings.map(\.rule) == validated.diagnostics.map(\.ruleID))
        #expect(findings.map(\.line) == validated.diagnostics.map(\.line))
        #expect(try await intake.store.filings().isEmpty)
        #expect(try await intake.store.receipts().map(\.receipt) == [receipt.receipt])
        #expect(try await intake.store.auditEvents().map(\.action) == [.reject])
    }

    @Test func anotherLendersFilingIsForbiddenAndLeavesOnlyTheEvent() async throws {
        let (intake, directory) = try Self.intake()
        let bytes = try Self.bytes("2026-Q3/pengcheng-microcredit.xml")
        let intruder = Actor(id: "9", role: "lender", uscc: "91440300708461136T")
        let result = try await intake.receive(Self.chunks(bytes), name: "upload", actor: intruder)
        guard case .forbidden(let reason) = result else {
            Issue.record("expected forbidden, got \(result)")
            return
        }
        #expect(reason.contains("91440300708461136T"))
        #expect(try await intake.store.filings().isEmpty)
        #expect(try await intake.store.receipts().isEmpty)
        let events = try await intake.store.auditEvents()
        #expect(events.map(\.action) == [.forbid] && events.first?.sha256 == Self.sha256(bytes))
        #expect(try Self.archivedFiles(directory).isEmpty)
    }

    @Test func aRevisionConflictIsRefusedAndTheHigherRevisionSupersedes() async throws {
        let (intake, directory) = try Self.intake()
        let r1 = try Self.bytes("2026-Q3/pingshan-village-bank-r1.xml")
        let r2 = try Self.bytes("2026-Q3/pingshan-village-bank-r2.xml")
        let actor = Self.lender(r1)
        guard
            case .stored(let first, _, _, _) = try await intake.receive(
                Self.chunks(r1), name: "r1", actor: actor)
        else {
            Issue.record("expected r1 stored")
            return
        }
        // The same lender, period and revision with one more byte (a comment): a conflict.
        let altered = r1 + Array("<!-- changed -->\n".utf8)
        let conflict = try await intake.receive(Self.chunks(altered), name: "r1b", actor: actor)
        guard case .conflict(let reason) = conflict else {
            Issue.record("expected conflict, got \(conflict)")
            return
        }
        #expect(reason.contains("revision 1"))
        #expect(try Self.archivedFiles(directory).count == 1)  // the conflicting bytes are not kept
        guard
            case .stored(let second, _, [1], nil) = try await intake.receive(
                Self.chunks(r2), name: "r2", actor: actor)
        else {
            Issue.record("expected r2 stored, superseding revision 1")
            return
        }
        #expect(second.supersedes == first.receipt)
        #expect(try await intake.store.auditEvents().map(\.action) == [.file, .conflict, .file])
    }

    @Test func aBodyPastTheLimitIsRefusedWhileArrivingAndKeepsNothing() async throws {
        let (intake, directory) = try Self.intake(maximumBytes: 10_000)
        let bytes = try Self.bytes("2026-Q3/pengcheng-microcredit.xml")
        #expect(bytes.count > 10_000)
        await #expect(throws: IntakeError.tooLarge(limit: 10_000)) {
            try await intake.receive(Self.chunks(bytes), name: "upload", actor: Self.lender(bytes))
        }
        await #expect(throws: IntakeError.empty) {
            try await intake.receive(Self.chunks([]), name: "upload", actor: Self.lender(bytes))
        }
        #expect(try await intake.store.receipts().isEmpty)
        #expect(try await intake.store.auditEvents().isEmpty)
        #expect(try Self.archivedFiles(directory).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/archive").isEmpty)
    }

    @Test func anUploadThatBreaksOffIsNeverStored() async throws {
        let (intake, directory) = try Self.intake()
        let bytes = try Self.bytes("2026-Q3/pengcheng-microcredit.xml")
        struct Disconnected: Error {}
        let half = AsyncThrowingStream<[UInt8], any Error> { continuation in
            continuation.yield(Array(bytes[0..<(bytes.count / 2)]))
            continuation.finish(throwing: Disconnected())
        }
        await #expect(throws: IntakeError.self) {
            try await intake.receive(half, name: "upload", actor: Self.lender(bytes))
        }
        #expect(try await intake.store.receipts().isEmpty)
        #expect(try await intake.store.filings().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/archive").isEmpty)
    }

    @Test func concurrentUploadsOfOneFilingStoreItOnce() async throws {
        let (intake, _) = try Self.intake(concurrency: 2)
        let bytes = try Self.bytes("2026-Q3/longgang-village-bank.xml")
        let actor = Self.lender(bytes)
        let results = try await withThrowingTaskGroup(of: IntakeResult.self) { group in
            for index in 0..<6 {
                group.addTask {
                    try await intake.receive(
                        Self.chunks(bytes, size: 500 + index), name: "u\(index)", actor: actor)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let stored = results.filter { if case .stored = $0 { true } else { false } }
        let duplicates = results.filter { if case .duplicate = $0 { true } else { false } }
        #expect(stored.count == 1 && duplicates.count == 5)
        #expect(try await intake.store.filings().count == 1)
        #expect(try await intake.store.receipts().count == 1)
    }

    static func archivedFiles(_ directory: String) throws -> [String] {
        let archive = directory + "/archive"
        return try FileManager.default.subpathsOfDirectory(atPath: archive).filter {
            $0.hasSuffix(".xml") && !$0.hasPrefix(".")
        }
    }
}

extension IntakeTests {
    @Test func aLowerRevisionFiledAfterAHigherOneIsMarkedSupersededBy() async throws {
        let (intake, _) = try Self.intake()
        let r1 = try Self.bytes("2026-Q3/pingshan-village-bank-r1.xml")
        let r2 = try Self.bytes("2026-Q3/pingshan-village-bank-r2.xml")
        let actor = Self.lender(r1)
        guard
            case .stored(let second, _, [], nil) = try await intake.receive(
                Self.chunks(r2), name: "r2", actor: actor)
        else {
            Issue.record("expected r2 stored")
            return
        }
        guard
            case .stored(let first, _, [], 2) = try await intake.receive(
                Self.chunks(r1), name: "r1", actor: actor)
        else {
            Issue.record("expected r1 stored, superseded by revision 2")
            return
        }
        #expect(first.supersededBy == second.receipt && first.supersedes == nil)
        #expect(try await intake.store.receipt(first.receipt)?.supersededBy == second.receipt)
        #expect(try await intake.store.receipt(second.receipt)?.supersededBy == nil)
        let listed = try await intake.store.receipts(period: "2026-Q3")
        #expect(listed.map(\.supersededBy) == [nil, second.receipt])
    }
}

extension IntakeTests {
    /// Without the watchdog the upload would wait for ever: the time limit fails the test instead.
    @Test(.timeLimit(.minutes(1))) func aTricklingUploadIsCutOffAndFreesItsSlot() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stall-\(UUID().uuidString)"
        )
        .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let intake = FilingIntake(
            store: try FilingStore(path: directory + "/history.sqlite"),
            archive: try FilingArchive(directory: directory + "/archive"),
            factors: EstimationFactors(grid: Taxonomy.standard.defaultGridFactor), concurrency: 1,
            stall: StallPolicy(window: .milliseconds(600), minimumBytes: 1000, interval: .milliseconds(100)))
        let bytes = try Self.bytes("2026-Q3/pengcheng-microcredit.xml")
        // 20 bytes, then nothing (the connection stays open): it holds the only slot until cut off.
        let (trickle, continuation) = AsyncStream<[UInt8]>.makeStream()
        continuation.yield(Array(bytes[0..<20]))
        await #expect(throws: IntakeError.stalled(intake.stall)) {
            try await intake.receive(trickle, name: "slow", actor: Self.lender(bytes))
        }
        continuation.finish()
        // The slot is free again: the next filing is stored; nothing of the stalled one is left.
        guard
            case .stored = try await intake.receive(
                Self.chunks(bytes), name: "next", actor: Self.lender(bytes))
        else {
            Issue.record("expected the next upload stored")
            return
        }
        #expect(try Self.archivedFiles(directory).count == 1)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory + "/archive").allSatisfy {
                !$0.hasPrefix(".incoming")
            })
    }

    @Test func anUploadWhoseBytesAreAllThereIsNeverAStall() async throws {
        // Far fewer bytes than the policy's minimum arrive per window, but none of the time is spent waiting
        // on the network (every chunk is there at once): time spent reading and validating is not a stall.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "busy-\(UUID().uuidString)"
        )
        .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let intake = FilingIntake(
            store: try FilingStore(path: directory + "/history.sqlite"), archive: nil,
            factors: EstimationFactors(grid: Taxonomy.standard.defaultGridFactor), concurrency: 1,
            stall: StallPolicy(window: .milliseconds(300), minimumBytes: 1 << 30, interval: .milliseconds(50))
        )
        let bytes = try Self.bytes("2026-Q3/example-rural-commercial-bank.xml")
        guard
            case .stored = try await intake.receive(
                Self.chunks(bytes, size: 64), name: "busy", actor: Self.lender(bytes))
        else {
            Issue.record("expected stored")
            return
        }
    }

    @Test func junkIsNotArchivedButARejectedFilingOfTheLenderIs() async throws {
        let (intake, directory) = try Self.intake()
        var generator = SeededGenerator(seed: 11)
        let junk = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        guard
            case .rejected(let receipt) = try await intake.receive(
                Self.chunks(junk), name: "junk",
                actor: Actor(id: "1", role: "lender", uscc: "91440300708461136T"))
        else {
            Issue.record("expected rejected")
            return
        }
        #expect(try Self.archivedFiles(directory).isEmpty)
        #expect(try await intake.store.isArchived(receipt.receipt) == false)
        let invalid = try Self.bytes("invalid/GL-REC-001-total.xml")
        guard
            case .rejected(let named) = try await intake.receive(
                Self.chunks(invalid), name: "r", actor: Self.lender(invalid))
        else {
            Issue.record("expected rejected")
            return
        }
        #expect(try await intake.store.isArchived(named.receipt))
        #expect(try Self.archivedFiles(directory).count == 1)
    }
}

/// A small deterministic generator (SplitMix64) for seeded test data.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
