import GreenStore
import Hummingbird
import HummingbirdAuth

/// The request context of the filing service: Hummingbird's core storage and the authenticated account.
public struct ServiceContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The account whose bearer token came with the request, if it is valid and unrevoked.
    public var identity: Account?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
    }

    /// The account, or 401 when the request carried no valid token.
    func account() throws -> Account {
        guard let identity else { throw ServiceError.unauthorized }
        return identity
    }
}
