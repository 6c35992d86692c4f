// swift-tools-version: 6.0
// Coverage-guided fuzzing of GreenLedger's reader (libFuzzer + AddressSanitizer). Built only by
// scripts/fuzz, never by the ordinary build: a package of its own depending on the one above, as
// swift-protobuf's FuzzTesting/ does.
import PackageDescription

let package = Package(
    name: "GreenLedgerFuzz",
    dependencies: [.package(name: "GreenLedger", path: "..")],
    targets: [
        // libFuzzer's entry point, shared by the targets.
        .target(name: "FuzzDriver"),
        // The entry points define `<Target>_main` and hand control to libFuzzer's driver, so the files
        // must be compiled as a library (no top-level code); see ../../shared notes on fuzzing.
        .executableTarget(
            name: "FuzzReader",
            dependencies: ["FuzzDriver", .product(name: "GreenDisclosure", package: "GreenLedger")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "FuzzSummary",
            dependencies: [
                "FuzzDriver",
                .product(name: "GreenDisclosure", package: "GreenLedger"),
                .product(name: "GreenMetrics", package: "GreenLedger"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
