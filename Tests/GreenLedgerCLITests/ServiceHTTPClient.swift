import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One HTTP/1.1 answer: status, headers (names in lower case) and body.
struct HTTPReply {
    let status: Int
    let headers: [String: String]
    let body: Data
    /// Bytes of the request body written before the answer came (or the server stopped reading).
    var bodyBytesSent = 0

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (an empty one when it is not).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    /// A string field of the JSON body.
    subscript(_ key: String) -> String? { object[key] as? String }

    /// The `filings` of `greenledger-filings/1`, `events` of `greenledger-audit/1`, `findings` of a receipt.
    func list(_ key: String) -> [[String: Any]] { object[key] as? [[String: Any]] ?? [] }

    /// `{"error":"…","hint":"…"}`, as the contract says every error body is.
    var isErrorBody: Bool {
        let object = object
        return headers["content-type"]?.hasPrefix("application/json") == true && object["error"] is String
            && !(object["error"] as? String ?? "").isEmpty && object["hint"] is String
    }
}

/// A plain TCP connection to the server speaking HTTP/1.1 by hand: the tests need exact control of the
/// body (declared length or chunked, sent slowly, stopped when the server answers early), which URLSession
/// on Linux does not give.
final class HTTPConnection {
    let descriptor: Int32

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(port: Int, timeout: Int = 30) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "connect to port \(port): errno \(errno)")
        }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Writes all of `data`, waiting for room without blocking in `send`; false when the server has answered
    /// (an early 413), closed, or taken nothing for 30 s.
    func send(_ data: Data) -> Bool {
        guard !data.isEmpty else { return true }
        return data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN | POLLOUT), revents: 0)
                let ready = poll(&entry, 1, 30_000)
                if ready < 0 && errno == EINTR { continue }
                guard ready > 0, entry.revents & Int16(POLLIN | POLLERR | POLLHUP) == 0 else { return false }
                let count = Glibc.send(
                    descriptor, raw.baseAddress! + offset, raw.count - offset,
                    Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                if count < 0 {
                    if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }

    /// Whether the server has answered (or closed) already.
    var answered: Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }

    /// Reads one answer: headers, then the body by Content-Length, chunked encoding, or to the end.
    func readReply() throws -> HTTPReply {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var ended = false
        while true {
            if let reply = try Self.parse(buffer, ended: ended) { return reply }
            if ended {
                throw Failure(description: "the connection ended without an answer: \(buffer.count) bytes")
            }
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { throw Failure(description: "no answer in time") }
                ended = true  // reset: whatever arrived is all there is
            } else if count == 0 {
                ended = true
            } else {
                buffer.append(contentsOf: chunk[0..<count])
            }
        }
    }

    /// The answer in `buffer` if it is complete.
    static func parse(_ buffer: Data, ended: Bool) throws -> HTTPReply? {
        guard let split = buffer.firstRange(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: buffer[buffer.startIndex..<split.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "not an HTTP answer: \(head)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        let rest = Data(buffer[split.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            var body = Data()
            var index = rest.startIndex
            while true {
                guard let lineEnd = rest[index...].firstRange(of: Data("\r\n".utf8)) else { return nil }
                let sizeText = String(decoding: rest[index..<lineEnd.lowerBound], as: UTF8.self)
                guard let size = Int(sizeText.prefix { $0 != ";" }, radix: 16) else {
                    throw Failure(description: "bad chunk size \(sizeText)")
                }
                let start = lineEnd.upperBound
                if size == 0 { return HTTPReply(status: status, headers: headers, body: body) }
                guard rest.endIndex >= start + size + 2 else { return nil }
                body.append(rest[start..<start + size])
                index = start + size + 2
            }
        }
        if let length = headers["content-length"].flatMap(Int.init) {
            guard rest.count >= length else { return nil }
            return HTTPReply(status: status, headers: headers, body: rest.prefix(length))
        }
        return ended ? HTTPReply(status: status, headers: headers, body: rest) : nil
    }
}

/// Requests to a ``ServerProcess``, one connection each (`Connection: close`).
enum HTTP {
    enum Framing {
        /// `Content-Length: N` (the default).
        case length
        /// `Transfer-Encoding: chunked`, no Content-Length.
        case chunked
    }

    /// Sends one request; the body goes in pieces of `piece` bytes with `pause` seconds between them, and
    /// `progress` is told the bytes written after each piece. Sending stops as soon as the server answers
    /// (an early 413) or stops taking bytes. With `abandonAt`, the connection is closed once that many body
    /// bytes are written, without waiting for an answer (the reply's status is then 0).
    static func request(
        _ method: String, _ path: String, port: Int, token: String? = nil, body: Data? = nil,
        framing: Framing = .length, contentType: String = "application/xml", piece: Int = 256 << 10,
        pause: Double = 0, headers extra: [String] = [], timeout: Int = 30, abandonAt: Int? = nil,
        progress: (Int) -> Void = { _ in }
    ) throws -> HTTPReply {
        let connection = try HTTPConnection(port: port, timeout: timeout)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for line in extra { head += line + "\r\n" }
        if let body {
            head += "Content-Type: \(contentType)\r\n"
            switch framing {
            case .length: head += "Content-Length: \(body.count)\r\n"
            case .chunked: head += "Transfer-Encoding: chunked\r\n"
            }
        }
        _ = connection.send(Data((head + "\r\n").utf8))
        var sent = 0
        if let body {
            var offset = 0
            var open = true
            while offset < body.count, open, !connection.answered {
                let end = min(offset + piece, body.count)
                var bytes = Data()
                if framing == .chunked { bytes.append(Data("\(String(end - offset, radix: 16))\r\n".utf8)) }
                bytes.append(body[offset..<end])
                if framing == .chunked { bytes.append(Data("\r\n".utf8)) }
                open = connection.send(bytes)
                if open { sent = end }
                offset = end
                progress(sent)
                if let abandonAt, sent >= abandonAt {
                    return HTTPReply(status: 0, headers: [:], body: Data(), bodyBytesSent: sent)
                }
                if pause > 0, offset < body.count { Thread.sleep(forTimeInterval: pause) }
            }
            if open, offset >= body.count, framing == .chunked, !connection.answered {
                _ = connection.send(Data("0\r\n\r\n".utf8))
            }
        }
        var reply = try connection.readReply()
        reply.bodyBytesSent = sent
        return reply
    }

    static func get(_ path: String, port: Int, token: String? = nil) throws -> HTTPReply {
        try request("GET", path, port: port, token: token)
    }

    /// `POST /v1/filings` with the filing's bytes.
    static func file(
        _ body: Data, port: Int, token: String?, framing: Framing = .length,
        progress: (Int) -> Void = { _ in }
    ) throws -> HTTPReply {
        try request(
            "POST", "/v1/filings", port: port, token: token, body: body, framing: framing, progress: progress)
    }
}
