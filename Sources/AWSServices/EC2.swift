import AWSClient
import Foundation

/// EC2 (ec2Query): instances, volumes, snapshots, images, regions. Describe actions have no resource-level
/// permissions, so their resource is `*`.
public enum EC2 {
    public static let describeInstances = AWSOperation<DescribeInstancesInput, DescribeInstancesOutput>(
        service: .ec2, name: "DescribeInstances", iamAction: "ec2:DescribeInstances", resourceARN: nil)
    public static let describeVolumes = AWSOperation<DescribeVolumesInput, DescribeVolumesOutput>(
        service: .ec2, name: "DescribeVolumes", iamAction: "ec2:DescribeVolumes", resourceARN: nil)
    public static let describeSnapshots = AWSOperation<DescribeSnapshotsInput, DescribeSnapshotsOutput>(
        service: .ec2, name: "DescribeSnapshots", iamAction: "ec2:DescribeSnapshots", resourceARN: nil)
    public static let describeImages = AWSOperation<DescribeImagesInput, DescribeImagesOutput>(
        service: .ec2, name: "DescribeImages", iamAction: "ec2:DescribeImages", resourceARN: nil)
    public static let describeRegions = AWSOperation<DescribeRegionsInput, DescribeRegionsOutput>(
        service: .ec2, name: "DescribeRegions", iamAction: "ec2:DescribeRegions", resourceARN: nil)

    static let all = [
        describeInstances.descriptor, describeVolumes.descriptor, describeSnapshots.descriptor,
        describeImages.descriptor, describeRegions.descriptor,
    ]

    /// `Filter.N.Name` / `Filter.N.Value.M`.
    public struct Filter: Encodable, Sendable {
        public var name: String
        public var values: [String]
        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
        enum CodingKeys: String, CodingKey { case name = "Name", values = "Value" }
    }

    /// EC2's lower-case `<item><key/><value/></item>` tag.
    public struct Tag: Decodable, Sendable, Hashable {
        public var key: String
        public var value: String?
    }

    // MARK: DescribeInstances

    public struct DescribeInstancesInput: AWSInput {
        public var instanceIds: [String]?
        public var filters: [Filter]?
        public var maxResults: Int?
        public var nextToken: String?
        public init(
            instanceIds: [String]? = nil, filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil
        ) {
            self.instanceIds = instanceIds
            self.filters = filters
            self.maxResults = maxResults
            self.nextToken = nextToken
        }
        enum CodingKeys: String, CodingKey {
            case instanceIds = "InstanceId", filters = "Filter", maxResults = "MaxResults", nextToken = "NextToken"
        }
    }

    public struct DescribeInstancesOutput: AWSOutput {
        public var reservations: [Reservation]?
        public var nextToken: String?
        enum CodingKeys: String, CodingKey { case reservations = "reservationSet", nextToken }
    }

    public struct Reservation: Decodable, Sendable {
        public var ownerId: String?
        public var instances: [Instance]?
        enum CodingKeys: String, CodingKey { case ownerId, instances = "instancesSet" }
    }

    public struct Instance: Decodable, Sendable {
        public struct State: Decodable, Sendable {
            public var code: Int?
            public var name: String?
        }
        public struct BlockDevice: Decodable, Sendable {
            public struct EBS: Decodable, Sendable { public var volumeId: String? }
            public var deviceName: String?
            public var ebs: EBS?
        }
        public var instanceId: String
        public var imageId: String?
        public var instanceType: String?
        public var state: State?
        public var launchTime: Date?
        public var platformDetails: String?
        /// `windows` for Windows instances, otherwise absent.
        public var platform: String?
        /// `StateTransitionReason` (wire name `reason`), e.g. `User initiated (2026-10-01 12:00:00 GMT)`.
        public var stateTransitionReason: String?
        public var availabilityZone: String?
        public var tags: [Tag]?
        public var blockDevices: [BlockDevice]?

