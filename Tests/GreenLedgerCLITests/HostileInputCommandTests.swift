import Foundation
import Testing

/// The commands on hostile inputs: early stops are REJECT with a located finding, and non-regular files
/// (a FIFO named `*.xml`, a character device) are refused with exit 2 and a message instead of hanging.
@Suite(.timeLimit(.minutes(3))) struct HostileInputCommandTests {
    static var base: String {
        get throws {
            try String(
                contentsOf: CLIRunner.packageRoot.appendingPathComponent("Samples/invalid/valid-base.xml"),
                encoding: .utf8)
        }
    }

    /// A scratch directory holding `files` (name → bytes) and, for each name in `fifos`, a FIFO.
    static func directory(_ files: [String: [UInt8]], fifos: [String] = []) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "greenledger-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: url.appendingPathComponent(name)) }
        for name in fifos { #expect(mkfifo(url.appendingPathComponent(name).path, 0o600) == 0) }
        return url
    }

    @Test func validateRejectsACDATAHiddenFigure() throws {
        let text = try Self.base.replacingOccurrences(
            of: "<GreenLoans>169596.00</GreenLoans>\n",
            with: "<GreenLoans><![CDATA[9]]>169596.00</GreenLoans>\n")
        let folder = try Self.directory(["cdata.xml": Array(text.utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try BoundedRunner.run(["validate", folder.appendingPathComponent("cdata.xml").path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("cdata.xml: REJECT"))
        #expect(result.stdout.contains("GL-REC-002"))
    }

    @Test func validateRejectsAFileThatStopsOnAnUndecodableByte() throws {
        let fixture = CLIRunner.packageRoot.appendingPathComponent(
            "Tests/GreenDisclosureTests/Fixtures/gbk-undecodable-after-loans.xml")
        let result = try BoundedRunner.run(["validate", fixture.path])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "gbk-undecodable-after-loans.xml:25:10: error[GL-XML-001]: the reading stopped before the end of "
                    + "the document: the bytes there cannot be decoded as GBK"))
        #expect(!result.stderr.contains("encoding error"))
    }

    @Test func aFIFONamedXMLInADirectoryIsRefusedNotWaitedFor() throws {
        let sample = try Data(
            contentsOf: CLIRunner.packageRoot.appendingPathComponent(
                "Samples/2026-Q3/pengcheng-microcredit.xml"))
        let folder = try Self.directory(["pengcheng.xml": Array(sample)], fifos: ["stuck.xml"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("history.sqlite").path
        for arguments in [
            ["aggregate", folder.path], ["ingest", folder.path, "--db", database],
            ["summary", folder.appendingPathComponent("stuck.xml").path],
        ] {
            let result = try BoundedRunner.run(arguments, timeout: 30)
            #expect(result.status == 2, "\(arguments[0]): \(result.stderr)")
            #expect(
                result.stderr.contains(
                    "stuck.xml: cannot read the file: it is a FIFO (named pipe), not a regular file"),
                "\(arguments[0])")
        }
    }

    /// The largest CO2e the format allows is read and printed, not taken for "no CO2e" (957e033 printed a
    /// declared 0.00 for it).
    @Test func theLargestDeclaredCO2eIsPrinted() throws {
        let text = try Self.base.replacingOccurrences(
            of: "<CO2e>17471.55</CO2e>", with: "<CO2e>999999999999999.999999</CO2e>")
        let folder = try Self.directory(["co2e.xml": Array(text.utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try BoundedRunner.run(["summary", folder.appendingPathComponent("co2e.xml").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("declared 1000000000000000.00 tCO2e/yr"))
    }

    /// A control character in a file name reaches `validate --format csv` as a visible escape, never raw
    /// (found by a hostile review: the text format escaped it, the CSV did not).
    @Test func csvShowsControlCharactersInFileNamesAsEscapes() throws {
        let broken = try Data(
            contentsOf: CLIRunner.packageRoot.appendingPathComponent(
                "Samples/invalid/GL-LOAN-002-borrower-uscc.xml"))
        let folder = try Self.directory(["e\u{1B}[31mred.xml": Array(broken)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try BoundedRunner.run([
            "validate", "--format", "csv", folder.appendingPathComponent("e\u{1B}[31mred.xml").path,
        ])
        #expect(result.status == 1)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("e\\u{1B}[31mred.xml,TST-000001,REJECT,GL-LOAN-002"))
    }

    @Test func characterDevicesAreRefused() throws {
        for arguments in [
            ["summary", "/dev/zero"], ["aggregate", "/dev/zero"], ["validate", "/dev/zero"],
            ["summary", "Samples/2026-Q3/pengcheng-microcredit.xml", "--targets", "/dev/zero"],
        ] {
            let result = try BoundedRunner.run(arguments, timeout: 30)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(
                result.stderr.contains("/dev/zero: cannot read the file: it is a character device"),
                "\(arguments)")
        }
    }
}
