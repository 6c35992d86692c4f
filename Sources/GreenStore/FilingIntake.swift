import Crypto
import Foundation
import GRDB
import GreenDisclosure
import GreenMetrics

/// What the intake did with one filing.
public enum IntakeResult: Hashable, Sendable {
    /// Accepted and stored as filing `filing` (HTTP 201); `supersedes` lists the lower stored revisions it
    /// replaces in roll-ups, `supersededBy` a higher stored revision, if any.
    case stored(Receipt, filing: Int64, supersedes: [Int], supersededBy: Int?)
    /// The same bytes were stored before as filing `filing`: the original receipt, with status `duplicate`
    /// (HTTP 200). `refreshed` when the stored figures came from an earlier build and were recomputed.
    case duplicate(Receipt, filing: Int64, refreshed: Bool)
    /// Rejected by validation (HTTP 422): the receipt carries the findings; no figures were stored.
    case rejected(Receipt)
    /// The filing names another lender than the filing account's (HTTP 403); nothing was stored.
    case forbidden(String)
    /// The same lender, period and revision is stored with other content (HTTP 409); nothing was stored.
    case conflict(String)
}

/// A filing read, hashed, archived to a temporary file and validated, not yet stored
/// (``FilingIntake/prepare(_:name:)``). Commit it or let it go: an uncommitted one leaves nothing behind.
public final class PreparedFiling: Sendable {
    public let name: String
    public let report: ValidationReport
    public let figures: FilingFigures
    public let sha256: String
    public let bytes: Int
    let writer: ArchiveWriter?

    init(
        name: String, report: ValidationReport, figures: FilingFigures, sha256: String, bytes: Int,
        writer: ArchiveWriter?
    ) {
        self.name = name
        self.report = report
        self.figures = figures
        self.sha256 = sha256
        self.bytes = bytes
        self.writer = writer
    }
}

/// An upload the intake refuses before validating it; `description` is the sentence shown.
public struct IntakeError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    /// Why: the HTTP status follows from it.
    public let kind: Kind

    public enum Kind: Hashable, Sendable {
        case empty, tooLarge, broken, stalled
    }

    public static let empty = IntakeError(
        description: "the body is empty: send the filing's XML as the request body", kind: .empty)

    public static func tooLarge(limit: Int) -> IntakeError {
        IntakeError(
            description: "the filing is larger than the limit of \(limit / (1 << 20)) MiB (--max-upload-mb)",
            kind: .tooLarge)
    }

    /// The client sent too little for too long while holding a validation slot (``StallPolicy``).
    public static func stalled(_ policy: StallPolicy) -> IntakeError {
        IntakeError(
            description:
                "the upload stalled: fewer than \(policy.minimumBytes / 1024) KiB arrived in \(policy.window) of waiting",
            kind: .stalled)
    }

    public static func broken(_ reason: String) -> IntakeError {
        IntakeError(description: "the upload broke off: \(reason)", kind: .broken)
    }
}

/// The one way a filing enters the history, used by `greenledger ingest` and `POST /v1/filings`: its bytes
/// are hashed, archived and validated while they arrive (one pass, never held whole), summarised, and the
/// figures, the receipt and the audit event stored in one transaction.
public final class FilingIntake: Sendable {
    public let store: FilingStore
    /// Where the filed bytes are kept; nil keeps none (receipts then say so).
    public let archive: FilingArchive?
    public let factors: EstimationFactors
    /// The largest body accepted, in bytes; nil for no limit.
    public let maximumBytes: Int?
    /// How slow an upload may be while it holds a validation slot.
    public let stall: StallPolicy
    let slots: ValidationSlots

    /// The largest rejected filing whose bytes are archived (64 MiB).
    public static let rejectedArchiveBytes = 64 << 20

    /// Findings kept per rule in a receipt (every finding is counted).
    public static let findingsPerRule = 200

    /// An intake validating at most `concurrency` filings at once (default: one per core).
    public init(
        store: FilingStore, archive: FilingArchive?, factors: EstimationFactors, maximumBytes: Int? = nil,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, stall: StallPolicy = .standard
    ) {
        self.stall = stall
        self.store = store
        self.archive = archive
        self.factors = factors
        self.maximumBytes = maximumBytes
        slots = ValidationSlots(limit: concurrency)
    }

    /// Files one filing arriving as `body` (chunks of bytes) on behalf of `actor`.
    ///
    /// Throws ``IntakeError`` for an empty, too large or broken-off body (nothing is kept), and
    /// ``StoreError`` when the history or the archive cannot be written.
    public func receive<Body: AsyncSequence>(
        _ body: Body, name: String, actor: Actor, at now: Date = Date()
    ) async throws -> IntakeResult where Body.Element == [UInt8], Body: Sendable {
        try await commit(try await prepare(body, name: name), actor: actor, at: now)
    }

    /// Validates one filing arriving as `body`; nothing is stored or archived.
    public func validate<Body: AsyncSequence>(_ body: Body, name: String) async throws -> ValidationReport
    where Body.Element == [UInt8], Body: Sendable {
        try await slots.withSlot { try await pass(body, name: name, writer: nil).report }
    }

