/// The kinds of resource the collector stores; the raw value is the stored `resource_type`.
public enum ResourceType: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case ec2Instance = "ec2.instance"
    case ebsVolume = "ebs.volume"
    case ebsSnapshot = "ebs.snapshot"
    case ami = "ec2.ami"
    case rdsInstance = "rds.instance"
    case s3Bucket = "s3.bucket"
    case lambdaFunction = "lambda.function"
    case eksCluster = "eks.cluster"

    /// A short human label for reports ("EC2", "EBS", …).
    public var label: String {
        switch self {
        case .ec2Instance: "EC2"
        case .ebsVolume: "EBS"
        case .ebsSnapshot: "EBS snapshot"
        case .ami: "AMI"
        case .rdsInstance: "RDS"
        case .s3Bucket: "S3"
        case .lambdaFunction: "Lambda"
        case .eksCluster: "EKS"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
