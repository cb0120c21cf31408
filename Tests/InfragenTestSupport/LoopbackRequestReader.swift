import Foundation

/// Reads HTTP/1.1 requests off one connection: request line, header fields, and a body framed by
/// `Content-Length` or `Transfer-Encoding: chunked`. Bytes past one request stay buffered for the next (keep-alive).
struct LoopbackRequestReader {
    enum Failure: Error, Equatable {
        /// The peer closed the connection cleanly between requests.
        case closed
        /// The peer sent something that is not HTTP/1.1 or closed in the middle of a request.
        case malformed(String)
    }

    private let socket: LoopbackSocket
    private var buffer = Data()
    /// Header sections past this size are refused, so a confused client cannot grow the buffer forever.
    private let maximumHeaderBytes = 64 * 1024

    init(socket: LoopbackSocket) { self.socket = socket }

    mutating func next() throws(Failure) -> LoopbackRequest {
        let head = try readHead()
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            throw .malformed("bad request line \(lines[0].debugDescription)")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("bad header line \(line)") }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        var request = LoopbackRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: Data())
        if request.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            request.body = try readChunkedBody()
        } else if let length = request.header("Content-Length") {
            guard let count = Int(length), count >= 0 else { throw .malformed("bad Content-Length \(length)") }
            request.body = try readExactly(count)
        }
        return request
    }

    private mutating func readHead() throws(Failure) -> String {
        let separator = Data("\r\n\r\n".utf8)
        while true {
            if let range = buffer.range(of: separator) {
                let head = buffer[buffer.startIndex..<range.lowerBound]
                buffer = Data(buffer[range.upperBound...])
                return String(decoding: head, as: UTF8.self)
            }
            guard buffer.count < maximumHeaderBytes else { throw .malformed("header section too large") }
            let more = socket.receive()
            if more.isEmpty { throw buffer.isEmpty ? .closed : .malformed("connection closed inside the headers") }
            buffer.append(more)
        }
    }

    private mutating func readExactly(_ count: Int) throws(Failure) -> Data {
        while buffer.count < count {
            let more = socket.receive()
            if more.isEmpty { throw .malformed("connection closed after \(buffer.count) of \(count) body bytes") }
            buffer.append(more)
        }
        let body = Data(buffer.prefix(count))
        buffer = Data(buffer.dropFirst(count))
        return body
    }

    private mutating func readLine() throws(Failure) -> String {
        let crlf = Data("\r\n".utf8)
        while true {
            if let range = buffer.range(of: crlf) {
                let line = String(decoding: buffer[buffer.startIndex..<range.lowerBound], as: UTF8.self)
                buffer = Data(buffer[range.upperBound...])
                return line
            }
            let more = socket.receive()
            if more.isEmpty { throw .malformed("connection closed inside a chunked body") }
            buffer.append(more)
        }
    }

    private mutating func readChunkedBody() throws(Failure) -> Data {
        var body = Data()
        while true {
            let sizeLine = try readLine()
            let sizeText = sizeLine.split(separator: ";").first.map(String.init) ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw .malformed("bad chunk size \(sizeLine.debugDescription)")
            }
            if size == 0 {
                // Trailer fields (ignored) up to the empty line.
                while try !readLine().isEmpty {}
                return body
            }
            body.append(try readExactly(size))
            guard try readLine().isEmpty else { throw .malformed("chunk not followed by CRLF") }
        }
    }
}