        enum CodingKeys: String, CodingKey {
            case instanceId, imageId, instanceType, state = "instanceState", launchTime, platformDetails, placement
            case platform, stateTransitionReason = "reason"
            case tags = "tagSet", blockDevices = "blockDeviceMapping"
        }
        struct Placement: Decodable { var availabilityZone: String? }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            instanceId = try c.decode(String.self, forKey: .instanceId)
            imageId = try c.decodeIfPresent(String.self, forKey: .imageId)
            instanceType = try c.decodeIfPresent(String.self, forKey: .instanceType)
            state = try c.decodeIfPresent(State.self, forKey: .state)
            launchTime = try c.decodeIfPresent(Date.self, forKey: .launchTime)
            platformDetails = try c.decodeIfPresent(String.self, forKey: .platformDetails)
            platform = try c.decodeIfPresent(String.self, forKey: .platform)
            stateTransitionReason = try c.decodeIfPresent(String.self, forKey: .stateTransitionReason)
            availabilityZone = try c.decodeIfPresent(Placement.self, forKey: .placement)?.availabilityZone
            tags = try c.decodeIfPresent([Tag].self, forKey: .tags)
            blockDevices = try c.decodeIfPresent([BlockDevice].self, forKey: .blockDevices)
        }
    }

    // MARK: DescribeVolumes

    public struct DescribeVolumesInput: AWSInput {
        public var volumeIds: [String]?
        public var filters: [Filter]?
        public var maxResults: Int?
        public var nextToken: String?
        public init(
            volumeIds: [String]? = nil, filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil
        ) {
            self.volumeIds = volumeIds
            self.filters = filters
            self.maxResults = maxResults
            self.nextToken = nextToken
        }
        enum CodingKeys: String, CodingKey {
            case volumeIds = "VolumeId", filters = "Filter", maxResults = "MaxResults", nextToken = "NextToken"
        }
    }

    public struct DescribeVolumesOutput: AWSOutput {
        public var volumes: [Volume]?
        public var nextToken: String?
        enum CodingKeys: String, CodingKey { case volumes = "volumeSet", nextToken }
    }

    public struct Volume: Decodable, Sendable {
        public struct Attachment: Decodable, Sendable {
            public var instanceId: String?
            public var state: String?
            enum CodingKeys: String, CodingKey { case instanceId, state = "status" }
        }
        public var volumeId: String
        public var size: Int?
        public var volumeType: String?
        public var state: String?
        public var encrypted: Bool?
        public var createTime: Date?
        public var availabilityZone: String?
        public var iops: Int?
        /// MiB/s (gp3, io2).
        public var throughput: Int?
        public var attachments: [Attachment]?
        public var tags: [Tag]?
        enum CodingKeys: String, CodingKey {
            case volumeId, size, volumeType, state = "status", encrypted, createTime, availabilityZone, iops
            case throughput
            case attachments = "attachmentSet", tags = "tagSet"
        }
    }

    // MARK: DescribeSnapshots

    public struct DescribeSnapshotsInput: AWSInput {
        /// `self` for the caller's own snapshots.
        public var ownerIds: [String]?
        public var filters: [Filter]?
        public var maxResults: Int?
        public var nextToken: String?
        public init(
            ownerIds: [String]? = ["self"], filters: [Filter]? = nil, maxResults: Int? = nil, nextToken: String? = nil
        ) {
            self.ownerIds = ownerIds
            self.filters = filters
            self.maxResults = maxResults
            self.nextToken = nextToken
        }
        enum CodingKeys: String, CodingKey {
            case ownerIds = "Owner", filters = "Filter", maxResults = "MaxResults", nextToken = "NextToken"
        }
    }

    public struct DescribeSnapshotsOutput: AWSOutput {
        public var snapshots: [Snapshot]?
        public var nextToken: String?
        enum CodingKeys: String, CodingKey { case snapshots = "snapshotSet", nextToken }
    }

    public struct Snapshot: Decodable, Sendable {
        public var snapshotId: String
        public var volumeId: String?
        public var volumeSize: Int?
        public var state: String?
        public var startTime: Date?
        public var ownerId: String?
        public var description: String?
        public var encrypted: Bool?
        public var storageTier: String?
        public var tags: [Tag]?
        enum CodingKeys: String, CodingKey {
            case snapshotId, volumeId, volumeSize, state = "status", startTime, ownerId, description, encrypted
            case storageTier, tags = "tagSet"
        }
    }

    // MARK: DescribeImages

    public struct DescribeImagesInput: AWSInput {
        /// `self` for the caller's own images.
        public var owners: [String]?
        public var imageIds: [String]?
        public var filters: [Filter]?
        public var maxResults: Int?
        public var nextToken: String?
        public init(
            owners: [String]? = ["self"], imageIds: [String]? = nil, filters: [Filter]? = nil, maxResults: Int? = nil,
            nextToken: String? = nil
        ) {
            self.owners = owners
            self.imageIds = imageIds
            self.filters = filters
            self.maxResults = maxResults
            self.nextToken = nextToken
        }
        enum CodingKeys: String, CodingKey {
            case owners = "Owner", imageIds = "ImageId", filters = "Filter", maxResults = "MaxResults"
            case nextToken = "NextToken"
        }
    }

    public struct DescribeImagesOutput: AWSOutput {
        public var images: [Image]?
        public var nextToken: String?
        enum CodingKeys: String, CodingKey { case images = "imagesSet", nextToken }
    }

    public struct Image: Decodable, Sendable {
        public struct BlockDevice: Decodable, Sendable {
            public struct EBS: Decodable, Sendable { public var snapshotId: String? }
            public var ebs: EBS?
        }
        public var imageId: String
        public var name: String?
        public var state: String?
        public var ownerId: String?
        /// ISO 8601 text, as EC2 returns it.
        public var creationDate: String?
        public var deprecationTime: String?
        public var platformDetails: String?
        public var blockDevices: [BlockDevice]?
        public var tags: [Tag]?
        enum CodingKeys: String, CodingKey {
            case imageId, name, state = "imageState", ownerId = "imageOwnerId", creationDate, deprecationTime
            case platformDetails, blockDevices = "blockDeviceMapping", tags = "tagSet"
        }
    }

    // MARK: DescribeRegions

    public struct DescribeRegionsInput: AWSInput {
        public var regionNames: [String]?
        public var allRegions: Bool?
        public init(regionNames: [String]? = nil, allRegions: Bool? = nil) {
            self.regionNames = regionNames
            self.allRegions = allRegions
        }
        enum CodingKeys: String, CodingKey { case regionNames = "RegionName", allRegions = "AllRegions" }
    }

    public struct DescribeRegionsOutput: AWSOutput {
        public struct Region: Decodable, Sendable {
            public var regionName: String
            public var optInStatus: String?
        }
        public var regions: [Region]?
        enum CodingKeys: String, CodingKey { case regions = "regionInfo" }
    }
}
