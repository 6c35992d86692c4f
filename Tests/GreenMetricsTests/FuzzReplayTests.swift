import Foundation
import GreenDisclosure
import GreenMetrics
import Testing

/// Replays the fuzzing regressions in `Tests/GreenDisclosureTests/Fixtures/fuzz/` (crashing inputs and a
/// few corpus inputs kept by `scripts/fuzz`) through the reader in both threading modes and through
/// `summary`'s calculators: each must give a report, and an ACCEPT only from a completed pass.
@Suite(.timeLimit(.minutes(2))) struct FuzzReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("GreenDisclosureTests/Fixtures/fuzz")

    static func inputs() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted()
    }

    @Test func theRegressionFolderIsThere() {
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
    }

    @Test("each fuzzing regression replays without a trap", arguments: inputs())
    func replay(name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        for pipelined in [true, false] {
            var options = ReaderOptions()
            options.pipelined = pipelined
            options.computeSHA256 = true
            let report = try DisclosureReader.validate(.bytes(bytes, name: name), options: options)
            if report.verdict() == .accept { #expect(report.completed, "\(name)") }
        }
        let summary = try FilingSummarizer.summarize(.bytes(bytes, name: name))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(!(try encoder.encode(summary)).isEmpty)
    }
}
