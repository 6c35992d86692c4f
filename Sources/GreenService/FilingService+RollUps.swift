import Foundation
import GreenDisclosure
import GreenMetrics
import GreenReports
import GreenStore
import GreenTaxonomy
import Hummingbird
import NIOCore

extension FilingService {
    /// `GET /v1/aggregate?period=P[&district=D]`: the document `greenledger aggregate --db DB --format json`
    /// prints.
    func aggregate(_ request: Request, _ context: ServiceContext) async throws -> Response {
        let (period, district) = try rollUpScope(request, context)
        return try json(try await rollUp(period: period, district: district))
    }

    /// `GET /v1/report?period=P&format=html|md|xlsx|json[&district=D][&lang=zh|en|both]`: the report as
    /// `greenledger report` writes it.
    func report(_ request: Request, _ context: ServiceContext) async throws -> Response {
        let (period, district) = try rollUpScope(request, context)
        let formatText = request.uri.queryParameters.get("format") ?? "html"
        guard let format = ReportFormat(rawValue: formatText), format != .csv else {
            throw ServiceError.badRequest(
                "format must be html, md, xlsx or json", hint: "CSV is a directory: use 'greenledger report'")
        }
        let languageText = request.uri.queryParameters.get("lang") ?? "both"
        guard let language = ReportLanguage(rawValue: languageText) else {
            throw ServiceError.badRequest("lang must be zh, en or both")
        }
        let rolled = try await rollUp(period: period, district: district)
        let report = QuarterlyReport(
            rolled, language: language, moneyUnit: .default(for: language),
            manifest: ReportDocument.manifest(
                version: version, rolled: rolled, format: format, district: district))
        let data = try await Self.offPool { try ReportDocument.render(report, format: format) }
        return Response(
            status: .ok, headers: [.contentType: format.mediaType],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `GET /v1/audit[?since=RFC3339]`: the audit log, oldest first, for the city and admin.
    func audit(_ request: Request, _ context: ServiceContext) async throws -> Response {
        let account = try context.account()
        guard account.role == .city || account.role == .admin else {
            throw ServiceError.forbidden("the audit log is for city and admin accounts")
        }
        var since: Date?
        if let text = request.uri.queryParameters.get("since") {
            // RFC 3339 allows a lower-case 't' and 'z'; the parser takes only upper case.
            guard text.utf8.count <= 64, let date = Timestamp.parse(text.uppercased()) else {
                throw ServiceError.badRequest(
                    "since must be an RFC 3339 time", hint: "e.g. ?since=2026-11-30T00:00:00Z")
            }
            since = date
        }
        let from = since
        return try json(AuditLog(events: try await storeCall { try await store.auditEvents(since: from) }))
    }

    /// The period and district a roll-up may cover for the account: a district account gets its own district
    /// (naming another is 403); a lender gets 403.
    private func rollUpScope(_ request: Request, _ context: ServiceContext) throws -> (String?, String?) {
        let account = try context.account()
        let period = try Query.period(request, required: false)
        var district: String? = request.uri.queryParameters.get("district").map { String($0) }
        if let code = district, !NewAccount.districtCodes.contains(code) {
            throw ServiceError.badRequest(
                "district must be a Shenzhen district code: \(NewAccount.districtCodes.joined(separator: ", "))"
            )
        }
        switch account.role {
        case .lender:
            throw ServiceError.forbidden(
                "roll-ups are for district, city and admin accounts", hint: "a lender reads its own receipts")
        case .district:
            if let code = district, code != account.district {
                throw ServiceError.forbidden("this account reads district \(account.district ?? "?") only")
            }
            district = account.district
        case .city, .admin:
            break
        }
        return (period, district)
    }

    private func rollUp(period: String?, district: String?) async throws -> AggregateReport {
        let (store, targets) = (store, targets)
        do {
            return try await store.rollUp(
                period: period, district: district, targets: targets,
                grid: Taxonomy.standard.defaultGridFactor)
        } catch let error as StoreError {
            if try await storeCall({ try await store.revision() }) == 0 {
                throw ServiceError.notFound(
                    "nothing has been filed yet", hint: "lenders file with POST /v1/filings")
            }
            throw unavailableError(error)
        }
    }

}

/// `greenledger-audit/1`.
struct AuditLog: Encodable {
    let schema = "greenledger-audit/1"
    let events: [AuditEvent]
}
