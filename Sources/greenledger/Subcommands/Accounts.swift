import ArgumentParser
import Foundation
import GreenReports
import GreenStore

/// `greenledger accounts add|list|revoke --db DB`
struct Accounts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Add, list and revoke the filing service's accounts and their bearer tokens.",
        discussion: """
            Roles: lender (files for one USCC, reads its own receipts), district (reads one district's roll-ups), \
            city (reads everything, the audit log included), admin (as city). Each change is an audit event.
            """,
        subcommands: [AccountsAdd.self, AccountsList.self, AccountsRevoke.self])
}

extension AccountRole: ExpressibleByArgument {}

/// `greenledger accounts add --db DB --role R [--uscc U | --district D] --name N`
struct AccountsAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an account; its bearer token is printed once, on standard output.",
        discussion: """
            The token is glt_ and 32 random bytes (base64url); the store keeps only its SHA-256, so a lost token \
            cannot be shown again: revoke the account and add another.
            Exit codes: 0 added, 2 the store cannot be written, 64 usage (a scope that does not fit the role).
            """)

    @Option(
        help:
            "The history: a SQLite file (default: greenledger.sqlite) or postgres://user:password@host:port/db."
    )
    var db: String = "greenledger.sqlite"

    @Option(help: "lender, district, city or admin.")
    var role: AccountRole

    @Option(help: "The lender's unified social credit code (lender accounts).")
    var uscc: String?

    @Option(help: "The district code, 440303–440311 (district accounts).")
    var district: String?

    @Option(help: "Who the account is for, e.g. 示例银行深圳分行.")
    var name: String

    func validate() throws {
        try HistoryOptions.checkLocation(db)
        do {
            _ = try NewAccount(role: role, uscc: uscc, district: district, name: name)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        do {
            let new = try NewAccount(role: role, uscc: uscc, district: district, name: name)
            let (account, token) = try await HistoryOptions.withStore(db, create: true) {
                try await $0.addAccount(new)
            }
            print(token)
            Output.note(
                "added account \(account.id) (\(account.role.rawValue), \(account.scope), "
                    + "\(account.name)); the token above is shown only this once")
        } catch let error as StoreError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        } catch let error as AccountError {
            Output.error(error.description)
            throw ExitStatus.usage
        }
    }
}

/// `greenledger accounts list --db DB [--format text|json]`
struct AccountsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List accounts: id, role, scope, name, created, revoked (never a token).")

    @Option(
        help:
            "The history: a SQLite file (default: greenledger.sqlite) or postgres://user:password@host:port/db."
    )
    var db: String = "greenledger.sqlite"

    @OptionGroup var output: TextOrJSONOptions

    func validate() throws { try HistoryOptions.checkLocation(db) }

    func run() async throws {
        let accounts: [Account]
        do {
            accounts = try await HistoryOptions.withStore(db, create: false) { try await $0.accounts() }
        } catch let error as StoreError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        }
        switch output.format {
        case .json: try Output.json(AccountList(accounts: accounts))
        case .text:
            let rows =
                [["id", "role", "scope", "name", "created", "revoked"]]
                + accounts.map {
                    [
                        $0.id, $0.role.rawValue, $0.scope, TerminalText.escape($0.name), $0.createdAt,
                        $0.revokedAt ?? "-",
                    ]
                }
            let widths = (0..<6).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                print(
                    zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                        .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            }
        }
    }
}

/// `greenledger-accounts/1`.
struct AccountList: Encodable {
    let schema = "greenledger-accounts/1"
    let accounts: [Account]
}

/// `greenledger accounts revoke --db DB ID`
struct AccountsRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an account: its token stops working at once.")

    @Option(
        help:
            "The history: a SQLite file (default: greenledger.sqlite) or postgres://user:password@host:port/db."
    )
    var db: String = "greenledger.sqlite"

    @Argument(help: "The account id ('greenledger accounts list' shows them).")
    var id: String

    func validate() throws { try HistoryOptions.checkLocation(db) }

    func run() async throws {
        do {
            let account = try await HistoryOptions.withStore(db, create: false) {
                try await $0.revokeAccount(id)
            }
            Output.note(
                "revoked account \(account.id) (\(account.role.rawValue), \(account.scope), \(account.name))")
        } catch let error as StoreError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        } catch let error as AccountError {
            Output.error(error.description)
            throw ExitStatus.couldNotRun
        }
    }
}
