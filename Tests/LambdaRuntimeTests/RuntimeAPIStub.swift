import Foundation
import InfragenTestSupport
@testable import LambdaRuntime

/// A Lambda Runtime API on a real loopback socket: hands out queued events on `next` (with the documented headers)
/// and accepts responses and errors. When the queue is empty, `next` answers HTTP 500, which the documentation says
/// means "exit promptly", so a `LambdaMain` under test ends.
final class RuntimeAPIStub: Sendable {
    struct Event: Sendable {
        var requestID: String
        var body: String
        var deadlineMilliseconds: Int64
        var functionARN = "arn:aws:lambda:us-east-1:123456789012:function:test"
        var traceID: String? = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
    }

    private let queue: EventQueue
    let server: LoopbackServer

    init(events: [Event]) throws {
        let queue = EventQueue(events)
        self.queue = queue
        server = try LoopbackServer { request in
            switch (request.method, request.path) {
            case ("GET", "/2018-06-01/runtime/invocation/next"):
                guard let event = await queue.pop() else {
                    return .json(#"{"errorMessage":"no more events","errorType":"Stub.Empty"}"#, status: 500)
                }
                var headers: [(name: String, value: String)] = [
                    ("Lambda-Runtime-Aws-Request-Id", event.requestID),
                    ("Lambda-Runtime-Deadline-Ms", String(event.deadlineMilliseconds)),
                    ("Lambda-Runtime-Invoked-Function-Arn", event.functionARN),
                ]
                if let traceID = event.traceID { headers.append(("Lambda-Runtime-Trace-Id", traceID)) }
                return .json(event.body, headers: headers)
            case ("POST", let path) where path.hasPrefix("/2018-06-01/runtime/"):
                return .json(#"{"status":"OK"}"#, status: 202)
            default:
                return .json(#"{"errorMessage":"unknown path"}"#, status: 404)
            }
        }
    }

    var client: HTTPRuntimeAPIClient { HTTPRuntimeAPIClient(host: "127.0.0.1", port: server.port) }
    var environment: [String: String] { ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(server.port)"] }

    /// The POSTs received, in order.
    var posts: [LoopbackRequest] { server.requests.filter { $0.method == "POST" } }

    func stop() { server.stop() }

    static func event(_ id: String, _ body: String, deadlineIn milliseconds: Int64 = 60_000) -> Event {
        Event(requestID: id, body: body,
              deadlineMilliseconds: SystemLambdaClock().nowMilliseconds() + milliseconds)
    }
}

private actor EventQueue {
    private var events: [RuntimeAPIStub.Event]
    init(_ events: [RuntimeAPIStub.Event]) { self.events = events }
    func pop() -> RuntimeAPIStub.Event? { events.isEmpty ? nil : events.removeFirst() }
}

/// Lines written by the runtime, for assertions.
final class CapturingSink: LogLineSink, @unchecked Sendable {
    // @unchecked: `captured` is only touched under `lock`.
    private let lock = NSLock()
    private var captured: [String] = []
    func write(line: String) { lock.withLock { captured.append(line) } }
    var lines: [String] { lock.withLock { captured } }

    /// Each line parsed as a JSON object.
    var objects: [[String: Any]] {
        lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}

/// A clock that says what the test tells it.
struct FixedClock: LambdaClock {
    var now: Int64
    func nowMilliseconds() -> Int64 { now }
}
