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

    static func readResponse(from socket: LoopbackSocket) -> RawResponse {
        var buffer = Data()
        var response = RawResponse()
        while buffer.range(of: Data("\r\n\r\n".utf8)) == nil {
            let more = socket.receive()
            if more.isEmpty {
                response.closedEarly = true
                return response
            }
            buffer.append(more)
        }
        let split = buffer.range(of: Data("\r\n\r\n".utf8))!
        let lines = String(decoding: buffer[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        response.status = Int(lines[0].split(separator: " ")[1])
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            response.headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(buffer[split.upperBound...])
        let length = Int(response.headers["content-length"] ?? "0")!
        while body.count < length {
            let more = socket.receive()
            if more.isEmpty {
                response.closedEarly = true
                break
            }
            body.append(more)
        }
        response.body = body
        return response
    }

    @Test func echoesMethodPathQueryHeadersAndBody() throws {
        let server = try LoopbackServer { request in
            .json(#"{"method":"\#(request.method)","path":"\#(request.path)","query":"\#(request.query ?? "")"}"#,
                  status: 201, headers: [("X-Echo", request.header("x-custom") ?? "missing")])
        }
        defer { server.stop() }
        let socket = try LoopbackSocket.connect(port: server.port)
        defer { socket.closeDescriptor() }
        socket.sendAll(Data("POST /a/b?x=1&y=2 HTTP/1.1\r\nHost: x\r\nX-Custom: yes\r\nContent-Length: 5\r\n\r\nhello".utf8))
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
        let socket = try LoopbackSocket.connect(port: server.port)
        defer { socket.closeDescriptor() }
        // Two requests in one write: the second must survive in the reader's buffer.
        socket.sendAll(Data(
            ("PUT /1 HTTP/1.1\r\nContent-Length: 3\r\n\r\none" + "PUT /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\ntwo").utf8))
        #expect(String(decoding: Self.readResponse(from: socket).body, as: UTF8.self) == "got one")
        #expect(String(decoding: Self.readResponse(from: socket).body, as: UTF8.self) == "got two")
        socket.sendAll(Data("GET /3 HTTP/1.1\r\n\r\n".utf8))
        #expect(String(decoding: Self.readResponse(from: socket).body, as: UTF8.self) == "got ")
        #expect(server.acceptedConnections == 1)
        #expect(server.requests.map(\.path) == ["/1", "/2", "/3"])
    }

    @Test func closesAfterConnectionCloseFromTheClient() throws {
        let server = try LoopbackServer { _ in .text("bye") }
        defer { server.stop() }
        let socket = try LoopbackSocket.connect(port: server.port)
        defer { socket.closeDescriptor() }
        socket.sendAll(Data("GET / HTTP/1.1\r\nConnection: close\r\n\r\n".utf8))
        #expect(Self.readResponse(from: socket).status == 200)
        #expect(socket.receive().isEmpty, "server should have closed the connection")
    }

    @Test func decodesChunkedRequestBodies() throws {
        let server = try LoopbackServer { _ in .text("ok") }
        defer { server.stop() }
        let socket = try LoopbackSocket.connect(port: server.port)
        defer { socket.closeDescriptor() }
        socket.sendAll(Data(
            "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n".utf8))
        #expect(Self.readResponse(from: socket).status == 200)
        #expect(server.requests.first?.bodyText == "hello, world")
    }

    @Test func dropsTheConnectionWithoutAResponse() throws {
        let server = try LoopbackServer { _ in .drop }
        defer { server.stop() }
        let socket = try LoopbackSocket.connect(port: server.port)
        defer { socket.closeDescriptor() }
        socket.sendAll(Data("GET /x HTTP/1.1\r\n\r\n".utf8))
        let response = Self.readResponse(from: socket)
        #expect(response.closedEarly && response.status == nil)
        #expect(server.requests.count == 1, "a dropped request is still recorded")
    }

    @Test func closesInTheMiddleOfTheBody() throws {
        let server = try LoopbackServer { _ in .text(String(repeating: "x", count: 100)).cut(afterBodyBytes: 10) }
        defer { server.stop() }
        let socket = try LoopbackSocket.connect(port: server.port)
        defer { socket.closeDescriptor() }
        socket.sendAll(Data("GET / HTTP/1.1\r\n\r\n".utf8))
        let response = Self.readResponse(from: socket)
        #expect(response.status == 200)
        #expect(response.headers["content-length"] == "100")
        #expect(response.body.count == 10)
        #expect(response.closedEarly)
    }

    @Test func delaysBeforeResponding() throws {
        let server = try LoopbackServer { _ in LoopbackResponse.text("late").delayed(by: .milliseconds(300)) }
        defer { server.stop() }
        let socket = try LoopbackSocket.connect(port: server.port)
        defer { socket.closeDescriptor() }
        let clock = ContinuousClock()
        let start = clock.now
        socket.sendAll(Data("GET / HTTP/1.1\r\n\r\n".utf8))
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
        let waiting = try LoopbackSocket.connect(port: server.port)
        let opener = try LoopbackSocket.connect(port: server.port)
        defer { waiting.closeDescriptor(); opener.closeDescriptor() }
        waiting.sendAll(Data("GET /wait HTTP/1.1\r\n\r\n".utf8))
        try await server.waitForRequests(1)
        opener.sendAll(Data("GET /open HTTP/1.1\r\n\r\n".utf8))
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
        let socket = try LoopbackSocket.connect(port: server.port)
        defer { socket.closeDescriptor() }
        socket.sendAll(Data("GET / HTTP/1.1\r\n\r\n".utf8))
        #expect(Self.readResponse(from: socket).status == 200)
        server.stop()
        #expect(socket.receive().isEmpty, "the kept-alive connection is closed by stop()")
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
