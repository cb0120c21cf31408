import AWSClient
import Foundation

/// S3 bucket creation and existence checks (deploy tooling: the artifacts bucket). Members follow botocore's
/// `CreateBucketRequest` and `HeadBucketRequest`; only those we use are declared.
extension S3 {
    /// Fails with `BucketAlreadyOwnedByYou` outside us-east-1 when the bucket exists (us-east-1 answers 200), and
    /// `BucketAlreadyExists` when another account owns the name.
    public static let createBucket = AWSOperation<CreateBucketInput, CreateBucketOutput>(
        service: .s3, name: "CreateBucket", method: .put, requestURI: "/{Bucket}", iamAction: "s3:CreateBucket",
        resourceARN: bucketARN)
    /// Fails with HTTP 404 (`NotFound`, no body: it is a HEAD) when there is no such bucket, 403 when it is not ours.
    public static let headBucket = AWSOperation<BucketInput, HeadBucketOutput>(
        service: .s3, name: "HeadBucket", method: .head, requestURI: "/{Bucket}", iamAction: "s3:ListBucket",
        resourceARN: bucketARN)

    public struct CreateBucketInput: AWSInput {
        public var bucket: String
        /// The XML payload; S3 requires it outside us-east-1 (its `LocationConstraint` names the region) and
        /// rejects `us-east-1` as a location constraint.
        public var configuration: CreateBucketConfiguration?

        public init(bucket: String, configuration: CreateBucketConfiguration? = nil) {
            self.bucket = bucket
            self.configuration = configuration
        }

        /// A bucket in `region`, with the configuration S3 needs there (none in us-east-1).
        public init(bucket: String, region: String, tags: [AWSTag] = []) {
            self.bucket = bucket
            let constraint = region == "us-east-1" ? nil : region
            configuration =
                constraint == nil && tags.isEmpty
                ? nil : CreateBucketConfiguration(locationConstraint: constraint, tags: tags.isEmpty ? nil : tags)
        }

        public var httpBindings: HTTPBindings {
            HTTPBindings(
                path: ["Bucket": bucket],
                payload: configuration.map {
                    .xml($0, root: "CreateBucketConfiguration", namespace: S3.xmlNamespace)
                })
        }

        /// Every member is bound to the URI or the payload.
        public func encode(to encoder: any Encoder) throws {}
    }

    /// botocore's `CreateBucketConfiguration` (general purpose buckets: the location and tags).
    public struct CreateBucketConfiguration: Encodable, Sendable, Equatable {
        public var locationConstraint: String?
        public var tags: [AWSTag]?

        public init(locationConstraint: String? = nil, tags: [AWSTag]? = nil) {
            self.locationConstraint = locationConstraint
            self.tags = tags
        }

        enum CodingKeys: String, CodingKey, AWSXMLListItemNames {
            case locationConstraint = "LocationConstraint", tags = "Tags"
            static let xmlListItemNames = ["Tags": "Tag"]
        }
    }

    public struct CreateBucketOutput: AWSHeaderBoundOutput {
        /// The `Location` header: `/<bucket>` (or the bucket's URL outside us-east-1).
        public var location: String?

        public init(from decoder: any Decoder) throws {}

        public mutating func readHeaders(_ response: HTTPResponse) { location = response.header("Location") }
    }

    public struct HeadBucketOutput: AWSHeaderBoundOutput {
        /// `x-amz-bucket-region`: where the bucket lives.
        public var bucketRegion: String?

        public init(from decoder: any Decoder) throws {}

        public mutating func readHeaders(_ response: HTTPResponse) {
            bucketRegion = response.header("x-amz-bucket-region")
        }
    }
}
