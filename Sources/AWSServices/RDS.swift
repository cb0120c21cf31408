import AWSClient
import Foundation

/// RDS (query protocol).
public enum RDS {
    /// Resource-level: `db:*` grants all instances.
    public static let describeDBInstances = AWSOperation<DescribeDBInstancesInput, DescribeDBInstancesOutput>(
        service: .rds, name: "DescribeDBInstances", iamAction: "rds:DescribeDBInstances",
        resourceARN: "arn:${Partition}:rds:${Region}:${Account}:db:${DbInstanceName}")
    public static let describeDBMajorEngineVersions = AWSOperation<
        DescribeDBMajorEngineVersionsInput, DescribeDBMajorEngineVersionsOutput
    >(
        service: .rds, name: "DescribeDBMajorEngineVersions", iamAction: "rds:DescribeDBMajorEngineVersions",
        resourceARN: nil)

    static let all = [describeDBInstances.descriptor, describeDBMajorEngineVersions.descriptor]

    public struct Tag: Decodable, Sendable, Hashable {
        public var key: String
        public var value: String?
        enum CodingKeys: String, CodingKey { case key = "Key", value = "Value" }
    }

    public struct DescribeDBInstancesInput: AWSInput {
        public var dbInstanceIdentifier: String?
        public var maxRecords: Int?
        public var marker: String?
        public init(dbInstanceIdentifier: String? = nil, maxRecords: Int? = nil, marker: String? = nil) {
            self.dbInstanceIdentifier = dbInstanceIdentifier
            self.maxRecords = maxRecords
            self.marker = marker
        }
        enum CodingKeys: String, CodingKey {
            case dbInstanceIdentifier = "DBInstanceIdentifier", maxRecords = "MaxRecords", marker = "Marker"
        }
    }

    public struct DescribeDBInstancesOutput: AWSOutput {
        public var dbInstances: [DBInstance]?
        public var marker: String?
        enum CodingKeys: String, CodingKey { case dbInstances = "DBInstances", marker = "Marker" }
    }

    public struct DBInstance: Decodable, Sendable {
        public var identifier: String
        public var arn: String?
        public var instanceClass: String?
        public var engine: String?
        public var engineVersion: String?
        public var status: String?
        public var multiAZ: Bool?
        public var backupRetentionPeriod: Int?
        public var storageEncrypted: Bool?
        public var allocatedStorage: Int?
        public var storageType: String?
        public var createTime: Date?
        public var tags: [Tag]?
        enum CodingKeys: String, CodingKey {
            case identifier = "DBInstanceIdentifier", arn = "DBInstanceArn", instanceClass = "DBInstanceClass"
            case engine = "Engine", engineVersion = "EngineVersion", status = "DBInstanceStatus", multiAZ = "MultiAZ"
            case backupRetentionPeriod = "BackupRetentionPeriod", storageEncrypted = "StorageEncrypted"
            case allocatedStorage = "AllocatedStorage", storageType = "StorageType"
            case createTime = "InstanceCreateTime", tags = "TagList"
        }
    }

    public struct DescribeDBMajorEngineVersionsInput: AWSInput {
        public var engine: String?
        public var majorEngineVersion: String?
        public var maxRecords: Int?
        public var marker: String?
        public init(
            engine: String? = nil, majorEngineVersion: String? = nil, maxRecords: Int? = nil, marker: String? = nil
        ) {
            self.engine = engine
            self.majorEngineVersion = majorEngineVersion
            self.maxRecords = maxRecords
            self.marker = marker
        }
        enum CodingKeys: String, CodingKey {
            case engine = "Engine", majorEngineVersion = "MajorEngineVersion", maxRecords = "MaxRecords"
            case marker = "Marker"
        }
    }

    public struct DescribeDBMajorEngineVersionsOutput: AWSOutput {
        public struct Lifecycle: Decodable, Sendable {
            public var name: String
            public var start: Date?
            public var end: Date?
            enum CodingKeys: String, CodingKey {
                case name = "LifecycleSupportName", start = "LifecycleSupportStartDate", end = "LifecycleSupportEndDate"
            }
        }
        public struct MajorVersion: Decodable, Sendable {
            public var engine: String
            public var majorEngineVersion: String
            public var lifecycles: [Lifecycle]?
            enum CodingKeys: String, CodingKey {
                case engine = "Engine", majorEngineVersion = "MajorEngineVersion", lifecycles =
                    "SupportedEngineLifecycles"
            }
        }
        public var versions: [MajorVersion]?
        public var marker: String?
        enum CodingKeys: String, CodingKey { case versions = "DBMajorEngineVersions", marker = "Marker" }
    }
}
