#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
private let streamType = Int32(SOCK_STREAM.rawValue)
private let sendFlags = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
import Darwin
private let streamType = SOCK_STREAM
private let sendFlags: Int32 = 0
#endif

// Why a hand-written HTTP/1.1 client: the Runtime API is plain HTTP on loopback (`127.0.0.1:9001`), with a
// long-poll `next` that must never time out. URLSession on Linux lives in FoundationNetworking, which links libcurl
// and brings its own timeouts; SwiftNIO/AsyncHTTPClient would add megabytes and threads to every cold start. The
// runtime needs four requests with small JSON bodies, so ~200 lines over a POSIX socket keep the bootstrap binary
// small and its behaviour explicit. One connection per request (`Connection: close`): on loopback a connect costs
// microseconds, and no stale keep-alive connection can ever swallow a response POST.

/// A response from the Runtime API.
struct RuntimeHTTPResponse: Sendable {
    var status: Int
    /// Header fields with lower-cased names.
    var headers: [String: String]
    var body: [UInt8]
}

/// One blocking HTTP/1.1 exchange with `host:port`.
enum RuntimeHTTPConnection {
    static func exchange(
        host: String, port: Int, method: String, path: String,
        headers: [(String, String)] = [], body: [UInt8] = []
    ) throws(LambdaRuntimeError) -> RuntimeHTTPResponse {
        let fd = try connect(host: host, port: port)
        defer { _ = close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUser-Agent: infragen-lambda-runtime\r\n"
        head += "Connection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if method != "GET" || !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try sendAll(fd, Array(head.utf8) + body, what: "\(method) \(path)")
        return try readResponse(fd, what: "\(method) \(path)")
    }

    private static func connect(host: String, port: Int) throws(LambdaRuntimeError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw LambdaRuntimeError(.runtimeAPIUnreachable, "cannot resolve Runtime API host \(host): "
                + String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        var reason = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                #if canImport(Darwin)
                var one: Int32 = 1
                setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
                #endif
                if systemConnect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
                reason = String(cString: strerror(errno))
                _ = close(fd)
            }
            candidate = info.pointee.ai_next
        }
        throw LambdaRuntimeError(.runtimeAPIUnreachable,
            "cannot connect to the Runtime API at \(host):\(port): \(reason)")
    }

    private static func sendAll(_ fd: Int32, _ bytes: [UInt8], what: String) throws(LambdaRuntimeError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, sendFlags) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                throw LambdaRuntimeError(.runtimeAPIUnreachable,
                    "\(what): connection to the Runtime API broke while sending: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Reads until the header section is complete, then the body by Content-Length, chunks, or end of stream.
    private static func readResponse(_ fd: Int32, what: String) throws(LambdaRuntimeError) -> RuntimeHTTPResponse {
        var reader = ByteReader(fd: fd)
        let statusLine = try reader.line(what)
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw LambdaRuntimeError(.runtimeAPIProtocol, "\(what): bad status line \(statusLine.debugDescription)")
        }
        var headers: [String: String] = [:]
        while true {
            let line = try reader.line(what)
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else {
                throw LambdaRuntimeError(.runtimeAPIProtocol, "\(what): bad header line \(line.debugDescription)")
            }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            headers[line[..<colon].lowercased()] = String(value.reversed().drop { $0 == " " }.reversed())
        }
        var body: [UInt8] = []
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                let sizeLine = try reader.line(what)
                guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else {
                    throw LambdaRuntimeError(.runtimeAPIProtocol,
                        "\(what): bad chunk size \(sizeLine.debugDescription)")
                }
                if size == 0 { break }
                body += try reader.bytes(size, what)
                _ = try reader.line(what)
            }
        } else if let length = headers["content-length"] {
            guard let count = Int(length), count >= 0 else {
                throw LambdaRuntimeError(.runtimeAPIProtocol, "\(what): bad Content-Length \(length)")
            }
            body = try reader.bytes(count, what)
        } else {
            body = reader.rest()
        }
        return RuntimeHTTPResponse(status: status, headers: headers, body: body)
    }
}

#if canImport(Glibc)
private let systemConnect = Glibc.connect
#elseif canImport(Darwin)
private let systemConnect = Darwin.connect
#endif

/// Buffered reads from a socket.
private struct ByteReader {
    let fd: Int32
    var buffer: [UInt8] = []
    var position = 0
    var ended = false

    init(fd: Int32) { self.fd = fd }

    /// Reads more bytes; false at end of stream.
    mutating func fill() -> Bool {
        if ended { return false }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                ended = true
                return false
            }
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            buffer += chunk[0..<count]
            return true
        }
    }

    mutating func line(_ what: String) throws(LambdaRuntimeError) -> String {
        while true {
            if let end = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var lineEnd = end
                if lineEnd > position && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                let line = String(decoding: buffer[position..<lineEnd], as: UTF8.self)
                position = end + 1
                return line
            }
            guard fill() else {
                throw LambdaRuntimeError(.runtimeAPIUnreachable,
                    "\(what): the Runtime API closed the connection before the response was complete")
            }
        }
    }

    mutating func bytes(_ count: Int, _ what: String) throws(LambdaRuntimeError) -> [UInt8] {
        while buffer.count - position < count {
            guard fill() else {
                throw LambdaRuntimeError(.runtimeAPIUnreachable,
                    "\(what): the Runtime API closed the connection after \(buffer.count - position) of \(count) "
                        + "body bytes")
            }
        }
        let result = Array(buffer[position..<(position + count)])
        position += count
        return result
    }

    mutating func rest() -> [UInt8] {
        while fill() {}
        return Array(buffer[position...])
    }
}
