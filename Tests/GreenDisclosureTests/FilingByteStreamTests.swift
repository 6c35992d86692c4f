import Foundation
import Testing

@testable import GreenDisclosure

/// Uploads reach the reader through a bounded stream: the verdict and hash equal a read of the file.
@Suite struct FilingByteStreamTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples/2026-Q3/pengcheng-microcredit.xml")

    /// Runs the reader on a thread of its own over `stream`, as the intake does.
    static func validateOnThread(_ stream: FilingByteStream, hash: Bool = true) async -> Result<
        ValidationReport, any Error
    > {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                var options = ReaderOptions()
                options.computeSHA256 = hash
                continuation.resume(
                    returning: Result {
                        try DisclosureReader.validate(.stream(stream, name: "upload"), options: options)
                    })
            }
            thread.start()
        }
    }

    @Test(arguments: [1, 7, 4096, 1 << 20])
    func chunksOfAnySizeGiveTheFilesVerdictAndHash(chunk: Int) async throws {
        let bytes = Array(try Data(contentsOf: Self.sample))
        var options = ReaderOptions()
        options.computeSHA256 = true
        let direct = try DisclosureReader.validate(.file(path: Self.sample.path), options: options)
        // A buffer smaller than the file, so the producer waits for the reader.
        let stream = FilingByteStream(capacityBytes: 3000)
        async let report = Self.validateOnThread(stream)
        var offset = 0
        while offset < bytes.count {
            await stream.send(Array(bytes[offset..<min(offset + chunk, bytes.count)]))
            offset += chunk
        }
        stream.finish()
        let streamed = try await report.get()
        #expect(streamed.verdict() == direct.verdict())
        #expect(streamed.sha256 == direct.sha256)
        #expect(streamed.loanCount == direct.loanCount)
        #expect(streamed.diagnostics.map(\.ruleID) == direct.diagnostics.map(\.ruleID))
        #expect(streamed.bytesRead == bytes.count)
    }

    @Test func aBrokenUploadIsAReadErrorNeverAnAccept() async throws {
        let bytes = Array(try Data(contentsOf: Self.sample))
        let stream = FilingByteStream(capacityBytes: 1000)
        async let report = Self.validateOnThread(stream)
        await stream.send(Array(bytes[0..<(bytes.count / 2)]))
        stream.fail("the client went away")
        switch await report {
        case .success(let report): #expect(report.verdict() == .reject)
        case .failure(let error): #expect("\(error)".contains("the client went away"))
        }
    }

    @Test func theProducerIsNotBlockedWhenTheReaderStopsEarly() async throws {
        // Not XML at all, and no hash to finish: the reader stops at once; the rest is discarded as it is sent.
        let stream = FilingByteStream(capacityBytes: 100)
        let thread = Task.detached { await Self.validateOnThread(stream, hash: false) }
        for _ in 0..<1000 { await stream.send(Array(repeating: 0x41, count: 1000)) }
        stream.finish()
        let result = await thread.value
        if case .success(let report) = result { #expect(report.verdict() == .reject) }
    }
}
