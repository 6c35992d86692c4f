import Foundation
import GreenDisclosure
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Properties over every sample: a truncated or byte-mutated filing never traps, and is never ACCEPTed
/// unless the mutated bytes still form a complete, valid filing — judged independently by Foundation's
/// `XMLParser` (well-formed, read to the end) and by libxml2's own XSD engine in `xmllint --schema`.
@Suite(.timeLimit(.minutes(10))) struct TruncationAndMutationPropertyTests {
    static func options() -> ReaderOptions {
        var options = ReaderOptions(storedFindingsPerRule: 5)
        options.pipelined = false
        return options
    }

    static func samples() throws -> [(String, [UInt8])] {
        try ReaderDifferentialTests.sampleFiles.map {
            ($0.lastPathComponent, Array(try Data(contentsOf: $0)))
        }
    }

    /// Where a truncation can no longer be complete: anywhere before the root's closing `>`.
    static func lastMarkup(_ bytes: [UInt8]) -> Int { bytes.lastIndex(of: UInt8(ascii: ">")) ?? 0 }

    /// Truncations of every sample: at every tag boundary (`<` and `>`, and the byte after each) in its last
    /// kilobyte, where a cut falls after the last loan, inside `</Loans>`, `</Disclosure>` or its final line
    /// end; for the small samples also at every byte of their first and last 128; and at 40 seeded places
    /// in between. (Every cut of every sample would re-read some 14 GB in a debug build.) `EarlyStopTests`
    /// cuts the base filing, which the broken samples are made from, at every byte.
    @Test func truncationsAreNeverAccepted() throws {
        var generator = SplitMix64(seed: 20_261_201)
        var checked = 0
        for (name, bytes) in try Self.samples() {
            let end = Self.lastMarkup(bytes)
            var cuts: Set<Int> = [0, end]
            if bytes.count <= 8_192 {
                cuts.formUnion(Set(0..<min(128, end)).union(Set(max(0, end - 127)...end)))
            }
            for index in max(0, end - 1024)...end where bytes[index] == 0x3C || bytes[index] == 0x3E {
                cuts.formUnion([index, index + 1].filter { $0 <= end })
            }
            for _ in 0..<40 { cuts.insert(Int(generator.next() % UInt64(end))) }
            for cut in cuts.sorted() {
                let report = try DisclosureReader.validate(
                    .bytes(Array(bytes.prefix(cut)), name: name), options: Self.options())
                #expect(report.verdict() == .reject, "\(name) cut at \(cut)")
                #expect(!report.completed, "\(name) cut at \(cut)")
                checked += 1
            }
        }
        #expect(checked > 10_000)
    }

    /// Seeded byte mutations (replace, insert, delete) of every sample. Each ACCEPTed mutant must be read
    /// whole by XMLParser and validate against the XSD with xmllint.
    @Test func mutantsAreAcceptedOnlyWhenStillACompleteValidFiling() throws {
        var generator = SplitMix64(seed: 20_261_202)
        let specials: [UInt8] = Array("<>&;\"'/=!?[]-.0 \n\t9Q".utf8) + [0x00, 0x80, 0xC3, 0xE4, 0xFF]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "greenledger-mutants-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var accepted: [URL] = []
        var rejected = 0
        for (name, original) in try Self.samples() {
            for round in 0..<60 {
                var bytes = original
                for _ in 0..<(1 + Int(generator.next() % 3)) {
                    let position = Int(generator.next() % UInt64(bytes.count))
                    let byte = specials[Int(generator.next() % UInt64(specials.count))]
                    switch generator.next() % 3 {
                    case 0: bytes[position] = byte
                    case 1: bytes.insert(byte, at: position)
                    default: bytes.remove(at: position)
                    }
                }
                let report = try DisclosureReader.validate(
                    .bytes(bytes, name: name), options: Self.options())
                guard report.verdict() == .accept else {
                    rejected += 1
                    continue
                }
                #expect(report.completed)
                let parser = XMLParser(data: Data(bytes))
                #expect(parser.parse(), "\(name) round \(round): ACCEPTed, but XMLParser cannot read it")
                let url = folder.appendingPathComponent("\(name)-\(round).xml")
                try Data(bytes).write(to: url)
                accepted.append(url)
            }
        }
        #expect(rejected > 1_000)
        #expect(accepted.count > 40)  // 49 with the seed and the samples of 2026-12-01
        try Self.expectSchemaValid(accepted)
    }

    /// Runs `xmllint --noout --schema` over `files` (a second XSD engine, outside this process) and expects
    /// each to validate. xmllint comes from Debian's libxml2-utils, which `scripts/ensure-deps` installs.
    static func expectSchemaValid(_ files: [URL]) throws {
        let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let xmllint else {
            Issue.record("xmllint is not installed (Debian: libxml2-utils); run scripts/ensure-deps")
            return
        }
        let schema = SampleFilingTests.samples.deletingLastPathComponent().appendingPathComponent(
            "Schemas/disclosure-v1.xsd")
        for batch in stride(from: 0, to: files.count, by: 200) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: xmllint)
            process.arguments =
                ["--noout", "--nonet", "--schema", schema.path]
                + files[batch..<min(files.count, batch + 200)].map(\.path)
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let failing = text.split(separator: "\n").filter { $0.hasSuffix("fails to validate") }
            #expect(failing.isEmpty, "ACCEPTed but invalid per xmllint: \(failing.prefix(5))")
            #expect(process.terminationStatus == 0, "\(text.prefix(2000))")
        }
    }
}
