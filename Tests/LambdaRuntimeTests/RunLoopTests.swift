import Foundation
import Logging
import Testing
import InfragenTestSupport
@testable import LambdaRuntime

/// The run loop against a Runtime API stub on a real loopback socket. Serialized: `_X_AMZN_TRACE_ID` is
/// process-wide.
@Suite(.serialized) struct RunLoopTests {
    static func logger(_ sink: CapturingSink) -> Logger {
        Logger(label: "test") { JSONLogHandler(label: $0, sink: sink, level: .debug) }
    }

    static func json(_ request: LoopbackRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
    }

    @Test func happyPathPostsTheEncodedOutputToTheRequestsResponsePath() async throws {
        let stub = try RuntimeAPIStub(events: [RuntimeAPIStub.event("req-1", #"{"name":"ada"}"#)])
        defer { stub.stop() }
        let logs = CapturingSink()
        try await LambdaRunLoop(client: stub.client, handler: GreetingHandler(), logger: Self.logger(logs))
            .run(maxInvocations: 1)
        let post = try #require(stub.posts.first)
        #expect(stub.posts.count == 1)
        #expect(post.path == "/2018-06-01/runtime/invocation/req-1/response")
        #expect(post.header("Content-Type") == "application/json")
        let body = try Self.json(post)
        #expect(body["greeting"] as? String == "hello ada")
        #expect(body["requestID"] as? String == "req-1")
        #expect(body["functionARN"] as? String == "arn:aws:lambda:us-east-1:123456789012:function:test")
        #expect(body["traceEnvironment"] as? String == "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
        // The handler's log line is one JSON object carrying the request id and its metadata.
        let greeting = try #require(logs.objects.first { $0["message"] as? String == "greeting" })
        #expect(greeting["requestId"] as? String == "req-1")
        #expect(greeting["level"] as? String == "INFO")
        #expect((greeting["metadata"] as? [String: Any])?["name"] as? String == "ada")
        #expect(logs.lines.allSatisfy { !$0.contains("\n") })
    }

    @Test func handlerErrorIsPostedInTheLambdaErrorShapeWithTheErrorTypeHeader() async throws {
        let stub = try RuntimeAPIStub(events: [RuntimeAPIStub.event("req-2", #"{"name":"bob","fail":true}"#)])
        defer { stub.stop() }
        try await LambdaRunLoop(client: stub.client, handler: GreetingHandler(), logger: Self.logger(CapturingSink()))
            .run(maxInvocations: 1)
        let post = try #require(stub.posts.first)
        #expect(post.path == "/2018-06-01/runtime/invocation/req-2/error")
        #expect(post.header("Lambda-Runtime-Function-Error-Type") == "Unhandled")
        let payload = try JSONDecoder().decode(LambdaErrorPayload.self, from: post.body)
        #expect(payload == LambdaErrorPayload(errorMessage: "refusing to greet bob", errorType: "Refusal"))
        #expect(try Self.json(post).keys.sorted() == ["errorMessage", "errorType", "stackTrace"])
    }

    @Test(arguments: [
        (#"{"nom":"x"}"#, #"the event has no key "name""#),
        (#"{"name":42}"#, "the event has the wrong type at name"),
        (#"not json"#, "the event is not valid at the top level"),
    ])
    func eventThatDoesNotDecodeIsAnInvalidEventError(event: String, message: String) async throws {
        let stub = try RuntimeAPIStub(events: [RuntimeAPIStub.event("req-3", event)])
        defer { stub.stop() }
        try await LambdaRunLoop(client: stub.client, handler: GreetingHandler(), logger: Self.logger(CapturingSink()))
            .run(maxInvocations: 1)
        let post = try #require(stub.posts.first)
        #expect(post.path == "/2018-06-01/runtime/invocation/req-3/error")
        #expect(post.header("Lambda-Runtime-Function-Error-Type") == "Runtime.InvalidEvent")
        let payload = try JSONDecoder().decode(LambdaErrorPayload.self, from: post.body)
        #expect(payload.errorType == "DecodingError")
        #expect(payload.errorMessage.hasPrefix(message), "\(payload.errorMessage)")
    }

    @Test func initErrorIsPostedAndTheProcessFails() async throws {
        let stub = try RuntimeAPIStub(events: [RuntimeAPIStub.event("never", #"{"name":"x"}"#)])
        defer { stub.stop() }
        let output = CapturingSink()
        let status = await LambdaMain.run(
            arguments: [], environment: stub.environment,
            streams: LocalStreams(output: output, error: CapturingSink(), readInput: { [] }),
            bootstrapLogging: false
        ) { _ -> GreetingHandler in throw InitFailure() }
        #expect(status == 1)
        #expect(stub.server.requests.map(\.path) == ["/2018-06-01/runtime/init/error"])
        let post = try #require(stub.posts.first)
        #expect(post.header("Lambda-Runtime-Function-Error-Type") == "Runtime.InitError")
        let payload = try JSONDecoder().decode(LambdaErrorPayload.self, from: post.body)
        #expect(payload == LambdaErrorPayload(errorMessage: "TABLE_NAME is not set", errorType: "InitFailure"))
        // Lambda mode logs JSON to stdout.
        #expect(output.objects.contains { $0["level"] as? String == "FATAL" })
    }

    @Test func servesSeveralInvocationsInOrderUntilTheRuntimeAPIFails() async throws {
        let stub = try RuntimeAPIStub(events: [
            RuntimeAPIStub.event("a", #"{"name":"one"}"#),
            RuntimeAPIStub.event("b", #"{"name":"two","fail":true}"#),
            RuntimeAPIStub.event("c", #"{"name":"three"}"#),
        ])
        defer { stub.stop() }
        let output = CapturingSink()
        let status = await LambdaMain.run(
            arguments: [], environment: stub.environment,
            streams: LocalStreams(output: output, error: CapturingSink(), readInput: { [] }),
            bootstrapLogging: false
        ) { _ in GreetingHandler() }
        // The stub answers the fourth `next` with HTTP 500: the loop must stop and the process fail.
        #expect(status == 1)
        #expect(stub.server.requests.map { "\($0.method) \($0.path)" } == [
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/a/response",
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/b/error",
            "GET /2018-06-01/runtime/invocation/next",
            "POST /2018-06-01/runtime/invocation/c/response",
            "GET /2018-06-01/runtime/invocation/next",
        ])
        #expect(try Self.json(stub.posts[2])["greeting"] as? String == "hello three")
        let stopped = try #require(output.objects.last)
        #expect((stopped["message"] as? String)?.contains("HTTP 500") == true)
    }

    @Test func remainingTimeCountsDownToTheDeadlineHeader() async throws {
        var event = RuntimeAPIStub.event("d", #"{"name":"t"}"#)
        event.deadlineMilliseconds = 1_800_000_012_345
        event.traceID = nil
        let stub = try RuntimeAPIStub(events: [event])
        defer { stub.stop() }
        setenv("_X_AMZN_TRACE_ID", "stale-from-a-previous-invocation", 1)
        let clock = FixedClock(now: 1_800_000_000_000)
        try await LambdaRunLoop(client: stub.client, handler: GreetingHandler(),
                                logger: Self.logger(CapturingSink()), clock: clock).run(maxInvocations: 1)
        let post = try #require(stub.posts.first)
        let body = try Self.json(post)
        #expect(body["remainingMs"] as? Int == 12_345)
        #expect(body["traceEnvironment"] == nil, "an invocation without a trace id must not see the previous one")
    }

    @Test func remainingTimeWithTheSystemClock() async throws {
        let stub = try RuntimeAPIStub(events: [RuntimeAPIStub.event("e", #"{"name":"t"}"#, deadlineIn: 3_000)])
        defer { stub.stop() }
        try await LambdaRunLoop(client: stub.client, handler: GreetingHandler(), logger: Self.logger(CapturingSink()))
            .run(maxInvocations: 1)
        let post = try #require(stub.posts.first)
        let remaining = try #require(try Self.json(post)["remainingMs"] as? Int)
        #expect(remaining > 0 && remaining <= 3_000)
    }

    @Test func missingRequestIDHeaderIsAProtocolError() async throws {
        let server = try LoopbackServer { _ in .json("{}", headers: [("Lambda-Runtime-Deadline-Ms", "1")]) }
        defer { server.stop() }
        await #expect(throws: LambdaRuntimeError.self) {
            _ = try await HTTPRuntimeAPIClient(host: "127.0.0.1", port: server.port).next()
        }
    }

    @Test func responseRefusedAsTooLargeIsReportedAsAnError() async throws {
        let server = try LoopbackServer { request in
            switch request.path {
            case "/2018-06-01/runtime/invocation/next":
                .json(#"{"name":"big"}"#, headers: [
                    ("Lambda-Runtime-Aws-Request-Id", "f"), ("Lambda-Runtime-Deadline-Ms", "99999999999999")])
            case "/2018-06-01/runtime/invocation/f/response": .json(#"{"errorMessage":"too large"}"#, status: 413)
            default: .json("{}", status: 202)
            }
        }
        defer { server.stop() }
        try await LambdaRunLoop(client: HTTPRuntimeAPIClient(host: "127.0.0.1", port: server.port),
                                handler: GreetingHandler(), logger: Self.logger(CapturingSink())).run(maxInvocations: 1)
        let last = try #require(server.requests.last)
        #expect(last.path == "/2018-06-01/runtime/invocation/f/error")
        #expect(last.header("Lambda-Runtime-Function-Error-Type") == "Runtime.InvalidResponse")
    }

    @Test func unreachableRuntimeAPIIsAClearError() async throws {
        let server = try LoopbackServer { _ in .drop }
        let port = server.port
        server.stop()
        do {
            _ = try await HTTPRuntimeAPIClient(host: "127.0.0.1", port: port).next()
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .runtimeAPIUnreachable)
            #expect(error.message.contains("127.0.0.1:\(port)"))
        }
    }

    @Test func runtimeAPIAddressComesFromTheEnvironment() throws {
        let client = try HTTPRuntimeAPIClient(environment: ["AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001"])
        #expect(client.host == "127.0.0.1" && client.port == 9001)
        let v6 = try HTTPRuntimeAPIClient(environment: ["AWS_LAMBDA_RUNTIME_API": "[::1]:9001"])
        #expect(v6.host == "::1" && v6.port == 9001)
        #expect(throws: LambdaRuntimeError.self) { try HTTPRuntimeAPIClient(environment: [:]) }
        #expect(throws: LambdaRuntimeError.self) {
            try HTTPRuntimeAPIClient(environment: ["AWS_LAMBDA_RUNTIME_API": "nohost"])
        }
    }
}
