import Foundation
import GreenDisclosure
import Testing

/// A pass that stops before the document's end is never an ACCEPT, and says where and why it stopped:
/// undecodable bytes, refused encodings, size limits, truncation.
@Suite(.timeLimit(.minutes(3))) struct EarlyStopTests {
    static var baseText: String {
        get throws { String(decoding: try StopAndMutationTests.readBase(), as: UTF8.self) }
    }

    static func validate(_ bytes: [UInt8], name: String = "filing.xml") throws -> ValidationReport {
        try DisclosureReader.validate(.bytes(bytes, name: name))
    }

    static func line(of needle: String, in text: String) throws -> Int {
        let range = try #require(text.range(of: needle))
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    @Test func theCleanBaseCompletes() throws {
        let report = try Self.validate(try StopAndMutationTests.readBase())
        #expect(report.completed)
        #expect(report.verdict() == .accept)
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    /// The base filing in GBK with 0x81 0x20 (not a GBK character) right after `<Loans>`.
    @Test func anUndecodableGBKByteAfterLoansIsALocatedReject() throws {
        let report = try DisclosureReader.validate(
            .file(path: Self.fixtures.appendingPathComponent("gbk-undecodable-after-loans.xml").path))
        #expect(!report.completed)
        #expect(report.verdict() == .reject)
        let finding = try #require(report.diagnostics.first { $0.ruleID == "GL-XML-001" })
        #expect(finding.line == (try Self.line(of: "<Loans>", in: try Self.baseText)))
        #expect(finding.message.contains("cannot be decoded as GBK"))
    }

    @Test func aUTF8FileLabelledGBKIsNeverAccepted() throws {
        let text = try Self.baseText.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"GBK\"")
        let report = try Self.validate(Array(text.utf8))
        #expect(!report.completed)
        #expect(report.verdict() == .reject)
        #expect(report.diagnostics.contains { $0.ruleID == "GL-XML-001" && $0.line > 1 })
    }

    @Test(
        "encodings other than UTF-8, UTF-16 with a mark, GB18030 and GBK are refused by name",
        arguments: [
            ("ISO-8859-1", "ISO-8859-1 is not accepted"),
            ("Shift_JIS", "SHIFT_JIS is not accepted"),
            ("GB2312", "GB2312 is not accepted"),
            ("UTF-16", "UTF-16 is accepted only with a byte-order mark"),
        ])
    func refusedEncoding(declared: String, message: String) throws {
        let text = try Self.baseText.replacingOccurrences(
            of: "encoding=\"UTF-8\"", with: "encoding=\"\(declared)\"")
        let report = try Self.validate(Array(text.utf8))
        #expect(report.verdict() == .reject)
        #expect(
            report.diagnostics.map(\.description) == [
                "filing.xml:1:1: error[GL-XML-004]: \(message); filings are accepted in UTF-8, UTF-16 (with a "
                    + "byte-order mark), GB18030 and GBK (export the filing again as UTF-8)"
            ])
    }

    @Test func utf32AndUnmarkedUTF16AreRefused() throws {
        let utf32 = try #require(try Self.baseText.data(using: .utf32LittleEndian)).map { $0 }
        #expect(try Self.validate(utf32).diagnostics.map(\.ruleID) == ["GL-XML-004"])
        let unmarked = try #require(try Self.baseText.data(using: .utf16LittleEndian)).map { $0 }
        #expect(try Self.validate(unmarked).diagnostics.map(\.ruleID) == ["GL-XML-004"])
    }

    @Test func utf16WithAByteOrderMarkReadsLikeUTF8() throws {
        let text = try Self.baseText.replacingOccurrences(
            of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        for bigEndian in [false, true] {
            let units = text.utf16.flatMap { unit -> [UInt8] in
                let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
                return bigEndian ? [high, low] : [low, high]
            }
            let bytes: [UInt8] = (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + units
            var ids: [String] = []
            let report = try DisclosureReader.validate(.bytes(bytes, name: "utf16.xml")) { ids.append($0.id) }
            #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
            #expect(report.completed)
            #expect(report.header?.lenderNameZh == "深圳示例检验小额贷款有限公司")
            #expect(ids == ["TST-000001", "TST-000002", "TST-000003", "TST-000004", "TST-000005"])
        }
    }

    @Test func everyTruncationIsRejected() throws {
        let bytes = try StopAndMutationTests.readBase()
        let end = try #require(bytes.lastIndex(of: UInt8(ascii: ">")))
        for cut in 0...end {
            let report = try Self.validate(Array(bytes.prefix(cut)))
            #expect(report.verdict() == .reject, "cut at \(cut)")
            #expect(!report.completed, "cut at \(cut)")
            #expect(report.errorCount > 0, "cut at \(cut): no finding says why")
        }
    }

    @Test func cdataIsCharacterData() throws {
        let text = try Self.baseText.replacingOccurrences(
            of: "<GreenLoans>169596.00</GreenLoans>\n",
            with: "<GreenLoans><![CDATA[9]]>169596.00</GreenLoans>\n")
        let report = try Self.validate(Array(text.utf8))
        #expect(report.portfolio?.greenLoans?.amount == Money("9169596.00"))
        #expect(report.verdict() == .reject)
        #expect(report.diagnostics.contains { $0.ruleID == "GL-REC-002" })
    }

    @Test func aThirdDecimalHiddenInCDATAIsFound() throws {
        let text = try Self.baseText.replacingOccurrences(
            of: "<Balance>822935.00</Balance>", with: "<Balance>822935.00<![CDATA[1]]></Balance>")
        let report = try Self.validate(Array(text.utf8))
        #expect(report.verdict() == .reject)
        let finding = try #require(report.diagnostics.first { $0.ruleID == "GL-AMT-001" })
        #expect(finding.message.contains("'822935.001'"))
    }

    @Test func yearsOutsideTheRangeAreFindings() throws {
        for period in ["0000-Q3", "1999-Q4", "2100", "9999-Q1"] {
            let text = try Self.baseText.replacingOccurrences(
                of: "<Period>2026-Q3</Period>", with: "<Period>\(period)</Period>")
            let report = try Self.validate(Array(text.utf8))
            #expect(report.verdict() == .reject, "\(period)")
            let finding = try #require(report.diagnostics.first { $0.ruleID == "GL-HDR-004" }, "\(period)")
            #expect(finding.line == (try Self.line(of: "<Period>", in: text)))
            #expect(report.header?.period == nil)
        }
    }

    @Test func aRevisionThatDoesNotFitIsAFindingNotRevisionOne() throws {
        for revision in ["99999999999999999999", "2147483648", "0"] {
            let text = try Self.baseText.replacingOccurrences(
                of: "<Revision>1</Revision>", with: "<Revision>\(revision)</Revision>")
            let report = try Self.validate(Array(text.utf8))
            #expect(report.verdict() == .reject, "\(revision)")
            #expect(report.diagnostics.contains { $0.ruleID == "GL-HDR-005" }, "\(revision)")
            #expect(report.header?.revision != 1)
        }
        let text = try Self.baseText.replacingOccurrences(
            of: "<Revision>1</Revision>", with: "<Revision>2147483647</Revision>")
        let report = try Self.validate(Array(text.utf8))
        #expect(report.header?.revision == 2_147_483_647)
        #expect(!report.diagnostics.contains { $0.ruleID == "GL-HDR-005" })
    }

    @Test func periodArithmeticNeverTraps() throws {
        var period = try #require(ReportingPeriod("2000-Q1"))
        for _ in 0..<9000 { period = period.previous }
        #expect(period.year < 0)
        #expect(period.lastDay.year == 1)
        #expect(ReportingPeriod("2000")?.previous.description == "1999")
        #expect(ReportingPeriod("2026-Q1")?.previous.description == "2025-Q4")
    }

    @Test func aHugeTextIsRefusedAtItsStart() throws {
        let name = "Shenzhen Example Test"
        let text = try Self.baseText.replacingOccurrences(
            of: name, with: name + String(repeating: "x", count: 10_000_000))
        let report = try Self.validate(Array(text.utf8))
        #expect(report.verdict() == .reject)
        #expect(!report.completed)
        let finding = try #require(report.diagnostics.first { $0.ruleID == "GL-XML-005" })
        #expect(finding.line == (try Self.line(of: name, in: text)))
        #expect(report.bytesRead < 1_000_000)
    }

    @Test func aTextSplitByCommentsIsCappedToo() throws {
        let piece = String(repeating: "y", count: 60_000) + "<!-- -->"
        let text = try Self.baseText.replacingOccurrences(
            of: "Shenzhen Example Test", with: String(repeating: piece, count: 3))
        let report = try Self.validate(Array(text.utf8))
        #expect(report.verdict() == .reject)
        let finding = try #require(report.diagnostics.first { $0.ruleID == "GL-XML-005" })
        #expect(finding.message == "the text of <Name> is longer than 65536 bytes")
    }

    @Test func manyAttributesAreRefusedQuickly() throws {
        let attributes = (0..<300_000).map { " a\($0)=\"1\"" }.joined()
        let text = try Self.baseText.replacingOccurrences(of: "<Loans>", with: "<Loans\(attributes)>")
        let clock = ContinuousClock()
        let start = clock.now
        let report = try Self.validate(Array(text.utf8))
        #expect(clock.now - start < .seconds(20))
        #expect(report.verdict() == .reject)
        #expect(report.diagnostics.contains { $0.ruleID == "GL-XML-005" })
        let few = (0..<65).map { " a\($0)=\"1\"" }.joined()
        let report65 = try Self.validate(
            Array(try Self.baseText.replacingOccurrences(of: "<Loans>", with: "<Loans\(few)>").utf8))
        #expect(
            report65.diagnostics.contains {
                $0.ruleID == "GL-XML-005" && $0.message == "<Loans> has more than 64 attributes"
            })
    }

    @Test func nonRegularFilesAreRefusedWithoutBlocking() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "greenledger-fifo-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("bank.xml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, kind) in [(fifo, "a FIFO (named pipe)"), ("/dev/zero", "a character device")] {
            #expect {
                try DisclosureReader.validate(.file(path: path))
            } throws: { error in
                (error as? FilingReadError)?.reason == "it is \(kind), not a regular file"
            }
        }
    }
}