    /// Reads, hashes, archives (to a temporary file) and validates one filing arriving as `body`, in a
    /// validation slot; nothing is stored until ``commit(_:actor:at:)``. `ingest` prepares files in parallel
    /// and commits them in the order given, so that its filing ids and messages do not depend on timing.
    public func prepare<Body: AsyncSequence>(_ body: Body, name: String) async throws -> PreparedFiling
    where Body.Element == [UInt8], Body: Sendable {
        let (writer, passed) = try await slots.withSlot {
            // The temporary is made in the slot: uploads waiting for one hold no file.
            let writer = try archive?.begin()
            return (writer, try await pass(body, name: name, writer: writer))
        }
        try writer?.finishWriting()
        return PreparedFiling(
            name: name, report: passed.report, figures: passed.figures, sha256: passed.sha256,
            bytes: passed.bytes,
            writer: writer)
    }

    /// Stores a prepared filing on behalf of `actor`: the figures (when accepted), the receipt and the audit
    /// event in one transaction, the archived bytes moved into place; a filing for another lender than the
    /// actor's is refused (audited, nothing kept).
    public func commit(_ prepared: PreparedFiling, actor: Actor, at now: Date = Date()) async throws
        -> IntakeResult
    {
        let (name, report, figures, sha256) = (
            prepared.name, prepared.report, prepared.figures, prepared.sha256
        )
        var writer = prepared.writer
        let receivedAt = Timestamp.text(now)
        if let uscc = actor.uscc, !figures.lenderUSCC.isEmpty, figures.lenderUSCC != uscc {
            writer?.discard()
            let reason =
                "the filing is for lender \(figures.lenderUSCC), but this account files for \(uscc) only"
            try await store.audit(
                AuditEvent(
                    at: receivedAt, account: actor.id, role: actor.role, action: .forbid, receipt: nil,
                    sha256: sha256, detail: "\(name): \(reason)"))
            return .forbidden(reason)
        }
        // The bytes of a rejected filing are kept only when it names a lender and is at most
        // `rejectedArchiveBytes`: a lender cannot fill the disk with junk it never meant to file.
        if !figures.accepted && (figures.lenderUSCC.isEmpty || prepared.bytes > Self.rejectedArchiveBytes) {
            writer?.discard()
            writer = nil
        }
        let created = try writer?.commit(sha256: sha256) ?? false
        let receipt = Receipt(
            receipt: Receipt.newID(), status: figures.accepted ? .stored : .rejected,
            verdict: figures.accepted ? .accept : .reject,
            lender: .init(uscc: figures.lenderUSCC, name: figures.lenderName), period: figures.period,
            revision: figures.revision, sha256: sha256, bytes: prepared.bytes, loans: report.loanCount,
            errors: report.errorCount, warnings: report.warningCount, receivedAt: receivedAt,
            account: actor.id,
            supersedes: nil, findings: report.diagnostics.map(Receipt.Finding.init))
        let result: IntakeResult
        do {
            result = try await store.record(
                receipt, figures: figures, actor: actor, archived: writer != nil, name: name)
        } catch {
            // No receipt refers to the bytes just archived.
            if created, let path = archive?.path(sha256: sha256) { unlink(path) }
            throw error
        }
        if case .conflict = result, created, let path = archive?.path(sha256: sha256) {
            unlink(path)  // bytes no receipt refers to
        }
        return result
    }

    /// Reads `body` to its end, feeding the reader's pass on a thread of its own and, meanwhile, hashing
    /// each chunk and archiving it through `writer` (so the SHA-256 is not on the parser's thread, the
    /// critical path); returns the pass's report and figures with the hash, and the byte count.
    private func pass<Body: AsyncSequence>(
        _ body: Body, name: String, writer: ArchiveWriter?
    ) async throws -> (report: ValidationReport, figures: FilingFigures, bytes: Int, sha256: String)
    where Body.Element == [UInt8], Body: Sendable {
        let stream = FilingByteStream()
        let factors = factors
        let work = BlockingWork {
            try FilingSummarizer.summarizeWithFindings(
                .stream(stream, name: name), factors: factors, storedFindingsPerRule: Self.findingsPerRule,
                computeSHA256: false)
        }
        let progress = UploadProgress()
        let (maximumBytes, stall) = (maximumBytes, stall)
        let bytes: Int
        let sha256: String
        do {
            (bytes, sha256) = try await withThrowingTaskGroup(of: (Int, String)?.self) { group in
                group.addTask {
                    var bytes = 0
                    var hasher = SHA256()
                    var chunks = body.makeAsyncIterator()
                    while true {
                        progress.willWait()
                        let chunk = try await chunks.next()
                        progress.received(chunk?.count ?? 0)
                        // A cancelled body may end early: that is never the end of the filing.
                        try Task.checkCancellation()
                        guard let chunk else { break }
                        bytes += chunk.count
                        if let maximumBytes, bytes > maximumBytes {
                            throw IntakeError.tooLarge(limit: maximumBytes)
                        }
                        await stream.send(chunk)
                        hasher.update(data: chunk)
                        try writer?.write(chunk)
                    }
                    return (bytes, Hex.string(hasher.finalize()))
                }
                group.addTask {
                    try await progress.watch(stall)
                    return nil
                }
                defer { group.cancelAll() }
                while let finished = try await group.next() {
                    if let finished { return finished }
                }
                throw IntakeError.broken("the upload ended without its body")
            }
        } catch {
            stream.fail("the upload broke off")
            writer?.discard()
            _ = try? await work.value
            if let error = error as? IntakeError { throw error }
            if let error = error as? StoreError { throw error }
            if let error = error as? FilingReadError { throw error }
            throw IntakeError.broken("\(error)")
        }
        stream.finish()
        let (summary, passed) = try await work.value
        guard bytes > 0 else {
            writer?.discard()
            throw IntakeError.empty
        }
        var report = passed
        report.sha256 = sha256
        var figures = FilingFigures(summary)
        figures.sha256 = sha256
        return (report, figures, bytes, sha256)
    }
}

