/// The stable finding ids. Add ids, never rename one: reports, the delta and users' filters key on them.
/// The catalogue with triggers and saving formulas is `docs/findings.md`.
public enum FindingID: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case ec2Stopped = "idle.ec2.stopped"
    case ebsUnattached = "idle.ebs.unattached"
    case snapshotOld = "idle.ebs-snapshot.old"
    case amiUnused = "idle.ami.unused"
    case s3NoLifecycle = "cost.s3.no-lifecycle"
    case ebsGP2 = "cost.ebs.gp2"
    case ec2PreviousGeneration = "cost.ec2.previous-generation"
    case ec2Commitment = "cost.ec2.commitment"
    case amiDeprecated = "eos.ami.deprecated"
    case rdsEngine = "eos.rds.engine"
    case lambdaRuntime = "eos.lambda.runtime"
    case eksVersion = "eos.eks.version"
    case tagsMissing = "cmp.tags.missing"
    case rdsBackupRetention = "cmp.rds.backup-retention"
    case s3Versioning = "cmp.s3.versioning"
    case rdsMultiAZ = "cmp.rds.multi-az"
    case ebsUnencrypted = "cmp.ebs.unencrypted"
    case rdsUnencrypted = "cmp.rds.unencrypted"
    case s3Unencrypted = "cmp.s3.unencrypted"

    /// The position in the catalogue (`allCases` order), for array-indexed tables and sorting without hashing.
    public var ordinal: Int {
        switch self {
        case .ec2Stopped: 0
        case .ebsUnattached: 1
        case .snapshotOld: 2
        case .amiUnused: 3
        case .s3NoLifecycle: 4
        case .ebsGP2: 5
        case .ec2PreviousGeneration: 6
        case .ec2Commitment: 7
        case .amiDeprecated: 8
        case .rdsEngine: 9
        case .lambdaRuntime: 10
        case .eksVersion: 11
        case .tagsMissing: 12
        case .rdsBackupRetention: 13
        case .s3Versioning: 14
        case .rdsMultiAZ: 15
        case .ebsUnencrypted: 16
        case .rdsUnencrypted: 17
        case .s3Unencrypted: 18
        }
    }

    /// The category prefix: `idle`, `cost`, `eos` or `cmp`.
    public var category: String { String(rawValue.prefix { $0 != "." }) }

    /// A short plural title for report headings ("Stopped EC2 instances").
    public var title: String {
        switch self {
        case .ec2Stopped: "Stopped EC2 instances"
        case .ebsUnattached: "Unattached EBS volumes"
        case .snapshotOld: "Old EBS snapshots"
        case .amiUnused: "Unused AMIs"
        case .s3NoLifecycle: "S3 buckets without lifecycle"
        case .ebsGP2: "gp2 volumes (move to gp3)"
        case .ec2PreviousGeneration: "Previous-generation instance types"
        case .ec2Commitment: "Always-on instances (commitment candidates)"
        case .amiDeprecated: "Deprecated AMIs"
        case .rdsEngine: "RDS engines out of standard support"
        case .lambdaRuntime: "Deprecated Lambda runtimes"
        case .eksVersion: "EKS versions out of standard support"
        case .tagsMissing: "Resources missing required tags"
        case .rdsBackupRetention: "RDS backup retention below 7 days"
        case .s3Versioning: "S3 buckets without versioning"
        case .rdsMultiAZ: "RDS instances without Multi-AZ"
        case .ebsUnencrypted: "Unencrypted EBS volumes"
        case .rdsUnencrypted: "Unencrypted RDS instances"
        case .s3Unencrypted: "S3 buckets without default encryption"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
