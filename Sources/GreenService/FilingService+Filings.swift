import Foundation
import GreenDisclosure
import GreenReports
import GreenStore
import Hummingbird
import NIOCore

extension FilingService {
    /// `POST /v1/validate`: the filing's entry of `greenledger-validate/1`; nothing is stored.
    func validate(_ request: Request, _ context: ServiceContext) async throws -> Response {
        _ = try context.account()  // any role may validate; a token is still needed
        try refuseDeclaredTooLarge(request)
        do {
            let report = try await intake.validate(
                UploadChunks(body: request.body), name: Self.uploadName)
            return try json(ValidationDocument(report))
        } catch let error as IntakeError {
            throw Self.answer(error)
        }
    }

    /// `POST /v1/filings`: files for the account's lender; 201 stored, 200 duplicate, 422 rejected, 403 another
    /// lender, 409 a revision stored with other content, 413 too large, 400 empty.
    func file(_ request: Request, _ context: ServiceContext) async throws -> Response {
        let account = try context.account()
        guard account.role == .lender else {
            try await storeCall {
                try await store.audit(
                    AuditEvent(
                        at: Timestamp.text(Date()), account: account.id, role: account.role.rawValue,
                        action: .forbid, receipt: nil, sha256: nil,
                        detail: "a \(account.role.rawValue) account may not file"))
            }
            throw ServiceError.forbidden(
                "only a lender account files; this is a \(account.role.rawValue) account",
                hint: "file with the token of the lender's own account")
        }
        try refuseDeclaredTooLarge(request)
        let result: IntakeResult
        do {
            let prepared = try await intake.prepare(
                UploadChunks(body: request.body), name: Self.uploadName)
            // The account may have been revoked while its upload arrived: then nothing is stored.
            guard try await storeCall({ try await store.isActive(account: account.id) }) else {
                throw ServiceError.unauthorized
            }
            result = try await storeCall { try await intake.commit(prepared, actor: Actor(account)) }
        } catch let error as IntakeError {
            throw Self.answer(error)
        } catch let error as StoreError {
            throw unavailableError(error)
        }
        switch result {
        case .stored(let receipt, _, _, _): return try json(receipt, status: .created)
        case .duplicate(let receipt, _, _): return try json(receipt, status: .ok)
        case .rejected(let receipt): return try json(receipt, status: .unprocessableContent)
        case .forbidden(let reason):
            throw ServiceError.forbidden(reason, hint: "file with the token of that lender's own account")
        case .conflict(let reason):
            throw ServiceError(
                .conflict, reason, hint: "raise Header/@revision and file the corrected filing again")
        }
    }

    /// `GET /v1/filings[?period=P]`: receipts without findings; a lender sees its own.
    func list(_ request: Request, _ context: ServiceContext) async throws -> Response {
        let account = try context.account()
        let period = try Query.period(request, required: false)
        let receipts = try await storeCall {
            account.role == .lender
                ? try await store.receipts(
                    period: period, lenderUSCC: account.uscc ?? "", account: account.id)
                : try await store.receipts(period: period)
        }
        return try json(FilingList(filings: receipts))
    }

    /// `GET /v1/filings/{receipt}`: the receipt, for its lender, the city and admin.
    func receipt(_ request: Request, _ context: ServiceContext) async throws -> Response {
        try json(try await readableReceipt(context))
    }

    /// `GET /v1/filings/{receipt}/document`: the filed bytes, streamed from the archive.
    func document(_ request: Request, _ context: ServiceContext) async throws -> Response {
        let receipt = try await readableReceipt(context)
        guard try await storeCall({ try await store.isArchived(receipt.receipt) }),
            let archive = intake.archive,
            let path = archive.path(sha256: receipt.sha256)
        else {
            throw ServiceError.notFound(
                "the filed bytes of \(receipt.receipt) were not archived",
                hint: "filings ingested without an archive keep only their figures")
        }
        guard archive.contains(resolved: path) else {
            log.note("archive: \(path) resolves outside the archive; not served")
            throw ServiceError.notFound("the filed bytes are missing from the archive")
        }
        let file = try ArchivedFile(path: path)
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/xml",
                .contentDisposition: "attachment; filename=\"\(receipt.receipt).xml\"",
            ],
            body: ResponseBody(contentLength: file.size) { writer in
                try await file.stream(to: &writer)
            })
    }

    /// The receipt named in the path, if the account may read it: its lender (404 for another lender's, so
    /// that existence is not revealed), the city and admin; a district account gets 403.
    private func readableReceipt(_ context: ServiceContext) async throws -> Receipt {
        let account = try context.account()
        let id = context.parameters.get("receipt") ?? ""
        if account.role == .district {
            throw ServiceError.forbidden(
                "a district account reads roll-ups, not receipts", hint: "list filings with GET /v1/filings")
        }
        guard let receipt = try await storeCall({ try await store.receipt(id) }),
            account.role != .lender || receipt.lender.uscc == account.uscc || receipt.account == account.id
        else {
            throw ServiceError.notFound(
                "no receipt \(id) for this account", hint: "GET /v1/filings lists yours")
        }
        return receipt
    }

    /// Refuses at once a body whose declared length passes the limit.
    private func refuseDeclaredTooLarge(_ request: Request) throws {
        if let limit = intake.maximumBytes, let declared = request.headers[.contentLength].flatMap(Int.init),
            declared > limit
        {
            throw Self.answer(IntakeError.tooLarge(limit: limit))
        }
    }

    /// The name findings give an upload: never a client-chosen path or file name.
    static let uploadName = "upload"

    static func answer(_ error: IntakeError) -> ServiceError {
        switch error.kind {
        case .empty: ServiceError.badRequest(error.description, hint: "send the XML file as the request body")
        case .tooLarge:
            ServiceError(
                .contentTooLarge, error.description, hint: "ask the operator for a larger --max-upload-mb")
        case .broken: ServiceError.badRequest(error.description, hint: "send the whole file again")
        case .stalled:
            ServiceError(
                .requestTimeout, error.description, hint: "send the file again over a working connection")
        }
    }
}

/// `greenledger-filings/1`.
struct FilingList: Encodable {
    let schema = "greenledger-filings/1"
    let filings: [Receipt]
}
