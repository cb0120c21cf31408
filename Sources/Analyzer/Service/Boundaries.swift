import Foundation
import Inventory

/// Reads and writes the inventory table. The AWS implementation (DynamoDB `Query` on the `scan_date` index and
/// the summary partitions, `PutItem`/`BatchWriteItem` for analysis pages) is wired at integration.
public protocol InventoryStore: Sendable {
    /// The newest scan summary with `complete == true`, or — if none is complete — the newest one.
    func latestCompleteScan() async throws -> ScanSummary?
    /// The summary of the scan with this id.
    func scanSummary(id: String) async throws -> ScanSummary?
    /// Every resource item of the scan (all pages of the GSI query).
    func items(forScan scan: ScanKey) async throws -> [InventoryItem]
    /// The newest analysis summary of a scan before `scan`. The analyzer uses only its keys, counts and history, so
    /// the store may leave the bulky `findings` attribute out of the read (`ProjectionExpression`).
    func previousAnalysis(before scan: ScanKey) async throws -> AnalysisSummary?
    /// Stores one page of the analysis summary (`PutItem`); called for every page, page 0 first (and finished
    /// before any other), the others possibly concurrently.
    func saveAnalysisPage(_ page: AttributeMap) async throws
}

/// Publishes the report (SNS `Publish` to `TOPIC_ARN`).
public protocol ReportPublisher: Sendable {
    func publish(subject: String, message: String) async throws
}

/// Writes the AI summary (Bedrock Runtime `Converse`). Any error means "use the rule-based summary".
///
/// The Bedrock implementation sends `POST /model/{modelId}/converse` with
/// `system: [{text: SummaryPrompt.systemPrompt}]`, `messages: [{role: "user", content: [{text:
/// prompt.userMessage()}]}]`, `inferenceConfig: {maxTokens: SummaryPrompt.maxTokens, temperature:
/// SummaryPrompt.temperature}`, and returns the concatenated `output.message.content[].text`; it throws on any
/// error response, timeout or response without text. `Analysis.run` then checks the text with
/// `SummaryPrompt.validated`.
public protocol SummaryWriter: Sendable {
    func summary(for prompt: SummaryPrompt, modelID: String) async throws -> String
}

/// The source of "now"; tests inject a fixed one.
public protocol AnalyzerClock: Sendable {
    var now: Date { get }
}

/// The system clock.
public struct SystemClock: AnalyzerClock {
    public init() {}
    public var now: Date { Date() }
}
