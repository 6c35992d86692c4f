import Foundation
import GreenStore
import Hummingbird
import HummingbirdAuth

/// Finds the account of a request's `Authorization: Bearer glt_…` token. The token is hashed and looked up
/// by its SHA-256 (``FilingStore/account(forToken:)``); it is never logged or kept.
struct TokenAuthenticator: AuthenticatorMiddleware {
    typealias Context = ServiceContext
    let store: FilingStore
    let log: RequestLog

    /// The token of `Authorization: Bearer …` (the scheme in any case, RFC 9110), or nil.
    static func bearerToken(_ header: String?) -> String? {
        guard let header, header.utf8.count > 7, header.prefix(7).lowercased() == "bearer " else {
            return nil
        }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    func authenticate(request: Request, context: ServiceContext) async throws -> Account? {
        guard let token = Self.bearerToken(request.headers[.authorization]) else { return nil }
        let store = store
        do {
            return try await store.account(forToken: token)
        } catch let error as StoreError {
            // The whole error (with the server's paths) goes to the log, not to the client.
            log.note("store error: \(error.description)")
            throw ServiceError.unavailable("the accounts cannot be read just now")
        }
    }
}
