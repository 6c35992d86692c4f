import GreenStore
import Hummingbird
import HummingbirdAuth

/// Finds the account of a request's `Authorization: Bearer glt_…` token. The token is hashed and looked up
/// by its SHA-256 (``FilingStore/account(forToken:)``); it is never logged or kept.
struct TokenAuthenticator: AuthenticatorMiddleware {
    typealias Context = ServiceContext
    let store: FilingStore
    let log: RequestLog

    func authenticate(request: Request, context: ServiceContext) async throws -> Account? {
        guard let bearer = request.headers.bearer else { return nil }
        do {
            return try store.account(forToken: bearer.token)
        } catch let error as StoreError {
            // The whole error (with the server's paths) goes to the log, not to the client.
            log.note("store error: \(error.description)")
            throw ServiceError.unavailable("the accounts cannot be read just now")
        }
    }
}
