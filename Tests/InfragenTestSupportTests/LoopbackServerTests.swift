import Foundation
import Testing
@testable import InfragenTestSupport

/// The loopback server, driven over raw sockets so each byte on the wire is under the test's control.
@Suite struct LoopbackServerTests {
    /// Reads one response: status, headers and a Content-Length body; nil fields when the peer closed early.
    struct RawResponse {
        var status: Int?
        var headers: [String: String] = [:]
        var body = Data()
        var closedEarly = false
    }

    /// Reads one response, keeping bytes of the next (pipelined) response buffered on `connection`.
    static func readResponse(from connection: RawConnection) -> RawResponse {
        var response = RawResponse()
        let separator = Data("\r\n\r\n".utf8)
        while connection.buffer.range(of: separator) == nil {
            guard connection.fill() else {
                response.closedEarly = true
                return response
            }
        }
        let split = connection.buffer.range(of: separator)!
        let head = String(decoding: connection.buffer[..<split.lowerBound], as: UTF8.self)
        connection.buffer = Data(connection.buffer[split.upperBound...])
        let lines = head.components(separatedBy: "\r\n")
        response.status = Int(lines[0].split(separator: " ")[1])
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            response.headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(response.headers["content-length"] ?? "0")!
        while connection.buffer.count < length {
            guard connection.fill() else {
                response.closedEarly = true
                break
            }
        }
        response.body = Data(connection.buffer.prefix(length))
        connection.buffer = Data(connection.buffer.dropFirst(length))
        return response
    }

    /// A client socket with a read buffer.
    final class RawConnection {
        let socket: LoopbackSocket
        var buffer = Data()
        init(port: Int) throws { socket = try LoopbackSocket.connect(port: port) }
        func send(_ text: String) { socket.sendAll(Data(text.utf8)) }
        func fill() -> Bool {
            let more = socket.receive()
            buffer.append(more)
            return !more.isEmpty
        }
        /// True when the peer closed (end of stream with nothing buffered).
        var peerClosed: Bool { buffer.isEmpty && socket.receive().isEmpty }
        func close() { socket.closeDescriptor() }
    }

    @Test func echoesMethodPathQueryHeadersAndBody() throws {
        let server = try LoopbackServer { request in
            .json(#"{"method":"\#(request.method)","path":"\#(request.path)","query":"\#(request.query ?? "")"}"#,
                  status: 201, headers: [("X-Echo", request.header("x-custom") ?? "missing")])
        }
        defer { server.stop() }
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        socket.send("POST /a/b?x=1&y=2 HTTP/1.1\r\nHost: x\r\nX-Custom: yes\r\nContent-Length: 5\r\n\r\nhello")
        let response = Self.readResponse(from: socket)
        #expect(response.status == 201)
        #expect(response.headers["x-echo"] == "yes")
        #expect(response.headers["content-type"] == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"method":"POST","path":"/a/b","query":"x=1&y=2"}"#)
        let recorded = try #require(server.requests.first)
        #expect(recorded.bodyText == "hello")
        #expect(recorded.target == "/a/b?x=1&y=2")
        #expect(recorded.header("X-CUSTOM") == "yes")
    }

    @Test func keepsTheConnectionAliveAcrossRequestsAndReadsPipelinedBodies() throws {
        let server = try LoopbackServer { .text("got " + $0.bodyText) }
        defer { server.stop() }
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        // Two requests in one write: the second must survive in the reader's buffer.
        socket.send(
            ("PUT /1 HTTP/1.1\r\nContent-Length: 3\r\n\r\none" + "PUT /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\ntwo"))
        #expect(String(decoding: Self.readResponse(from: socket).body, as: UTF8.self) == "got one")
        #expect(String(decoding: Self.readResponse(from: socket).body, as: UTF8.self) == "got two")
        socket.send("GET /3 HTTP/1.1\r\n\r\n")
        #expect(String(decoding: Self.readResponse(from: socket).body, as: UTF8.self) == "got ")
        #expect(server.acceptedConnections == 1)
        #expect(server.requests.map(\.path) == ["/1", "/2", "/3"])
    }

    @Test func closesAfterConnectionCloseFromTheClient() throws {
        let server = try LoopbackServer { _ in .text("bye") }
        defer { server.stop() }
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        socket.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(Self.readResponse(from: socket).status == 200)
        #expect(socket.peerClosed, "server should have closed the connection")
    }

    @Test func decodesChunkedRequestBodies() throws {
        let server = try LoopbackServer { _ in .text("ok") }
        defer { server.stop() }
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        socket.send(
            "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n")
        #expect(Self.readResponse(from: socket).status == 200)
        #expect(server.requests.first?.bodyText == "hello, world")
    }