extension FilingStore {
    /// Stores a received filing's receipt, and its figures when accepted, with the audit event, in one
    /// transaction; a duplicate returns the original receipt, a revision conflict stores nothing but the event.
    func record(
        _ receipt: Receipt, figures: FilingFigures, actor: Actor, archived: Bool, name: String
    ) async throws -> IntakeResult {
        let json = String(decoding: try JSONEncoder.sorted.encode(figures), as: UTF8.self)
        @Sendable func event(_ action: AuditEvent.Action, _ receiptID: String?, _ detail: String)
            -> AuditEvent
        {
            AuditEvent(
                at: receipt.receivedAt, account: actor.id, role: actor.role, action: action,
                receipt: receiptID,
                sha256: receipt.sha256, detail: detail)
        }
        let label =
            "\(name) (\(figures.lenderUSCC), \(figures.period ?? "no period") revision \(figures.revision))"
        /// The original receipt of stored filing `id`, with status `duplicate`; written now for a filing stored
        /// by an `ingest` of a build without receipts.
        @Sendable func duplicate(of id: Int64, refreshed: Bool, _ db: any StoreConnection) async throws
            -> IntakeResult
        {
            var original: Receipt
            if let found = try await self.receipt(ofFiling: id, db) {
                original = found
                if archived {
                    try await db.execute("UPDATE receipt SET archived = \(true) WHERE id = \(found.receipt)")
                }
            } else {
                original = receipt
                original.status = .stored
                try await insertReceipt(original, filingID: id, archived: archived, db)
            }
            original.status = .duplicate
            try await appendAudit(
                event(.duplicate, original.receipt, "\(label): the same bytes as filing \(id)"), db)
            return .duplicate(original, filing: id, refreshed: refreshed)
        }
        return try await writeRetryingOnce(name) { db -> IntakeResult in
            guard figures.accepted, let period = figures.period, !figures.lenderUSCC.isEmpty else {
                try await self.insertReceipt(receipt, filingID: nil, archived: archived, db)
                try await self.appendAudit(
                    event(
                        .reject, receipt.receipt,
                        "\(label): \(receipt.errors) errors, \(receipt.warnings) warnings"),
                    db)
                return .rejected(receipt)
            }
            switch try await self.insert(
                figures, sha256: receipt.sha256, period: period, json: json, ingestedAt: receipt.receivedAt,
                db)
            {
            case .conflict(let reason):
                try await self.appendAudit(event(.conflict, nil, reason), db)
                return .conflict(reason)
            case .outcome(.stored(let id, let supersedes, let supersededBy)):
                var superseded: String?
                if let lower = supersedes.max() {
                    superseded = try await self.receiptID(
                        lender: figures.lenderUSCC, period: period, revision: lower, db)
                }
                var stored = receipt
                stored.supersedes = superseded
                if let higher = supersededBy {
                    stored.supersededBy = try await self.receiptID(
                        lender: figures.lenderUSCC, period: period, revision: higher, db)
                }
                try await self.insertReceipt(stored, filingID: id, archived: archived, db)
                try await self.appendAudit(
                    event(
                        .file, stored.receipt,
                        "\(label) stored as filing \(id)" + (superseded.map { "; supersedes \($0)" } ?? "")),
                    db)
                return .stored(stored, filing: id, supersedes: supersedes, supersededBy: supersededBy)
            case .outcome(.alreadyStored(let id, _, _)):
                return try await duplicate(of: id, refreshed: false, db)
            case .outcome(.refreshed(let id, _)):
                return try await duplicate(of: id, refreshed: true, db)
            case .outcome(.rejected):
                try await self.insertReceipt(receipt, filingID: nil, archived: archived, db)
                try await self.appendAudit(event(.reject, receipt.receipt, "\(label): rejected"), db)
                return .rejected(receipt)
            }
        }
    }
}
