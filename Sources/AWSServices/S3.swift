import AWSClient
import Foundation

/// S3 (restXml). IAM actions differ from operation names here; bucket-level actions act on
/// `arn:${Partition}:s3:::${BucketName}`.
public enum S3 {
    static let bucketARN = "arn:${Partition}:s3:::${BucketName}"
    /// The namespace of S3's XML payloads.
    static let xmlNamespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    public static let listBuckets = AWSOperation<ListBucketsInput, ListBucketsOutput>(
        service: .s3, name: "ListBuckets", method: .get, requestURI: "/", iamAction: "s3:ListAllMyBuckets",
        resourceARN: nil)
    public static let getBucketLocation = AWSOperation<BucketInput, GetBucketLocationOutput>(
        service: .s3, name: "GetBucketLocation", method: .get, requestURI: "/{Bucket}?location",
        iamAction: "s3:GetBucketLocation", resourceARN: bucketARN)
    /// Fails with `NoSuchLifecycleConfiguration` when the bucket has none; `lifecycleRules(of:)` maps that to `[]`.
    public static let getBucketLifecycleConfiguration = AWSOperation<
        BucketInput, GetBucketLifecycleConfigurationOutput
    >(
        service: .s3, name: "GetBucketLifecycleConfiguration", method: .get, requestURI: "/{Bucket}?lifecycle",
        iamAction: "s3:GetLifecycleConfiguration", resourceARN: bucketARN)
    public static let getBucketVersioning = AWSOperation<BucketInput, GetBucketVersioningOutput>(
        service: .s3, name: "GetBucketVersioning", method: .get, requestURI: "/{Bucket}?versioning",
        iamAction: "s3:GetBucketVersioning", resourceARN: bucketARN)
    /// Fails with `ServerSideEncryptionConfigurationNotFoundError` when the bucket has none.
    public static let getBucketEncryption = AWSOperation<BucketInput, GetBucketEncryptionOutput>(
        service: .s3, name: "GetBucketEncryption", method: .get, requestURI: "/{Bucket}?encryption",
        iamAction: "s3:GetEncryptionConfiguration", resourceARN: bucketARN)
    /// Fails with `NoSuchTagSet` when the bucket has no tags.
    public static let getBucketTagging = AWSOperation<BucketInput, GetBucketTaggingOutput>(
        service: .s3, name: "GetBucketTagging", method: .get, requestURI: "/{Bucket}?tagging",
        iamAction: "s3:GetBucketTagging", resourceARN: bucketARN)

    static let all = [
        listBuckets.descriptor, getBucketLocation.descriptor, getBucketLifecycleConfiguration.descriptor,
        getBucketVersioning.descriptor, getBucketEncryption.descriptor, getBucketTagging.descriptor,
        createBucket.descriptor, headBucket.descriptor, putObject.descriptor, headObject.descriptor,
    ]

    public struct ListBucketsInput: AWSInput {
        public var maxBuckets: Int?
        public var continuationToken: String?
        public init(maxBuckets: Int? = nil, continuationToken: String? = nil) {
            self.maxBuckets = maxBuckets
            self.continuationToken = continuationToken
        }
        public var httpBindings: HTTPBindings {
            var bindings = HTTPBindings()
            bindings.query("max-buckets", maxBuckets)
            bindings.query("continuation-token", continuationToken)
            return bindings
        }
        /// Every member is bound to the URI; there is no body.
        public func encode(to encoder: any Encoder) throws {}
    }

    public struct ListBucketsOutput: AWSOutput {
        public struct Bucket: Decodable, Sendable {
            public var name: String
            public var creationDate: Date?
            public var region: String?
            enum CodingKeys: String, CodingKey {
                case name = "Name", creationDate = "CreationDate", region = "BucketRegion"
            }
        }
        public var buckets: [Bucket]?
        public var continuationToken: String?
        enum CodingKeys: String, CodingKey { case buckets = "Buckets", continuationToken = "ContinuationToken" }
    }

