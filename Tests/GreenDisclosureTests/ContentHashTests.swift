import Crypto
import Foundation
import Testing

@testable import GreenDisclosure

/// The content hash (swift-crypto's SHA-256, fed from the reading stream) is the hash of the file's bytes,
/// whatever the chunking and however early the parse stops.
@Suite struct ContentHashTests {
    /// An independent digest of the whole buffer at once, as lower-case hex.
    static func digest(_ bytes: [UInt8]) -> String {
        Crypto.SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test(
        "FIPS 180-4 test vectors, fed in pieces",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func vector(message: String, expected: String) {
        var hash = ContentHash()
        for byte in message.utf8 { withUnsafeBytes(of: byte) { hash.update($0) } }
        #expect(hash.finalize() == expected)
    }

    @Test func aFilingIsHashedAcrossChunks() throws {
        // Larger than the reader's 256 KiB chunk, so the hash spans several reads.
        let base = try Data(
            contentsOf: SampleFilingTests.samples.appendingPathComponent(
                "2026-Q3/example-rural-commercial-bank.xml"))
        var options = ReaderOptions()
        options.computeSHA256 = true
        let bytes = Array(base) + Array(String(repeating: "<!-- padding -->\n", count: 30_000).utf8)
        #expect(bytes.count > 3 * 256 * 1024 / 2)
        let report = try DisclosureReader.validate(.bytes(bytes, name: "bank.xml"), options: options)
        #expect(report.verdict() == .accept)
        #expect(report.sha256 == Self.digest(bytes))
    }

    @Test func theReportHashesTheWholeFileEvenWhenTheParseStopsEarly() throws {
        var bytes = Array("<?xml version=\"1.0\"?>\n<html><body>".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 700_000)
        var options = ReaderOptions()
        options.computeSHA256 = true
        let report = try DisclosureReader.validate(.bytes(bytes, name: "foreign.xml"), options: options)
        #expect(report.diagnostics.first?.ruleID == "GL-XML-003")
        #expect(report.sha256 == Self.digest(bytes))
        #expect(try DisclosureReader.validate(.bytes(bytes, name: "foreign.xml")).sha256 == nil)
    }
}
