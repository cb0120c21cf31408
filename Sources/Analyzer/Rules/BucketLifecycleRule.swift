import Inventory

/// `cost.s3.no-lifecycle`: a bucket without any lifecycle configuration (AWS Config `s3-lifecycle-policy-check`,
/// Steampipe Thrifty `buckets_with_no_lifecycle`). No saving: the inventory does not record bucket size.
public struct BucketLifecycleRule: Rule {
    public let id = FindingID.s3NoLifecycle
    public init() {}

    /// Shared by every finding of the rule (one string, not one per finding).
    static let recommendation = "Add a lifecycle rule: transition to Standard-IA or Glacier Instant "
        + "Retrieval, expire old versions, abort incomplete multipart uploads"

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.buckets.compactMap { item, bucket in
            guard bucket.lifecycleConfigured == false else { return nil }
            return Finding(id: id, severity: .low, item: item, evidence: "no lifecycle configuration",
                           recommendation: Self.recommendation)
        }
    }
}
