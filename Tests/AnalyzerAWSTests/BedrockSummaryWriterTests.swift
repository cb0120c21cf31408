import AWSClient
import Analyzer
import AnalyzerAWS
import Foundation
import InfragenTestSupport
import Inventory
import Testing

/// `BedrockSummaryWriter` against a loopback stub standing in for Bedrock Runtime: the request's path, headers,
/// signature and body are checked, and only a good answer makes it into the report.
@Suite struct BedrockSummaryWriterTests {
    static let model = AnalyzerConfiguration.defaultModelID
    static let marker = "AI-SUMMARY: 19 findings, start with the RDS engine upgrade."
    static let good = #"{"output":{"message":{"role":"assistant","content":[{"text":"\#(marker)"}]}},"#
        + #""stopReason":"end_turn","usage":{"inputTokens":900,"outputTokens":40,"totalTokens":940}}"#

    static func error(_ type: String, status: Int, _ message: String) -> LoopbackResponse {
        .json(#"{"message":"\#(message)"}"#, status: status, headers: [("x-amzn-ErrorType", type)])
    }

    /// Runs the analysis of the seeded estate with the writer pointed at a stub answering `responses`.
    static func run(_ responses: [LoopbackResponse], timeout: Duration = .seconds(5), maxAttempts: Int = 2)
        async throws -> (output: Analysis.Output, requests: [LoopbackRequest], input: Analysis.Input) {
        let script = LoopbackScript(responses, then: .json(good))
        let server = try LoopbackServer(handler: script.handler)
        defer { server.stop() }
        let environment = MotoServer.dummyEnvironment.merging(["AWS_ENDPOINT_URL_BEDROCK_RUNTIME": server.baseURL]) {
            $1
        }
        let client = AWSClient(try AWSClientConfiguration.fromEnvironment(environment))
        let writer = BedrockSummaryWriter(client: client, timeout: timeout, maxAttempts: maxAttempts)
        let estate = SeededEstate(startedAt: Date().addingTimeInterval(-600))
        let input = Analysis.Input(scan: estate.scan, items: estate.items, scanSummary: estate.summary(),
                                   previous: nil, configuration: AnalyzerConfiguration(modelID: model),
                                   now: estate.now)
        let output = await Analysis.run(input, summaryWriter: writer)
        return (output, server.requests, input)
    }

    @Test func sendsASignedConverseRequestAndUsesTheAnswer() async throws {
        let (output, requests, input) = try await Self.run([])
        #expect(output.response.body.summarySource == .bedrock)
        #expect(output.report.message.contains("SUMMARY (source: bedrock):\n\(Self.marker)\n"))

        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(request.method == "POST")
        // The model id is a URI label: `:` is percent-encoded, as the SDKs send it.
        #expect(request.path == "/model/amazon.nova-lite-v1%3A0/converse")
        let authorization = try #require(request.header("Authorization"))
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=testing/"))
        #expect(authorization.contains("/us-east-1/bedrock/aws4_request"))
        #expect(authorization.contains("Signature="))
        #expect(request.header("X-Amz-Date") != nil)
        #expect(request.header("Content-Type")?.hasPrefix("application/json") == true)

        let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(Set(body.keys) == ["messages", "system", "inferenceConfig"])
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.count == 1)
        #expect(messages[0]["role"] as? String == "user")
        let content = try #require(messages[0]["content"] as? [[String: Any]])
        let userText = try #require(content.first?["text"] as? String)
        // The aggregated facts, exactly as the core builds them.
        #expect(userText == SummaryPrompt(Analysis.evaluate(input).facts).userMessage())
        #expect(userText.contains("cmp.rds.unencrypted"))
        #expect(!userText.contains("SECRET-NAME-TAG"), "no raw tag values in the prompt")
        let system = try #require(body["system"] as? [[String: Any]])
        #expect(system.first?["text"] as? String == SummaryPrompt.systemPrompt)
        let inference = try #require(body["inferenceConfig"] as? [String: Any])
        #expect(inference["maxTokens"] as? Int == SummaryPrompt.maxTokens)
        #expect(inference["temperature"] as? Double == SummaryPrompt.temperature)
    }

    /// Each failure Bedrock can answer with: the rule-based summary is used and the report says so.
    @Test(arguments: [
        ("AccessDenied", [error("AccessDeniedException", status: 403,
                                "User is not authorized to perform bedrock:InvokeModel")]),
        ("model not enabled", [error("AccessDeniedException", status: 403,
                                     "You don't have access to the model with the specified model ID.")]),
        ("unknown model", [error("ValidationException", status: 400, "The provided model identifier is invalid.")]),
        ("throttled twice", [error("ThrottlingException", status: 429, "Too many requests"),
                             error("ThrottlingException", status: 429, "Too many requests")]),
        ("malformed JSON", [LoopbackResponse.json(#"{"output":{"message":{"content":[{"text":"\#(marker)"#)]),
        ("no text", [LoopbackResponse.json(#"{"output":{"message":{"role":"assistant","content":[]}}}"#)]),
    ])
    func fallsBackToTheRuleSummary(case name: String, responses: [LoopbackResponse]) async throws {
        let (output, requests, _) = try await Self.run(responses)
        #expect(output.response.body.summarySource == .rules, "\(name)")
        #expect(output.report.message.contains("SUMMARY (source: rules):\n"), "\(name)")
        #expect(!output.report.message.contains(Self.marker), "\(name)")
        #expect(requests.count == responses.count, "\(name): \(requests.count) requests")
    }

    @Test func fallsBackWhenBedrockDoesNotAnswerInTime() async throws {
        let slow = LoopbackResponse.json(Self.good).delayed(by: .seconds(5))
        let (output, requests, input) = try await Self.run([slow], timeout: .milliseconds(800), maxAttempts: 1)
        #expect(output.response.body.summarySource == .rules)
        #expect(!output.report.message.contains(Self.marker))
        #expect(requests.count == 1)

        // What ended the wait is the writer's own deadline (no wall-clock assertion: the machine is shared).
        let server = try LoopbackServer(handler: LoopbackScript([slow], then: .json(Self.good)).handler)
        defer { server.stop() }
        let environment = MotoServer.dummyEnvironment.merging(["AWS_ENDPOINT_URL_BEDROCK_RUNTIME": server.baseURL]) {
            $1
        }
        let writer = BedrockSummaryWriter(client: AWSClient(try AWSClientConfiguration.fromEnvironment(environment)),
                                          timeout: .milliseconds(800), maxAttempts: 1)
        do {
            _ = try await writer.summary(for: SummaryPrompt(Analysis.evaluate(input).facts), modelID: Self.model)
            Issue.record("a 5 s answer beat an 800 ms deadline")
        } catch let error as AWSClientError {
            #expect(error.code == .timeout, "\(error)")
        }
    }
}
