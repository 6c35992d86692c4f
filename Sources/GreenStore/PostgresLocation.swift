import Foundation

/// A PostgreSQL store named by a URL: `postgres://user:password@host:port/database?sslmode=require`.
///
/// The password may be percent-encoded, or left out and given in `PGPASSWORD` (kept out of `ps`); it is never shown (``label`` drops it). `sslmode` follows libpq:
/// `disable`, `prefer` (the default: TLS when the server offers it), `require` (TLS, the certificate not
/// checked), `verify-ca` (checked against `sslrootcert` or the system's roots) and `verify-full` (and the
/// host name). With no host, the local socket `/var/run/postgresql` is used (`?host=/dir` names another).
public struct PostgresLocation: Hashable, Sendable {
    public enum TLSMode: String, Hashable, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public let host: String?
    public let socketDirectory: String?
    public let port: Int
    public let user: String
    public let password: String?
    public let database: String
    public let tls: TLSMode
    public let rootCertificate: String?
    public let connectTimeoutSeconds: Int

    /// Whether `argument` is meant as a PostgreSQL URL (and not a file path).
    public static func isURL(_ argument: String) -> Bool {
        let lowered = argument.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` or `postgresql://` URL; throws ``StoreLocationError`` naming what is wrong
    /// (the password is never repeated).
    public init(_ argument: String) throws(StoreLocationError) {
        // A '/', '?' or '#' left unencoded in the password ends the authority early; the rest (with the
        // password's tail) would become the database or a parameter, and be shown. Refused without echoing.
        if let scheme = argument.range(of: "://") {
            let rest = argument[scheme.upperBound...]
            if let at = rest.firstIndex(of: "@"),
                let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }), end < at
            {
                throw .postgres(
                    "has a '/', '?' or '#' before its '@': percent-encode them in the user and password "
                        + "(%2F, %3F, %23)")
            }
        }
        guard argument.utf8.count <= 4096, let components = URLComponents(string: argument),
            let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else { throw .postgres("is not a URL of the form postgres://user:password@host:port/database") }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty
        else { throw .postgres("names no user (postgres://user:password@host:port/database)") }
        self.user = user
        if let encoded = components.percentEncodedPassword {
            guard let decoded = encoded.removingPercentEncoding else {
                throw .postgres("has a password whose percent-encoding is broken")
            }
            password = decoded
        } else {
            // libpq's variable: the password kept out of the command line (and `ps`).
            password = ProcessInfo.processInfo.environment["PGPASSWORD"]
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .postgres("names no database (postgres://user:password@host:port/database)")
        }
        self.database = database
        if let port = components.port {
            guard (1...65535).contains(port) else { throw .postgres("port \(port) is not a port") }
            self.port = port
        } else {
            port = 5432
        }
        var tls = TLSMode.prefer
        var rootCertificate: String?
        var socketDirectory: String?
        var connectTimeout = 10
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    throw .postgres(
                        "sslmode '\(value)' is not one of "
                            + TLSMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                tls = mode
            case "sslrootcert": rootCertificate = value
            case "host" where value.hasPrefix("/"): socketDirectory = value
            case "connect_timeout":
                guard let seconds = Int(value), (1...600).contains(seconds) else {
                    throw .postgres("connect_timeout '\(value)' is not a number of seconds (1–600)")
                }
                connectTimeout = seconds
            default:
                throw .postgres(
                    "parameter '\(item.name)' is not understood (sslmode, sslrootcert, host, connect_timeout are)"
                )
            }
        }
        var host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        if let bracketed = host, bracketed.hasPrefix("["), bracketed.hasSuffix("]") {
            host = String(bracketed.dropFirst().dropLast())  // an IPv6 literal
        }
        self.host = host
        self.socketDirectory = host == nil ? (socketDirectory ?? "/var/run/postgresql") : nil
        self.tls = tls
        self.rootCertificate = rootCertificate
        connectTimeoutSeconds = connectTimeout
    }

    /// The URL without the password, for messages and report sources.
    public var label: String {
        let user = user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? user
        var text = "postgres://\(user)@\(host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? "")"
        if host != nil { text += ":\(port)" }
        text += "/\(database)"
        var parameters: [String] = []
        if let socketDirectory, socketDirectory != "/var/run/postgresql" {
            parameters.append("host=\(socketDirectory)")
        }
        if tls != .prefer { parameters.append("sslmode=\(tls.rawValue)") }
        return parameters.isEmpty ? text : text + "?" + parameters.joined(separator: "&")
    }
}

extension StoreLocationError {
    /// A `--db` value that starts like a PostgreSQL URL but is not a usable one.
    static func postgres(_ problem: String) -> StoreLocationError {
        StoreLocationError(description: "--db: the PostgreSQL URL \(problem)")
    }
}
