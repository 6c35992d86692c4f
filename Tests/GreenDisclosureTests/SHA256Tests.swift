import Foundation
import Testing

@testable import GreenDisclosure

@Suite struct SHA256Tests {
    static func digest(_ bytes: [UInt8], chunk: Int = 1 << 20) -> String {
        var hasher = SHA256()
        var offset = 0
        while offset < bytes.count {
            hasher.update(Array(bytes[offset..<min(bytes.count, offset + chunk)]))
            offset += chunk
        }
        return hasher.finalize()
    }

    @Test(
        "FIPS 180-4 test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func vector(message: String, expected: String) {
        #expect(Self.digest(Array(message.utf8)) == expected)
    }

    @Test func aMillionAsInAnyChunking() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        for chunk in [7, 63, 64, 65, 1000, 1 << 20] {
            #expect(Self.digest(bytes, chunk: chunk) == expected, "chunk \(chunk)")
        }
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
