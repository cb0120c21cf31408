/// One check of the catalogue. Each rule lives in its own file and emits findings with its one stable id.
public protocol Rule: Sendable {
    /// The finding id this rule emits.
    var id: FindingID { get }
    /// The findings for the scan in `context`.
    func evaluate(in context: RuleContext) -> [Finding]
}

/// Every rule, in catalogue order.
public enum RuleCatalog {
    public static let all: [any Rule] = [
        StoppedInstanceRule(), UnattachedVolumeRule(), OldSnapshotRule(), UnusedImageRule(),
        BucketLifecycleRule(), GP2VolumeRule(), PreviousGenerationRule(), CommitmentRule(),
        DeprecatedImageRule(), RDSEngineSupportRule(), LambdaRuntimeRule(), EKSVersionRule(),
        RequiredTagsRule(), RDSBackupRetentionRule(), BucketVersioningRule(), RDSMultiAZRule(),
        VolumeEncryptionRule(), RDSEncryptionRule(), BucketEncryptionRule(),
    ]
}
