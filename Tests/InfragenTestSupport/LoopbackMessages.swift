import Foundation

/// One HTTP/1.1 request as the ``LoopbackServer`` received it.
public struct LoopbackRequest: Sendable, CustomStringConvertible {
    /// The method, as sent (`GET`, `POST`, ...).
    public var method: String
    /// The request target: path plus query, as sent (`/a/b?x=1`).
    public var target: String
    /// The header fields in arrival order, names as sent.
    public var headers: [(name: String, value: String)]
    /// The body (decoded from `Transfer-Encoding: chunked` when the client chunked it).
    public var body: Data

    public init(method: String, target: String, headers: [(name: String, value: String)], body: Data) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The path without the query.
    public var path: String {
        target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
    }

    /// The query string without the `?`, or nil when there is none.
    public var query: String? {
        target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
    }

    /// The first value of a header field; names compare case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    public var description: String { "\(method) \(target) (\(body.count) bytes)" }
}

/// What the handler wants sent back, including deliberate misbehaviour for fault tests.
public struct LoopbackResponse: Sendable {
    /// A transport fault the server acts out instead of (or in the middle of) a normal response.
    public enum Fault: Sendable, Equatable {
        /// Close the connection without writing a single byte.
        case dropConnection
        /// Write the status line, the headers (with the full Content-Length) and this many body bytes, then close.
        case closeMidBody(afterBytes: Int)
    }

    public var status: Int
    /// Header fields to send. `Content-Length` is added unless present; `Connection: close` here closes the
    /// connection after this response.
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// Time to wait before writing anything (after the request was read completely).
    public var delay: Duration
    public var fault: Fault?

    public init(
        status: Int = 200,
        headers: [(name: String, value: String)] = [],
        body: Data = Data(),
        delay: Duration = .zero,
        fault: Fault? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.fault = fault
    }

    /// A response with a text body.
    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain") -> Self {
        Self(status: status, headers: [("Content-Type", contentType)], body: Data(text.utf8))
    }

    /// A response with a JSON body given as text.
    public static func json(_ json: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> Self {
        Self(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(json.utf8))
    }

    /// The connection is closed without any response.
    public static var drop: Self { Self(fault: .dropConnection) }

    /// Returns a copy that waits `delay` before responding.
    public func delayed(by delay: Duration) -> Self {
        var copy = self
        copy.delay = delay
        return copy
    }

    /// Returns a copy that is cut off after `bytes` bytes of its body.
    public func cut(afterBodyBytes bytes: Int) -> Self {
        var copy = self
        copy.fault = .closeMidBody(afterBytes: bytes)
        return copy
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}
