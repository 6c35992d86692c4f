import GreenDisclosure
import Hummingbird

/// Query parameters of the API, checked.
enum Query {
    /// `period`: a reporting period such as 2026-Q3 or 2026.
    static func period(_ request: Request, required: Bool) throws -> String? {
        guard let period = request.uri.queryParameters.get("period") else {
            if required { throw ServiceError.badRequest("give ?period=, e.g. ?period=2026-Q3") }
            return nil
        }
        guard period.utf8.count <= 16, ReportingPeriod(period) != nil else {
            throw ServiceError.badRequest(
                "period must look like 2026-Q3 or 2026", hint: "e.g. GET /v1/aggregate?period=2026-Q3")
        }
        return period
    }
}
