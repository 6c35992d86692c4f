// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "GreenLedger",
    products: [
        .executable(name: "greenledger", targets: ["greenledger"]),
        .library(name: "GreenTaxonomy", targets: ["GreenTaxonomy"]),
        .library(name: "GreenDisclosure", targets: ["GreenDisclosure"]),
        // Used by the fuzzing package in Fuzz/ (a separate package depending on this one).
        .library(name: "GreenMetrics", targets: ["GreenMetrics"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // SHA-256 of each filing, fed from the same stream the reader parses.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The filing service: HTTP server, routing, request contexts; bearer-token authentication.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The city-wide store: PostgreSQL's wire protocol (PostgresClient), run under a ServiceGroup.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The system libxml2 (Debian: libxml2-dev); include path and link flags come from pkg-config.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // Catalogue editions, codes, lookup, search and crosswalks; tables generated from Taxonomy/.
        .target(name: "GreenTaxonomy"),
        // The filing model and the streaming XML reader; the only module that sees libxml2.
        .target(
            name: "GreenDisclosure",
            dependencies: ["GreenTaxonomy", "CLibXML2", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Shares against plan targets, carbon estimates, financed emissions, operations footprint, ESG summary.
        .target(name: "GreenMetrics", dependencies: ["GreenTaxonomy", "GreenDisclosure"]),
        // Filing history, accounts, receipts and the audit log in an embedded SQLite database (GRDB; the
        // system SQLite, libsqlite3-dev); the one filing intake (hash, archive, validate, store).
        .target(
            name: "GreenStore",
            dependencies: [
                "GreenMetrics", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Report model and renderers: text, Markdown, HTML with SVG charts, CSV, XLSX (ZIPFoundation), JSON.
        .target(
            name: "GreenReports",
            dependencies: ["GreenMetrics", "GreenDisclosure", "GreenTaxonomy", "ZIPFoundation"]
        ),
        // The HTTP filing service: routes, accounts' tokens, the web page; the domain stays in the modules below.
        .target(
            name: "GreenService",
            dependencies: [
                "GreenStore", "GreenReports", "GreenMetrics", "GreenDisclosure", "GreenTaxonomy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Reads and checks Taxonomy/ and renders the generated Swift tables (used by generate-taxonomy).
        .target(name: "TaxonomyCompiler"),
        .executableTarget(name: "generate-taxonomy", dependencies: ["TaxonomyCompiler"]),
        .executableTarget(
            name: "greenledger",
            dependencies: [
                "GreenTaxonomy",
                "GreenDisclosure",
                "GreenMetrics",
                "GreenStore",
                "GreenReports",
                "GreenService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GreenTaxonomyTests", dependencies: ["GreenTaxonomy", "TaxonomyCompiler"]),
        .testTarget(
            name: "GreenMetricsTests", dependencies: ["GreenMetrics", "GreenDisclosure", "GreenTaxonomy"]),
        .testTarget(
            name: "GreenStoreTests",
            dependencies: ["GreenStore", "GreenMetrics", "GreenDisclosure", "GreenTaxonomy"]
        ),
        .testTarget(
            name: "GreenServiceTests",
            dependencies: [
                "GreenService", "GreenStore", "GreenDisclosure",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "TaxonomyCompilerTests", dependencies: ["TaxonomyCompiler"]),
        .testTarget(
            name: "GreenDisclosureTests",
            dependencies: ["GreenDisclosure", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Fixtures"]
        ),
        // End-to-end tests run the built binary; the dependency makes `swift test` build it first.
        .testTarget(
            name: "GreenLedgerCLITests", dependencies: ["greenledger", "ZIPFoundation"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
