import Inventory

/// `cmp.s3.versioning`: a bucket whose versioning is not `Enabled` (AWS Config `s3-bucket-versioning-enabled`).
/// Unknown (the collector could not read it) is not reported.
public struct BucketVersioningRule: Rule {
    public let id = FindingID.s3Versioning
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.buckets.compactMap { item, bucket in
            guard let status = bucket.versioningStatus, status != "Enabled" else { return nil }
            return Finding(id: id, severity: .low, item: item, evidence: "versioning is \(status)",
                           recommendation: "Enable versioning (with a lifecycle rule expiring noncurrent versions)")
        }
    }
}
