import AWSClient
import Inventory

/// Lists one kind of resource in one account and region and normalizes it to inventory items.
///
/// Scanners call AWS only through operation values named in their source (`EC2.describeInstances`, …): the IAM
/// policy of the function is derived from those references, so an operation is never chosen from data.
public protocol ResourceScanner: Sendable {
    /// The ARN service name the scan-summary error key uses (`ec2`, `rds`, `s3`, `lambda`, `eks`).
    var service: String { get }
    /// The kind it stores.
    var resourceType: ResourceType { get }
    /// Every resource of the kind, all pages. Throws when the listing fails; facts of single resources that cannot
    /// be read (one bucket's encryption) are left absent instead.
    func scan(_ client: AWSClient, scope: ScanScope) async throws -> ScanResult
}

/// What one scanner found: its items, and the facts of single resources it could not read (one bucket's
/// encryption denied), which make the scan incomplete without discarding the rest.
public struct ScanResult: Sendable {
    public var items: [InventoryItem]
    public var issues: [ScanSummary.ServiceError]

    public init(items: [InventoryItem], issues: [ScanSummary.ServiceError] = []) {
        self.items = items
        self.issues = issues
    }
}

/// Tags as a dictionary (later duplicates win, as AWS never sends duplicates).
func tagMap<S: Sequence>(_ tags: S?, key: (S.Element) -> String, value: (S.Element) -> String?) -> [String: String] {
    guard let tags else { return [:] }
    var map: [String: String] = [:]
    for tag in tags { map[key(tag)] = value(tag) ?? "" }
    return map
}
