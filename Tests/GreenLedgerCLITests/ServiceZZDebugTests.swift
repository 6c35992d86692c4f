import Foundation
import Testing

@Suite struct ServiceZZDebugTests {
    @Test(arguments: [HTTP.Framing.length, .chunked])
    func debugLarge(framing: HTTP.Framing) throws {
        let store = try ServiceStore("dbg")
        let sample = "2026-Q3/pengcheng-microcredit.xml"
        let lender = try store.lender(for: sample)
        let server = try store.serve(["--max-upload-mb", "1"])
        defer { print("stop", server.stop(), Date()) }
        var big = try Samples.data(sample)
        big.append(Data(repeating: UInt8(ascii: "x"), count: (16 << 20) - big.count))
        let t0 = Date()
        let reply = try HTTP.file(big, port: server.port, token: lender.token, framing: framing) { n in if n % (4 << 20) == 0 { print("sent", n, Date().timeIntervalSince(t0)) } }
        print(framing, "reply", reply.status, reply.bodyBytesSent, Date().timeIntervalSince(t0))
        let t1 = Date()
        let over = try HTTP.file(Data(big.prefix((1 << 20) + 1)), port: server.port, token: lender.token, framing: framing)
        print(framing, "over", over.status, over.bodyBytesSent, Date().timeIntervalSince(t1))
        print(server.standardError)
    }
}
