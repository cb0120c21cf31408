import AWSClient
import Foundation
import LambdaRuntime
import Logging

/// The Lambda handler: configuration and clients are built once per execution environment; each invocation runs
/// one scan.
public struct CollectorHandler: LambdaHandler {
    public let collector: InventoryCollector

    public init(collector: InventoryCollector) {
        self.collector = collector
    }

    /// Reads `CollectorConfiguration` and the AWS client (region, credentials, endpoint) from `environment`.
    /// - Parameter observer: sees every AWS call (IAM proofs record them).
    public init(environment: [String: String], logger: Logger = Logger(label: "inventory-collector"),
                observer: (any AWSCallObserver)? = nil) throws {
        let configuration = try CollectorConfiguration(environment: environment)
        var clientConfiguration = try AWSClientConfiguration.fromEnvironment(environment)
        clientConfiguration.observer = observer
        let client = AWSClient(clientConfiguration)
        collector = InventoryCollector(configuration: configuration, client: client, logger: logger)
    }

    public func handle(_ event: ScanEvent, context: LambdaContext) async throws -> CollectorResponse {
        let scan = try event.scanKey(now: collector.client.configuration.clock.now())
        context.logger.info("scan started", metadata: ["scan_id": "\(scan.id)", "timestamp": "\(scan.timestamp)"])
        let outcome = try await collector.run(scan: scan)
        let response = CollectorResponse(outcome)
        context.logger.info("scan finished", metadata: [
            "scan_id": "\(scan.id)", "resources": "\(outcome.summary.totalResources)",
            "complete": "\(response.body.complete)", "errors": "\(response.body.errors.count)",
        ])
        return response
    }
}
