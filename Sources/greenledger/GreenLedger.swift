import ArgumentParser

/// The `greenledger` command: a thin layer over the GreenLedger library modules.
@main
struct GreenLedger: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "greenledger",
        abstract: "Green finance and carbon accounting under Shenzhen's green-finance rules.",
        discussion: """
            Data goes to standard output, diagnostics and progress to standard error.

            Exit codes:
              0   success (for validation: every filing accepted)
              1   a filing was rejected (errors found)
              2   could not run (unreadable input, bad configuration)
              64  usage error (unknown option, edition or code; malformed argument)
            """,
        version: version,
        subcommands: [
            Validate.self, Summary.self, Aggregate.self, Ingest.self, Report.self, Serve.self, Accounts.self,
            TaxonomyCommand.self,
        ]
    )
}
