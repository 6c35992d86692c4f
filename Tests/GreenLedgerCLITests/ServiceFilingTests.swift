import Foundation
import Testing

/// `POST /v1/filings` end to end: 201 stored, 200 duplicate, 409 conflict, 422 rejected with findings, the
/// supersession of a lower revision, and the filed bytes read back exactly.
@Suite struct ServiceFilingTests {
    static let r1 = "2026-Q3/pingshan-village-bank-r1.xml"
    static let r2 = "2026-Q3/pingshan-village-bank-r2.xml"
    static let invalidLender = "invalid/valid-base.xml"

    /// A receipt id: `GLR-` and 24 hex digits.
    static func isReceiptID(_ text: String?) -> Bool {
        guard let text, text.hasPrefix("GLR-") else { return false }
        let hex = text.dropFirst(4)
        return hex.count == 24 && hex.allSatisfy { $0.isHexDigit }
    }

    /// r1 → 201 stored; r1 again → 200 duplicate with the same receipt; r1 with one more byte (same lender,
    /// period, revision) → 409; r2 → 201 superseding r1's receipt; r1 after r2 is still a duplicate.
    @Test func storedDuplicateConflictAndSupersession() throws {
        let store = try ServiceStore("filing")
        let lender = try store.lender(for: Self.r1)
        let city = try store.add("city")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        let port = server.port
        let r1 = try Samples.data(Self.r1)
        let r2 = try Samples.data(Self.r2)

        let first = try HTTP.file(r1, port: port, token: lender.token)
        #expect(first.status == 201, "\(first.text)")
        #expect(first.headers["content-type"]?.hasPrefix("application/json") == true)
        let object = first.object
        #expect(object["schema"] as? String == "greenledger-receipt/1")
        #expect(Self.isReceiptID(first["receipt"]))
        #expect(first["status"] == "stored")
        #expect(first["verdict"] == "ACCEPT")
        #expect((object["lender"] as? [String: Any])?["uscc"] as? String == (try Samples.uscc(Self.r1)))
        #expect(first["period"] == "2026-Q3")
        #expect(object["revision"] as? Int == 1)
        #expect(first["sha256"] == SHA256Hex.of(r1))
        #expect(object["bytes"] as? Int == r1.count)
        #expect(object["loans"] as? Int == 80)
        #expect(first["account"] == lender.id)
        #expect(object["supersedes"] is NSNull)
        #expect(object["findings"] is [Any])
        #expect(first["received_at"].flatMap { ISO8601DateFormatter().date(from: $0) } != nil)

        let again = try HTTP.file(r1, port: port, token: lender.token)
        #expect(again.status == 200, "\(again.text)")
        #expect(again["status"] == "duplicate")
        #expect(again["receipt"] == first["receipt"])
        #expect(again["sha256"] == first["sha256"])
        #expect(again["received_at"] == first["received_at"])

        var edited = r1
        edited.append(Data("\n".utf8))
        let conflict = try HTTP.file(edited, port: port, token: lender.token)
        #expect(conflict.status == 409, "\(conflict.text)")
        #expect(conflict.isErrorBody, "\(conflict.text)")

        let second = try HTTP.file(r2, port: port, token: lender.token)
        #expect(second.status == 201, "\(second.text)")
        #expect(second["status"] == "stored")
        #expect(second.object["revision"] as? Int == 2)
        #expect(second["supersedes"] == first["receipt"])
        #expect(second["receipt"] != first["receipt"])

        let late = try HTTP.file(r1, port: port, token: lender.token)
        #expect(late.status == 200)
        #expect(late["receipt"] == first["receipt"])

        // Two receipts, the conflict stored nothing; each reads back as stored.
        let list = try HTTP.get("/v1/filings?period=2026-Q3", port: port, token: city.token)
        #expect(list.object["schema"] as? String == "greenledger-filings/1")
        let filings = list.list("filings")
        #expect(
            filings.compactMap { $0["receipt"] as? String }
                == [first["receipt"], second["receipt"]].compactMap { $0 })
        #expect(filings.allSatisfy { $0["findings"] == nil }, "a list carries no findings")
        #expect(filings.compactMap { $0["sha256"] as? String }.contains(SHA256Hex.of(edited)) == false)
        for receipt in [first, second] {
            let read = try HTTP.get(
                "/v1/filings/\(receipt["receipt"] ?? "")", port: port, token: lender.token)
            #expect(read.status == 200)
            #expect(read["status"] == "stored")
            #expect(read["sha256"] == receipt["sha256"])
        }
    }

    /// The lines of `findings` as (rule, line, column, message).
    static func positions(_ findings: [[String: Any]]) -> [String] {
        findings.map {
            "\($0["rule"] ?? "?") \($0["line"] ?? "?"):\($0["column"] ?? "?") \($0["message"] ?? "?")"
        }
    }

    /// Invalid samples of the lender → 422 `rejected`, `REJECT`, with the findings `greenledger validate`
    /// reports for the same file (rule, line, column, message); no figures are stored.
    @Test func rejectedFilingsCarryTheirFindings() throws {
        let store = try ServiceStore("rejected")
        let lender = try store.lender(for: Self.invalidLender)
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        for name in [
            "invalid/GL-REC-001-total.xml", "invalid/GL-LOAN-003-district.xml",
            "invalid/GL-XML-001-truncated.xml",
            "invalid/GL-XML-002-doctype.xml", "invalid/GL-AMT-001-three-decimals.xml",
        ] {
            let data = try Samples.data(name)
            let reply = try HTTP.file(data, port: server.port, token: lender.token)
            #expect(reply.status == 422, "\(name): \(reply.status) \(reply.text)")
            #expect(reply["status"] == "rejected")
            #expect(reply["verdict"] == "REJECT")
            #expect(Self.isReceiptID(reply["receipt"]))
            #expect(reply["sha256"] == SHA256Hex.of(data))
            let findings = reply.list("findings")
            #expect(!findings.isEmpty, "\(name)")
            #expect((reply.object["errors"] as? Int ?? 0) >= 1)
            for finding in findings {
                #expect((finding["line"] as? Int ?? 0) > 0, "\(name): \(finding)")
                #expect((finding["column"] as? Int ?? 0) > 0, "\(name): \(finding)")
                #expect(finding["severity"] is String && finding["message"] is String)
            }
            let cli = try store.run([
                "validate", "--format", "json", Samples.root.appendingPathComponent(name).path,
            ])
            let expected =
                ((try? JSONSerialization.jsonObject(with: Data(cli.stdout.utf8))) as? [String: Any])
                .flatMap { ($0["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] } ?? []
            #expect(Self.positions(findings) == Self.positions(expected), "\(name)")
        }
        // Rejections store no figures: the history has nothing to roll up for the period.
        let cli = try store.run(["aggregate", "--db", store.db, "--period", "2026-Q3", "--format", "json"])
        #expect(!cli.stdout.contains("91440300LXAHTNUH70"), "\(cli.stdout.prefix(300))")
    }

    /// A sample edited to break it (its TotalLoans one yuan off) → 422 with GL-REC-001 at the TotalLoans line.
    @Test func anEditedSampleIsRejectedAtTheChangedLine() throws {
        let store = try ServiceStore("edited")
        let lender = try store.lender(for: Self.r1)
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        let text = String(decoding: try Samples.data(Self.r1), as: UTF8.self)
        var lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.contains("<TotalLoans>180753545.75</TotalLoans>") })
        lines[index] = lines[index].replacingOccurrences(of: "180753545.75", with: "180753546.75")
        let reply = try HTTP.file(
            Data(lines.joined(separator: "\n").utf8), port: server.port, token: lender.token)
        #expect(reply.status == 422, "\(reply.text)")
        let finding = try #require(reply.list("findings").first { $0["rule"] as? String == "GL-REC-001" })
        #expect(finding["line"] as? Int == index + 1)
        #expect(finding["column"] as? Int == lines[index].prefix { $0 == " " }.count + 1)
    }

    /// `GET /v1/filings/{receipt}/document` answers exactly the bytes filed — a stored, a rejected and a
    /// multi-megabyte filing — to the owner and to the city.
    @Test func theDocumentIsTheFiledBytes() throws {
        let store = try ServiceStore("document")
        defer { store.remove() }
        let big = Data(HugeFilings.filing(lender: 4242, loans: 2500, balance: "1.00", total: "2500.00").utf8)
        let bigLender = try store.add("lender", uscc: HugeFilings.uscc(4242))
        let rural = "2026-Q3/example-rural-commercial-bank.xml"
        let lender = try store.lender(for: rural)
        let invalid = try store.lender(for: Self.invalidLender)
        let city = try store.add("city")
        let server = try store.serve()
        defer { #expect(server.stop() == 0) }
        let uploads: [(Data, ServiceStore.Account)] = [
            (try Samples.data(rural), lender), (try Samples.data("invalid/GL-REC-002-green.xml"), invalid),
            (big, bigLender),
        ]
        for (data, owner) in uploads {
            let filed = try HTTP.file(data, port: server.port, token: owner.token)
            #expect([201, 422].contains(filed.status), "\(filed.text.prefix(500))")
            let receipt = try #require(filed["receipt"])
            #expect(filed["sha256"] == SHA256Hex.of(data))
            for token in [owner.token, city.token] {
                let document = try HTTP.get(
                    "/v1/filings/\(receipt)/document", port: server.port, token: token)
                #expect(document.status == 200)
                #expect(document.headers["content-type"]?.hasPrefix("application/xml") == true)
                #expect(document.body.count == data.count)
                #expect(SHA256Hex.of(document.body) == SHA256Hex.of(data))
                #expect(document.body == data)
            }
        }
    }
}
