/// What invokes the analyzer: the collector's EventBridge event `Inventory Scan Completed` (source
/// `inventory.collector`, the scan id in `detail.scan_id`), or `{}` for the latest complete scan.
public struct AnalyzerEvent: Decodable, Sendable, Hashable {
    /// The scan to analyse; nil means "the latest complete scan".
    public var scanID: String?

    public init(scanID: String? = nil) {
        self.scanID = scanID
    }

    enum CodingKeys: String, CodingKey {
        case detail, detailType = "detail-type", source, scanID = "scan_id"
    }

    struct Detail: Decodable {
        var scanID: String?
        enum CodingKeys: String, CodingKey { case scanID = "scan_id" }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let detail = try container.decodeIfPresent(Detail.self, forKey: .detail) {
            scanID = detail.scanID
        } else {
            // A direct invocation may name the scan at the top level: {"scan_id": "..."}.
            scanID = try container.decodeIfPresent(String.self, forKey: .scanID)
        }
        if let id = scanID, id.isEmpty { scanID = nil }
    }
}
