extension FindingID {
    /// The "top recommendations" line for `count` findings of this id.
    public func action(count: Int) -> String {
        let n = String(count)
        return switch self {
        case .ec2Stopped: "Terminate \(n) stopped EC2 instances to save costs (or start those still needed)"
        case .ebsUnattached: "Delete \(n) unattached EBS volumes (snapshot first if the data matters)"
        case .snapshotOld: "Delete or archive \(n) old EBS snapshots"
        case .amiUnused: "Deregister \(n) unused AMIs and delete their snapshots"
        case .s3NoLifecycle: "Enable lifecycle policies on \(n) S3 buckets"
        case .ebsGP2: "Migrate \(n) gp2 volumes to gp3"
        case .ec2PreviousGeneration: "Move \(n) instances to current-generation types"
        case .ec2Commitment: "Cover \(n) always-on instances with a Savings Plan or Reserved Instances"
        case .amiDeprecated: "Replace \(n) deprecated or soon-deprecated AMIs"
        case .rdsEngine: "Upgrade \(n) RDS engines out of (or leaving) standard support"
        case .lambdaRuntime: "Migrate \(n) Lambda functions off deprecated runtimes"
        case .eksVersion: "Upgrade \(n) EKS clusters out of (or leaving) standard support"
        case .tagsMissing: "Add required tags to \(n) resources"
        case .rdsBackupRetention: "Raise backup retention to 7+ days on \(n) RDS instances"
        case .s3Versioning: "Enable versioning on \(n) S3 buckets"
        case .rdsMultiAZ: "Enable Multi-AZ on \(n) RDS instances"
        case .ebsUnencrypted: "Encrypt \(n) EBS volumes"
        case .rdsUnencrypted: "Encrypt \(n) RDS instances"
        case .s3Unencrypted: "Enable default encryption on \(n) S3 buckets"
        }
    }
}
