import AWSClient
import AWSServices
import Analyzer

/// Writes the AI summary with Bedrock Runtime `Converse` (`POST /model/{modelId}/converse`).
///
/// Every failure throws — access denied, model not enabled (`ValidationException`/`AccessDeniedException`),
/// throttling after the retries, a timeout, an answer without text — and `Analysis.run` then uses the rule-based
/// summary and says so in the report. The writer keeps its own, short, timeout and attempt budget: the summary is
/// optional, so it should not hold the whole function for the client's default 3 × 30 s.
public struct BedrockSummaryWriter: SummaryWriter {
    public var client: AWSClient

    /// - Parameters:
    ///   - timeout: the limit for one attempt.
    ///   - maxAttempts: attempts including the first (throttling and 5xx are retried with jitter).
    public init(client: AWSClient, timeout: Duration = .seconds(20), maxAttempts: Int = 2) {
        var configuration = client.configuration
        configuration.timeouts.request = timeout
        configuration.retry.maxAttempts = max(1, maxAttempts)
        self.client = AWSClient(configuration)
    }

    public func summary(for prompt: SummaryPrompt, modelID: String) async throws -> String {
        let input = BedrockRuntime.ConverseInput(
            modelId: modelID,
            messages: [BedrockRuntime.Message(role: "user", content: [.init(text: prompt.userMessage())])],
            system: [.init(text: SummaryPrompt.systemPrompt)],
            inferenceConfig: .init(maxTokens: SummaryPrompt.maxTokens, temperature: SummaryPrompt.temperature))
        let output = try await client.call(BedrockRuntime.converse, input)
        let text = output.text
        guard !text.allSatisfy(\.isWhitespace) else {
            throw AWSClientError(.invalidResponse, "Converse answered without text (stopReason "
                                    + "\(output.stopReason ?? "none"))", operation: "bedrock-runtime:Converse")
        }
        return text
    }
}
