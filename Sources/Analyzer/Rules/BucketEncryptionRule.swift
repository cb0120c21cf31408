import Inventory

/// `cmp.s3.unencrypted`: a bucket with no default encryption configuration (`none`). Unknown is not reported.
public struct BucketEncryptionRule: Rule {
    public let id = FindingID.s3Unencrypted
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.buckets.compactMap { item, bucket in
            guard bucket.defaultEncryption == "none" else { return nil }
            return Finding(id: id, severity: .high, item: item, evidence: "no default encryption configured",
                           recommendation: "Set default encryption (SSE-S3 or SSE-KMS) on the bucket")
        }
    }
}