    /// The input of the bucket sub-resource GETs.
    public struct BucketInput: AWSInput {
        public var bucket: String
        public init(bucket: String) { self.bucket = bucket }
        public var httpBindings: HTTPBindings { HTTPBindings(path: ["Bucket": bucket]) }
        /// Every member is bound to the URI; there is no body.
        public func encode(to encoder: any Encoder) throws {}
    }

    public struct GetBucketLocationOutput: AWSOutput {
        /// Empty for us-east-1 (S3 answers an empty `<LocationConstraint/>`), `EU` for old eu-west-1 buckets.
        public var locationConstraint: String

        public init(from decoder: any Decoder) throws {
            locationConstraint = try decoder.singleValueContainer().decode(String.self)
        }

        /// The bucket's region, with S3's legacy values mapped.
        public var region: String {
            switch locationConstraint {
            case "": return "us-east-1"
            case "EU": return "eu-west-1"
            default: return locationConstraint
            }
        }
    }

    public struct GetBucketLifecycleConfigurationOutput: AWSOutput {
        public struct Rule: Decodable, Sendable {
            public struct Expiration: Decodable, Sendable {
                public var days: Int?
                enum CodingKeys: String, CodingKey { case days = "Days" }
            }
            public var id: String?
            public var status: String
            public var expiration: Expiration?
            enum CodingKeys: String, CodingKey { case id = "ID", status = "Status", expiration = "Expiration" }
        }
        public var rules: [Rule]
        enum CodingKeys: String, CodingKey, AWSXMLFlattenedLists {
            case rules = "Rule"
            static let flattenedXMLKeys: Set<String> = ["Rule"]
        }
        public init(rules: [Rule]) { self.rules = rules }
        public init(from decoder: any Decoder) throws {
            rules = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([Rule].self, forKey: .rules) ?? []
        }
    }

    public struct GetBucketVersioningOutput: AWSOutput {
        /// `Enabled`, `Suspended`, or nil when versioning was never configured.
        public var status: String?
        public var mfaDelete: String?
        enum CodingKeys: String, CodingKey { case status = "Status", mfaDelete = "MfaDelete" }
    }

    public struct GetBucketEncryptionOutput: AWSOutput {
        public struct Rule: Decodable, Sendable {
            public struct Default: Decodable, Sendable {
                public var algorithm: String
                public var kmsKeyID: String?
                enum CodingKeys: String, CodingKey { case algorithm = "SSEAlgorithm", kmsKeyID = "KMSMasterKeyID" }
            }
            public var applyByDefault: Default?
            public var bucketKeyEnabled: Bool?
            enum CodingKeys: String, CodingKey {
                case applyByDefault = "ApplyServerSideEncryptionByDefault", bucketKeyEnabled = "BucketKeyEnabled"
            }
        }
        public var rules: [Rule]
        enum CodingKeys: String, CodingKey, AWSXMLFlattenedLists {
            case rules = "Rule"
            static let flattenedXMLKeys: Set<String> = ["Rule"]
        }
        public init(from decoder: any Decoder) throws {
            rules = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([Rule].self, forKey: .rules) ?? []
        }
    }

    public struct GetBucketTaggingOutput: AWSOutput {
        public var tags: [AWSTag]
        enum CodingKeys: String, CodingKey { case tags = "TagSet" }
    }
}

extension AWSClient {
    /// A bucket's lifecycle rules; `[]` when it has no lifecycle configuration (S3's `NoSuchLifecycleConfiguration`).
    public func lifecycleRules(ofBucket bucket: String) async throws -> [S3.GetBucketLifecycleConfigurationOutput.Rule]
    {
        do {
            return try await call(S3.getBucketLifecycleConfiguration, S3.BucketInput(bucket: bucket)).rules
        } catch let error as AWSClientError where error.awsCode == "NoSuchLifecycleConfiguration" {
            return []
        }
    }
}
