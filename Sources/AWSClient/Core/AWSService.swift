/// The wire protocols AWS services speak (botocore's `metadata.protocol`).
public enum AWSProtocol: String, Sendable, CaseIterable {
    case awsJson1_0 = "json1.0"
    case awsJson1_1 = "json1.1"
    case restJson1 = "rest-json"
    case query
    case ec2Query = "ec2"
    case restXml = "rest-xml"

    /// botocore's name for the protocol in `service-2.json`.
    public var botocoreName: String {
        switch self {
        case .awsJson1_0, .awsJson1_1: return "json"
        default: return rawValue
        }
    }

    /// `metadata.jsonVersion` for the JSON protocols.
    public var jsonVersion: String? {
        switch self {
        case .awsJson1_0: return "1.0"
        case .awsJson1_1: return "1.1"
        default: return nil
        }
    }
}

/// One AWS service as the client needs to know it: how to reach it, sign for it and talk to it.
public struct AWSService: Sendable, Hashable {
    /// botocore's service directory name (`dynamodb`, `bedrock-runtime`): used for the model check.
    public var modelName: String
    /// The name requests are signed with (`bedrock` for Bedrock Runtime).
    public var signingName: String
    /// The endpoint host prefix (`bedrock-runtime` in `bedrock-runtime.us-east-1.amazonaws.com`).
    public var endpointPrefix: String
    /// The SDK service id, upper-cased with `_`, as in `AWS_ENDPOINT_URL_<SERVICE>` (`DYNAMODB`, `BEDROCK_RUNTIME`).
    public var environmentName: String
    public var apiVersion: String
    public var wireProtocol: AWSProtocol
    /// `X-Amz-Target` prefix for the JSON protocols (`DynamoDB_20120810`, `AWSEvents`).
    public var targetPrefix: String?
    /// A single endpoint for every region of the partition (none of ours today; IAM would be one).
    public var globalEndpoint: String?

    public init(
        modelName: String, signingName: String? = nil, endpointPrefix: String? = nil, environmentName: String,
        apiVersion: String, wireProtocol: AWSProtocol, targetPrefix: String? = nil, globalEndpoint: String? = nil
    ) {
        self.modelName = modelName
        self.signingName = signingName ?? modelName
        self.endpointPrefix = endpointPrefix ?? modelName
        self.environmentName = environmentName
        self.apiVersion = apiVersion
        self.wireProtocol = wireProtocol
        self.targetPrefix = targetPrefix
        self.globalEndpoint = globalEndpoint
    }

    /// S3 has its own path rules, payload header and addressing styles.
    public var isS3: Bool { signingName == "s3" }
}
