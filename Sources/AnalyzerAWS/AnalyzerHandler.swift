import AWSClient
import Analyzer
import Foundation
import LambdaRuntime
import Logging

/// The `inventory-analyzer` function: `AnalyzerService` over DynamoDB, SNS and Bedrock, configured from the
/// environment the rendered function sets (`TABLE_NAME`, `TOPIC_ARN`, `MODEL_ID`, `REQUIRED_TAGS`, thresholds; AWS
/// region, credentials and endpoints the standard way).
public struct AnalyzerHandler: LambdaHandler {
    public var service: AnalyzerService
    /// Local mode's `--findings-json FILE`: the findings JSON document is written there after each run.
    public var findingsJSONPath: String?

    public init(service: AnalyzerService, findingsJSONPath: String? = nil) {
        self.service = service
        self.findingsJSONPath = findingsJSONPath
    }

    /// Reads the configuration and builds the AWS clients; a malformed variable is an init error naming it.
    /// - Parameter observer: sees every AWS call (IAM proofs record them).
    public init(environment: [String: String], findingsJSONPath: String? = nil,
                clock: any AnalyzerClock = SystemClock(), bedrockTimeout: Duration = .seconds(20),
                logger: Logger? = nil, observer: (any AWSCallObserver)? = nil) throws {
        let configuration = try AnalyzerConfiguration(environment: environment)
        var clientConfiguration = try AWSClientConfiguration.fromEnvironment(environment)
        clientConfiguration.observer = observer
        // The client's own tasks (prefetched Query pages, deadlines) on the analysis' thread too.
        clientConfiguration.taskExecutor = AnalyzerService.executor
        let client = AWSClient(clientConfiguration)
        let publisher = configuration.topicARN.map { SNSReportPublisher(client: client, topicARN: $0) }
        if publisher == nil {
            logger?.warning("TOPIC_ARN is not set: the report is not published")
        }
        let writer = configuration.modelID.map { _ in BedrockSummaryWriter(client: client, timeout: bedrockTimeout) }
        self.init(
            service: AnalyzerService(configuration: configuration,
                                     store: DynamoDBInventoryStore(client: client, table: configuration.tableName),
                                     publisher: publisher, summaryWriter: writer, clock: clock),
            findingsJSONPath: findingsJSONPath)
    }

    public func handle(_ event: AnalyzerEvent, context: LambdaContext) async throws -> AnalysisResponse {
        let output = try await service.handle(event)
        if let findingsJSONPath {
            do {
                try Data(output.findingsJSON.utf8).write(to: URL(fileURLWithPath: findingsJSONPath), options: .atomic)
            } catch {
                throw AnalyzerError(.outputFailed,
                                    "cannot write the findings JSON to \(findingsJSONPath): \(error)")
            }
        }
        let body = output.response.body
        context.logger.info("analysis complete", metadata: [
            "resources_analyzed": "\(body.resourcesAnalyzed)", "findings": "\(body.findings)",
            "summary_source": "\(body.summarySource.rawValue)",
        ])
        return output.response
    }
}
