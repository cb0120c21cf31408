import Foundation
import Logging
import Testing
import InfragenTestSupport
@testable import LambdaRuntime

/// Local mode: `--event FILE|-`, one JSON line on stdout, logs on stderr, exit status.
@Suite(.serialized) struct LocalModeTests {
    struct Run {
        var status: Int32
        var stdout: [String]
        var stderr: CapturingSink
    }

    static func run(_ arguments: [String], stdin: String = "", fail: Bool = false) async -> Run {
        let output = CapturingSink(), error = CapturingSink()
        let status = await LambdaMain.run(
            arguments: arguments, environment: ["AWS_LAMBDA_FUNCTION_NAME": "inventory-collector"],
            streams: LocalStreams(output: output, error: error, readInput: { Array(stdin.utf8) }),
            bootstrapLogging: false
        ) { _ -> GreetingHandler in
            if fail { throw InitFailure() }
            return GreetingHandler()
        }
        return Run(status: status, stdout: output.lines, stderr: error)
    }

    @Test func eventFromAFilePrintsOneLineOfJSON() async throws {
        let directory = try RepoPaths.scratchDirectory("local-mode")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("event.json")
        try Data("{\n  \"name\": \"file\"\n}\n".utf8).write(to: file)
        let run = await Self.run(["--event", file.path, "--timeout", "30"])
        #expect(run.status == 0)
        #expect(run.stdout.count == 1)
        let body = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout[0].utf8)) as? [String: Any])
        #expect(body["greeting"] as? String == "hello file")
        #expect((body["functionARN"] as? String)?.hasSuffix(":function:inventory-collector") == true)
        let remaining = try #require(body["remainingMs"] as? Int)
        #expect(remaining > 0 && remaining <= 30_000)
        // Logs went to stderr, as JSON, with the synthetic request id.
        let log = try #require(run.stderr.objects.first { $0["message"] as? String == "greeting" })
        #expect(log["requestId"] as? String == body["requestID"] as? String)
    }

    @Test func eventFromStandardInput() async throws {
        let run = await Self.run(["--event", "-"], stdin: #"{"name":"stdin"}"#)
        #expect(run.status == 0)
        #expect(run.stdout.first?.contains(#""greeting":"hello stdin""#) == true)
    }

    @Test func handlerFailurePrintsTheErrorShapeAndExitsNonZero() async throws {
        let run = await Self.run(["--event", "-"], stdin: #"{"name":"x","fail":true}"#)
        #expect(run.status == 1)
        #expect(run.stdout == [#"{"errorMessage":"refusing to greet x","errorType":"Refusal","stackTrace":[]}"#])
    }

    @Test func undecodableEventFails() async throws {
        let run = await Self.run(["--event", "-"], stdin: "[]")
        #expect(run.status == 1)
        #expect(run.stdout.first?.contains(#""errorType":"DecodingError""#) == true)
    }

    @Test func initFailureFails() async throws {
        let run = await Self.run(["--event", "-"], stdin: "{}", fail: true)
        #expect(run.status == 1)
        #expect(run.stdout == [#"{"errorMessage":"TABLE_NAME is not set","errorType":"InitFailure","stackTrace":[]}"#])
    }

    @Test func missingEventFileFails() async throws {
        let run = await Self.run(["--event", "/nonexistent/event.json"])
        #expect(run.status == 1)
        #expect(run.stdout.first?.contains("cannot read the event file /nonexistent/event.json") == true)
    }

    @Test(arguments: [["--bogus"], ["--event"], ["--timeout", "5"], ["--event", "-", "--timeout", "zero"]])
    func badArgumentsAreAUsageError(arguments: [String]) async throws {
        let run = await Self.run(arguments)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.lines.first?.contains("usage:") == true)
    }

    @Test func withoutEventOrRuntimeAPITheErrorSaysWhatToDo() async throws {
        let run = await Self.run([])
        #expect(run.status == 2)
        #expect(run.stderr.lines.first?.contains("AWS_LAMBDA_RUNTIME_API is unset") == true)
    }
}

@Suite struct JSONLogHandlerTests {
    @Test func escapesAndNestsMetadata() throws {
        let sink = CapturingSink()
        var logger = Logger(label: "l") { JSONLogHandler(label: $0, sink: sink, level: .trace) }
        logger[metadataKey: "requestId"] = "r1"
        logger.warning("line \"one\"\nline\ttwo\u{1}", metadata: ["list": ["a", "b"], "map": ["k": "v"]])
        #expect(sink.lines.count == 1)
        let object = try #require(sink.objects.first)
        #expect(object["message"] as? String == "line \"one\"\nline\ttwo\u{1}")
        #expect(object["level"] as? String == "WARN")
        #expect(object["requestId"] as? String == "r1")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["list"] as? [String] == ["a", "b"])
        #expect((metadata["map"] as? [String: String]) == ["k": "v"])
        #expect((object["timestamp"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func respectsTheLevel() {
        let sink = CapturingSink()
        let logger = Logger(label: "l") { JSONLogHandler(label: $0, sink: sink, level: .warning) }
        logger.info("hidden")
        logger.error("shown")
        #expect(sink.lines.count == 1)
    }
}