    @Test func dropsTheConnectionWithoutAResponse() throws {
        let server = try LoopbackServer { _ in .drop }
        defer { server.stop() }
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        socket.send("GET /x HTTP/1.1\r\n\r\n")
        let response = Self.readResponse(from: socket)
        #expect(response.closedEarly && response.status == nil)
        #expect(server.requests.count == 1, "a dropped request is still recorded")
    }

    @Test func closesInTheMiddleOfTheBody() throws {
        let server = try LoopbackServer { _ in .text(String(repeating: "x", count: 100)).cut(afterBodyBytes: 10) }
        defer { server.stop() }
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        socket.send("GET / HTTP/1.1\r\n\r\n")
        let response = Self.readResponse(from: socket)
        #expect(response.status == 200)
        #expect(response.headers["content-length"] == "100")
        #expect(response.body.count == 10)
        #expect(response.closedEarly)
    }

    @Test func delaysBeforeResponding() throws {
        let server = try LoopbackServer { _ in LoopbackResponse.text("late").delayed(by: .milliseconds(300)) }
        defer { server.stop() }
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        let clock = ContinuousClock()
        let start = clock.now
        socket.send("GET / HTTP/1.1\r\n\r\n")
        let response = Self.readResponse(from: socket)
        #expect(response.status == 200)
        // A lower bound only: the delay must have happened; no upper bound, the machine is shared.
        #expect(clock.now - start >= .milliseconds(300))
    }

    @Test func servesConnectionsConcurrentlyWhileOneHandlerWaits() async throws {
        // The first request parks until the second arrives: only works if connections are served in parallel.
        let gate = AsyncGate()
        let server = try LoopbackServer { request in
            if request.path == "/wait" {
                await gate.wait()
                return .text("released")
            }
            await gate.open()
            return .text("opened")
        }
        defer { server.stop() }
        let waiting = try RawConnection(port: server.port)
        let opener = try RawConnection(port: server.port)
        defer { waiting.close(); opener.close() }
        waiting.send("GET /wait HTTP/1.1\r\n\r\n")
        try await server.waitForRequests(1)
        opener.send("GET /open HTTP/1.1\r\n\r\n")
        #expect(String(decoding: Self.readResponse(from: opener).body, as: UTF8.self) == "opened")
        #expect(String(decoding: Self.readResponse(from: waiting).body, as: UTF8.self) == "released")
    }

    @Test func answersARealHTTPClient() throws {
        let server = try LoopbackServer { request in
            .json(#"{"len":\#(request.body.count)}"#)
        }
        defer { server.stop() }
        let result = try Subprocess.run([
            "curl", "-sS", "-f", "-X", "POST", "--data-binary", "abcdef", server.baseURL + "/p",
            server.baseURL + "/q",  // a second URL: curl reuses the connection
        ])
        #expect(result.succeeded, "\(result.stderr)")
        #expect(result.stdout == #"{"len":6}{"len":6}"#)
        #expect(server.acceptedConnections == 1)
    }

    @Test func stopReleasesThePortAndEndsOpenConnections() throws {
        let server = try LoopbackServer { _ in .text("ok") }
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        socket.send("GET / HTTP/1.1\r\n\r\n")
        #expect(Self.readResponse(from: socket).status == 200)
        server.stop()
        #expect(socket.peerClosed, "the kept-alive connection is closed by stop()")
        #expect(throws: (any Error).self) { try LoopbackSocket.connect(port: server.port) }
    }
}

/// A one-shot gate: `wait()` suspends until `open()` was called.
actor AsyncGate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        waiters.forEach { $0.resume() }
        waiters.removeAll()
    }
}

@Suite struct LoopbackScriptTests {
    @Test func answersInOrderThenFallsBack() async throws {
        let script = LoopbackScript([.text("first", status: 503), .drop, .text("third")], then: { request in
            .text("fallback for \(request.path)")
        })
        let server = try LoopbackServer(handler: script.handler)
        defer { server.stop() }
        let statuses = try (1...5).map { index -> String in
            let url = server.baseURL + "/\(index)"
            let result = try Subprocess.run(["curl", "-s", "-o", "-", "-w", " %{http_code}", url])
            return result.stdout
        }
        // The dropped request gives curl no response at all (status 000).
        #expect(statuses == ["first 503", " 000", "third 200", "fallback for /4 200", "fallback for /5 200"])
        #expect(await script.unused == 0)
        #expect(server.requests.map(\.path) == ["/1", "/2", "/3", "/4", "/5"])
    }
}
