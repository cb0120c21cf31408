import AWSClient
import AWSServices
import Foundation
import Inventory

/// The `Inventory Scan Completed` event (source `inventory.collector`) that triggers the analyzer's rule.
///
/// Detail: `{"scan_id", "scan_date", "timestamp", "resource_count", "counts": {type: n}, "complete",
/// "failed_services": ["service:region", …]}`.
public struct CompletionEvent: Sendable, Encodable {
    public static let source = "inventory.collector"
    public static let detailType = "Inventory Scan Completed"

    public var scanID: String
    public var scanDate: String
    public var timestamp: String
    public var resourceCount: Int
    public var counts: [String: Int]
    public var complete: Bool
    public var failedServices: [String]

    enum CodingKeys: String, CodingKey {
        case scanID = "scan_id", scanDate = "scan_date", timestamp, resourceCount = "resource_count", counts
        case complete, failedServices = "failed_services"
    }

    public init(summary: ScanSummary) {
        scanID = summary.scan.id
        scanDate = summary.scan.scanDate
        timestamp = summary.scan.timestamp
        resourceCount = summary.totalResources
        counts = summary.totalsByType
        complete = summary.complete
        failedServices = Array(Set(summary.errors.map(\.key))).sorted()
    }

    /// Publishes the event on `bus` (`default` or a name/ARN); throws when EventBridge rejects the entry.
    public func publish(with client: AWSClient, bus: String) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let detail = String(decoding: try encoder.encode(self), as: UTF8.self)
        let entry = EventBridge.Entry(source: Self.source, detailType: Self.detailType, detail: detail,
                                      eventBusName: bus == "default" ? nil : bus)
        let output = try await client.call(EventBridge.putEvents, .init(entries: [entry]))
        if let failed = output.failedEntryCount, failed > 0 {
            let reason = output.entries?.first.map { "\($0.errorCode ?? "?"): \($0.errorMessage ?? "")" } ?? "?"
            throw AWSClientError(.service, "PutEvents rejected the completion event: \(reason)",
                                 operation: "EventBridge.PutEvents", awsCode: output.entries?.first?.errorCode)
        }
    }
}

extension ScanSummary {
    /// Resources per type over all regions, keyed by `resource_type`.
    public var totalsByType: [String: Int] {
        Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value.values.reduce(0, +)) })
    }
}
