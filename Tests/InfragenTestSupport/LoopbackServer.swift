import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 at a kernel-chosen port, for tests that need a real peer on a real socket:
/// AWS client fault injection, the Bedrock stub, the Lambda Runtime API stub.
///
/// Each connection gets its own thread, because the reads block; the handler is `async` so a stub can wait for
/// something (a long-poll such as the Runtime API's `next`) without busy loops. Connections are kept alive unless
/// the request or the response says `Connection: close`. Every request is recorded in arrival order, including
/// those answered with a fault.
///
/// ```swift
/// let server = try LoopbackServer { request in
///     request.path == "/ping" ? .text("pong") : .drop
/// }
/// defer { server.stop() }
/// // talk to server.baseURL ...
/// ```
public final class LoopbackServer: @unchecked Sendable {
    // @unchecked: mutable state (`state`) is only touched under `lock`; the rest is immutable after init.
    public typealias Handler = @Sendable (LoopbackRequest) async -> LoopbackResponse

    /// The port the server listens on.
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    private let listener: LoopbackSocket
    private let handler: Handler
    /// Where handler tasks run (see ``LoopbackExecutor``); `AnyObject` keeps the availability check local.
    private let executor: AnyObject?
    private let lock = NSLock()
    private var state = State()

    private struct State {
        var requests: [LoopbackRequest] = []
        var connections: [Int32: LoopbackSocket] = [:]
        var acceptedConnections = 0
        var stopped = false
    }

    /// Starts listening at once; the server runs until ``stop()`` or deinit.
    public init(handler: @escaping Handler) throws {
        let (listener, port) = try LoopbackSocket.makeListener()
        self.listener = listener
        self.port = port
        self.handler = handler
        if #available(macOS 15.0, *) {
            executor = LoopbackExecutor(name: "loopback-handlers-\(port)")
        } else {
            executor = nil
        }
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "loopback-accept-\(port)"
        thread.start()
    }

    deinit { stop() }

    /// Every request received so far, in arrival order.
    public var requests: [LoopbackRequest] { lock.withLock { state.requests } }

    /// How many TCP connections have been accepted (tells keep-alive reuse from reconnects).
    public var acceptedConnections: Int { lock.withLock { state.acceptedConnections } }

    /// How many accepted connections are still open (the peer has not closed them, nor has `stop()`).
    public var openConnections: Int { lock.withLock { state.connections.count } }

    /// Waits until exactly `count` connections are open (a client closed its pool, say), or throws after `timeout`.
    public func waitForOpenConnections(_ count: Int, timeout: Duration = .seconds(10)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while openConnections != count {
            if clock.now >= deadline {
                throw Timeout(
                    description: "expected \(count) open connections within \(timeout), have \(openConnections)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits until at least `count` requests arrived; returns them, or throws after `timeout`.
    @discardableResult
    public func waitForRequests(_ count: Int, timeout: Duration = .seconds(10)) async throws -> [LoopbackRequest] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let received = requests
            if received.count >= count { return received }
            if clock.now >= deadline {
                throw Timeout(description: "expected \(count) requests within \(timeout), got \(received.count)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    public struct Timeout: Error, CustomStringConvertible {
        public var description: String
    }

    /// Stops accepting, closes open connections and releases the port. Idempotent.
    public func stop() {
        let open: [LoopbackSocket]? = lock.withLock {
            guard !state.stopped else { return nil }
            state.stopped = true
            return Array(state.connections.values)
        }
        guard let open else { return }
        if #available(macOS 15.0, *) { (executor as? LoopbackExecutor)?.shutdown() }
        listener.shutdownBoth()
        listener.closeDescriptor()
        // Shutting down (not closing) wakes the connection threads; each closes its own descriptor.
        open.forEach { $0.shutdownBoth() }
    }

    private func acceptLoop() {
        while let connection = listener.acceptConnection() {
            let accepted = lock.withLock {
                guard !state.stopped else { return false }
                state.connections[connection.fd] = connection
                state.acceptedConnections += 1
                return true
            }
            guard accepted else {
                connection.closeDescriptor()
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.name = "loopback-connection-\(port)"
            thread.start()
        }
    }

    private func serve(_ connection: LoopbackSocket) {
        defer {
            lock.withLock { _ = state.connections.removeValue(forKey: connection.fd) }
            connection.closeDescriptor()
        }
        var reader = LoopbackRequestReader(socket: connection)
        while let request = try? reader.next() {
            lock.withLock { state.requests.append(request) }
            let response = awaitHandler(request)
            if response.delay > .zero { Thread.sleep(forTimeInterval: response.delay.loopbackSeconds) }
            guard write(response, to: connection) else { return }
            let closeRequested = request.header("Connection")?.lowercased() == "close"
                || response.headers.contains {
                    $0.name.lowercased() == "connection" && $0.value.lowercased() == "close"
                }
            if closeRequested { return }
        }
    }

    /// Runs the async handler from this connection's thread (not the cooperative pool, so blocking here is fine).
    private func awaitHandler(_ request: LoopbackRequest) -> LoopbackResponse {
        let handler = handler
        if #available(macOS 15.0, *), let executor = executor as? LoopbackExecutor {
            return executor.runBlocking { await handler(request) }
        }
        let box = ResultBox<LoopbackResponse>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await handler(request)
            done.signal()
        }
        done.wait()
        return box.value!
    }

    /// Writes the response or acts out its fault; false when the connection must be closed afterwards.
    private func write(_ response: LoopbackResponse, to connection: LoopbackSocket) -> Bool {
        if response.fault == .dropConnection { return false }
        var head = "HTTP/1.1 \(response.status) \(LoopbackResponse.reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        if !response.headers.contains(where: { $0.name.lowercased() == "content-length" }) {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        head += "\r\n"
        if case .closeMidBody(let bytes) = response.fault {
            connection.sendAll(Data(head.utf8) + response.body.prefix(bytes))
            return false
        }
        return connection.sendAll(Data(head.utf8) + response.body)
    }
}

extension Duration {
    /// This duration in seconds, as a `TimeInterval`.
    fileprivate var loopbackSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
