import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// `HTTPTransport` over AsyncHTTPClient (SwiftNIO, TLS by NIOSSL/BoringSSL): the default. See docs/aws-client.md.
///
/// Unlike `URLSessionTransport` it needs no libcurl, so a `--static-swift-stdlib` runtime binary needs only glibc and
/// libstdc++ from the Lambda image. Connections are pooled per host (keep-alive, HTTP/1.1). `timeouts.connect`
/// bounds establishing a connection (TCP and TLS) separately from `timeouts.request`, which is handed to
/// AsyncHTTPClient as the attempt's deadline (the client's `Deadline` bounds the attempt as well).
///
/// Runs on NIO's process-wide event loop group (`MultiThreadedEventLoopGroup.singleton`), so a transport owns
/// connection pools but no threads: shutting it down (or letting it deinit) closes its connections and leaks no
/// event loop. `shared` lives for the whole process, like `HTTPClient.shared`.
public final class AsyncHTTPClientTransport: HTTPTransport, @unchecked Sendable {
    // @unchecked: `clients` and `isShutDown` are only touched under `lock`; the rest is immutable.

    /// The process-wide transport the default `AWSClientConfiguration` uses; never shut down.
    public static let shared = AsyncHTTPClientTransport()

    /// Responses larger than this fail with `HTTPTransportError.Kind.invalidResponse` instead of being buffered.
    public let maxResponseBytes: Int
    private let eventLoopGroup: any EventLoopGroup
    private let lock = NSLock()
    /// One pooled HTTPClient per connect timeout in use: AsyncHTTPClient fixes the connect timeout per client, and
    /// the `HTTPTransport` seam passes timeouts per request. In practice there is one.
    private var clients: [Duration: HTTPClient] = [:]
    private var isShutDown = false

    /// - Parameter maxResponseBytes: the cap on a buffered response body (default 32 MiB; the largest answers the
    ///   runtimes read are DynamoDB query pages of at most 1 MB).
    public init(
        maxResponseBytes: Int = 32 << 20, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.maxResponseBytes = maxResponseBytes
        self.eventLoopGroup = eventLoopGroup
    }

    deinit {
        // Not `syncShutdown`: the last reference may drop on an event loop thread, where blocking would deadlock.
        for client in clients.values { client.shutdown { _ in } }
    }

    public func send(_ request: HTTPRequest, timeouts: HTTPTimeouts) async throws -> HTTPResponse {
        let client = try client(connectTimeout: timeouts.connect)
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        do {
            let response = try await client.execute(outgoing, deadline: .now() + TimeAmount(timeouts.request))
            let body = try await response.body.collect(upTo: maxResponseBytes)
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { "\($0), \(value)" } ?? value
            }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch {
            throw Self.classify(error, maxResponseBytes: maxResponseBytes, timeouts: timeouts)
        }
    }

    /// Closes every pooled connection and waits for it. Later `send`s fail. Never call it on `shared`.
    public func shutdown() async throws {
        for client in takeClients() { try await client.shutdown() }
    }

    /// Blocking `shutdown()`, for synchronous teardown paths; must not run on an event loop thread.
    @available(*, noasync, message: "blocks the thread; use shutdown() from async code")
    public func syncShutdown() throws {
        for client in takeClients() { try client.syncShutdown() }
    }

    private func takeClients() -> [HTTPClient] {
        lock.withLock {
            isShutDown = true
            defer { clients = [:] }
            return Array(clients.values)
        }
    }

    private func client(connectTimeout: Duration) throws -> HTTPClient {
        try lock.withLock {
            guard !isShutDown else { throw HTTPTransportError(.other, "the HTTP transport was shut down") }
            if let client = clients[connectTimeout] { return client }
            let client = HTTPClient(
                eventLoopGroup: eventLoopGroup, configuration: Self.configuration(connectTimeout: connectTimeout))
            clients[connectTimeout] = client
            return client
        }
    }

    static func configuration(connectTimeout: Duration) -> HTTPClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            // A signed request must not be re-sent elsewhere: redirects surface as the service's answer.
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(connectTimeout)),
            decompression: .disabled)
        configuration.httpVersion = .http1Only
        // Fail a refused connection at once instead of re-dialling until the connect timeout: the client's retry
        // policy (backoff, quota) decides about retries, as it does for URLSessionTransport.
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
