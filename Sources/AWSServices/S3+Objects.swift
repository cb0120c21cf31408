import AWSClient
import Foundation

/// S3 object upload and metadata (deploy tooling: the runtime zips). Members follow botocore's `PutObjectRequest`
/// and `HeadObjectRequest`; only those we use are declared. Object-level actions act on
/// `arn:${Partition}:s3:::${BucketName}/${Key}`.
extension S3 {
    static let objectARN = "arn:${Partition}:s3:::${BucketName}/${Key}"

    /// Uploads `body` in one request (S3 takes up to 5 GB this way), signed over the body's SHA-256.
    public static let putObject = AWSOperation<PutObjectInput, PutObjectOutput>(
        service: .s3, name: "PutObject", method: .put, requestURI: "/{Bucket}/{Key+}", iamAction: "s3:PutObject",
        resourceARN: objectARN)
    /// Fails with HTTP 404 (`NotFound`, no body) when there is no such key.
    public static let headObject = AWSOperation<ObjectInput, HeadObjectOutput>(
        service: .s3, name: "HeadObject", method: .head, requestURI: "/{Bucket}/{Key+}", iamAction: "s3:GetObject",
        resourceARN: objectARN)

    public struct PutObjectInput: AWSInput {
        public var bucket: String
        public var key: String
        /// The payload: the object's bytes.
        public var body: Data
        public var contentType: String?
        /// Base64 MD5 of `body`: S3 rejects the upload (`BadDigest`) when the bytes it received differ.
        public var contentMD5: String?
        /// User metadata, sent as `x-amz-meta-<name>` headers and returned by `HeadObject`.
        public var metadata: [String: String]

        public init(
            bucket: String, key: String, body: Data, contentType: String? = nil, contentMD5: String? = nil,
            metadata: [String: String] = [:]
        ) {
            self.bucket = bucket
            self.key = key
            self.body = body
            self.contentType = contentType
            self.contentMD5 = contentMD5
            self.metadata = metadata
        }

        public var httpBindings: HTTPBindings {
            var bindings = HTTPBindings(path: ["Bucket": bucket, "Key": key], payload: .blob(body))
            bindings.header("Content-Type", contentType)
            bindings.header("Content-MD5", contentMD5)
            for (name, value) in metadata.sorted(by: { $0.key < $1.key }) {
                bindings.headers.append(("x-amz-meta-\(name)", value))
            }
            return bindings
        }

        /// Every member is bound to the URI, headers or the payload.
        public func encode(to encoder: any Encoder) throws {}
    }

    public struct PutObjectOutput: AWSHeaderBoundOutput {
        /// The MD5 of the body in hex, quoted, for a single-request upload without KMS encryption.
        public var eTag: String?

        public init(from decoder: any Decoder) throws {}

        public mutating func readHeaders(_ response: HTTPResponse) { eTag = response.header("ETag") }
    }

    /// A bucket and key.
    public struct ObjectInput: AWSInput {
        public var bucket: String
        public var key: String

        public init(bucket: String, key: String) {
            self.bucket = bucket
            self.key = key
        }

        public var httpBindings: HTTPBindings { HTTPBindings(path: ["Bucket": bucket, "Key": key]) }

        /// Every member is bound to the URI.
        public func encode(to encoder: any Encoder) throws {}
    }

    public struct HeadObjectOutput: AWSHeaderBoundOutput {
        public var contentLength: Int?
        public var contentType: String?
        public var eTag: String?
        /// User metadata (`x-amz-meta-<name>` headers), names lower-cased as S3 stores them.
        public var metadata: [String: String] = [:]

        public init(from decoder: any Decoder) throws {}

        public mutating func readHeaders(_ response: HTTPResponse) {
            contentLength = response.header("Content-Length").flatMap { Int($0) }
            contentType = response.header("Content-Type")
            eTag = response.header("ETag")
            for (name, value) in response.headers where name.hasPrefix("x-amz-meta-") {
                metadata[String(name.dropFirst("x-amz-meta-".count))] = value
            }
        }
    }
}
