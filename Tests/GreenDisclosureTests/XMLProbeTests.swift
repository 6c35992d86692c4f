import GreenDisclosure
import Testing

/// The libxml2 wiring: a small document parsed through the system library with the safe options.
@Suite struct XMLProbeTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func readsTheRootOfADisclosure() throws {
        let root = try XMLProbe.rootElement(
            of: Self.bytes(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- a comment first -->
                <Disclosure xmlns="urn:greenledger:disclosure:1"
                            version="1.0"><Header/></Disclosure>
                """), fileName: "a.xml")
        #expect(root.localName == "Disclosure")
        #expect(root.namespace == "urn:greenledger:disclosure:1")
        #expect(root.attributes == ["version": "1.0"])
        #expect(root.line == 4)
    }

    @Test func readsAGB18030Document() throws {
        // "<名>" encoded in GB18030: 名 = C3 FB.
        let prefix = Self.bytes("<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<")
        let root = try XMLProbe.rootElement(of: prefix + [0xC3, 0xFB] + Self.bytes("/>"), fileName: "gb.xml")
        #expect(root.localName == "名")
        #expect(root.namespace == nil)
    }

    @Test(
        "malformed input is located by line and column",
        arguments: [
            ("<?xml version=\"1.0\"?>\n<1a/>", 2),
            ("\n\n<a b=>", 3),
            ("not xml at all", 1),
        ])
    func malformed(text: String, line: Int) {
        do {
            _ = try XMLProbe.rootElement(of: Self.bytes(text), fileName: "bad.xml")
            Issue.record("expected an error")
        } catch let error as XMLSyntaxError {
            #expect(error.line == line)
            #expect(error.column > 0)
            #expect(error.description.hasPrefix("bad.xml:\(line):"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func rejectsDoctypeAndEmptyInput() throws {
        let doctype = try #require(throws: XMLSyntaxError.self) {
            try XMLProbe.rootElement(
                of: Self.bytes(
                    "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n<a>&x;</a>"
                ),
                fileName: "xxe.xml")
        }
        #expect(doctype.message == "DOCTYPE declarations are not allowed in a disclosure filing")
        #expect(doctype.line == 2)
        let empty = try #require(throws: XMLSyntaxError.self) {
            try XMLProbe.rootElement(of: [], fileName: "empty.xml")
        }
        #expect(empty.file == "empty.xml")
    }

    @Test func reportsTheLibraryVersion() {
        #expect(Int(XMLProbe.libxml2Version).map { $0 >= 20900 } == true)
    }
}
