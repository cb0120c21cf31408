/// The typed, kind-specific part of an inventory item.
public enum ResourceDetails: Sendable, Hashable {
    case ec2Instance(EC2Instance)
    case ebsVolume(EBSVolume)
    case ebsSnapshot(EBSSnapshot)
    case ami(MachineImage)
    case rdsInstance(RDSInstance)
    case s3Bucket(S3Bucket)
    case lambdaFunction(LambdaFunction)
    case eksCluster(EKSCluster)

    /// The stored `resource_type` of this kind.
    public var resourceType: ResourceType {
        switch self {
        case .ec2Instance: .ec2Instance
        case .ebsVolume: .ebsVolume
        case .ebsSnapshot: .ebsSnapshot
        case .ami: .ami
        case .rdsInstance: .rdsInstance
        case .s3Bucket: .s3Bucket
        case .lambdaFunction: .lambdaFunction
        case .eksCluster: .eksCluster
        }
    }

    var attributes: any ResourceAttributes {
        switch self {
        case .ec2Instance(let value): value
        case .ebsVolume(let value): value
        case .ebsSnapshot(let value): value
        case .ami(let value): value
        case .rdsInstance(let value): value
        case .s3Bucket(let value): value
        case .lambdaFunction(let value): value
        case .eksCluster(let value): value
        }
    }

    init(type: ResourceType, decoding map: AttributeMap) throws {
        switch type {
        case .ec2Instance: self = .ec2Instance(try EC2Instance(decoding: map))
        case .ebsVolume: self = .ebsVolume(try EBSVolume(decoding: map))
        case .ebsSnapshot: self = .ebsSnapshot(try EBSSnapshot(decoding: map))
        case .ami: self = .ami(try MachineImage(decoding: map))
        case .rdsInstance: self = .rdsInstance(try RDSInstance(decoding: map))
        case .s3Bucket: self = .s3Bucket(try S3Bucket(decoding: map))
        case .lambdaFunction: self = .lambdaFunction(try LambdaFunction(decoding: map))
        case .eksCluster: self = .eksCluster(try EKSCluster(decoding: map))
        }
    }
}
