import Foundation

/// A request ready for the wire: signed, with its final URL.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(method: HTTPMethod, url: URL, headers: [(name: String, value: String)], body: Data) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// A complete response.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// How long the transport waits.
public struct HTTPTimeouts: Sendable, Equatable {
    /// Time allowed to establish the connection (including TLS).
    public var connect: Duration
    /// Time allowed for the whole exchange of one attempt, connection included.
    public var request: Duration

    public init(connect: Duration = .seconds(3), request: Duration = .seconds(30)) {
        self.connect = connect
        self.request = request
    }
}

/// Why an exchange failed below HTTP. The client retries `connectFailed`, `connectionLost` and `timedOut`.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case connectFailed, connectionLost, timedOut, invalidResponse, other
    }
    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue): \(detail)" }
}

/// The seam between the client and the network: tests inject recording or fault-injecting transports.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the complete response, whatever its status; throws `HTTPTransportError`
    /// when no complete response arrived.
    func send(_ request: HTTPRequest, timeouts: HTTPTimeouts) async throws -> HTTPResponse
}
