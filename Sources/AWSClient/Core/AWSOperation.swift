/// HTTP methods the services we call use.
public enum HTTPMethod: String, Sendable {
    case get = "GET", post = "POST", put = "PUT", delete = "DELETE", head = "HEAD"
}

/// One AWS API operation as a value: where it goes, how it is encoded, and what IAM permission it needs.
///
/// The runtimes call AWS only through these values, and IAM derivation reads them, so each is declared once as
/// a `static let` in its service's namespace (`EC2.describeInstances`), where a syntax pass can find references.
public struct AWSOperation<Input: AWSInput, Output: AWSOutput>: Sendable {
    public var service: AWSService
    /// The wire name (`DescribeInstances`), used as `Action=` or in `X-Amz-Target`.
    public var name: String
    public var method: HTTPMethod
    /// botocore's `http.requestUri`, with `{Label}` and `{Label+}` placeholders and a fixed query part
    /// (`/{Bucket}?lifecycle`).
    public var requestURI: String
    /// The IAM action that authorises the call (`s3:ListAllMyBuckets` for S3 `ListBuckets`).
    public var iamAction: String
    /// The ARN pattern of the resource the action applies to, with `${Partition}`, `${Region}`, `${Account}` and
    /// member placeholders (`arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`); `nil` when the
    /// action supports no resource-level permission, i.e. it can only be granted on `*`.
    public var resourceARN: String?
    /// Further ARN patterns the action may touch through optional members (a DynamoDB `Query` on an index acts on
    /// `table/${TableName}/index/${IndexName}`).
    public var alsoActsOn: [String]
    /// Whether S3 may send this request with `UNSIGNED-PAYLOAD` (only over TLS).
    public var allowsUnsignedPayload: Bool
    /// False for the few calls AWS authorises without any policy (`sts:GetCallerIdentity` works even under an
    /// explicit Deny): derivation grants nothing for them.
    public var requiresPermission: Bool

    public init(
        service: AWSService, name: String, method: HTTPMethod = .post, requestURI: String = "/", iamAction: String,
        resourceARN: String?, alsoActsOn: [String] = [], allowsUnsignedPayload: Bool = false,
        requiresPermission: Bool = true
    ) {
        self.service = service
        self.name = name
        self.method = method
        self.requestURI = requestURI
        self.iamAction = iamAction
        self.resourceARN = resourceARN
        self.alsoActsOn = alsoActsOn
        self.allowsUnsignedPayload = allowsUnsignedPayload
        self.requiresPermission = requiresPermission
    }

    /// The same operation with its response read as `output` — another reading of the same response shape (for
    /// example one that maps a DynamoDB `Query` page straight to the caller's model). Same action, same resources.
    public func reading<O: AWSOutput>(as output: O.Type) -> AWSOperation<Input, O> {
        AWSOperation<Input, O>(
            service: service, name: name, method: method, requestURI: requestURI, iamAction: iamAction,
            resourceARN: resourceARN, alsoActsOn: alsoActsOn, allowsUnsignedPayload: allowsUnsignedPayload)
    }

    /// A type-erased description, for logs, error messages and IAM derivation.
    public var descriptor: AWSOperationDescriptor {
        AWSOperationDescriptor(
            service: service, name: name, method: method, requestURI: requestURI, iamAction: iamAction,
            resourceARN: resourceARN, alsoActsOn: alsoActsOn, requiresPermission: requiresPermission)
    }
}

/// `AWSOperation` without its input and output types.
public struct AWSOperationDescriptor: Sendable, Hashable, CustomStringConvertible {
    public var service: AWSService
    public var name: String
    public var method: HTTPMethod
    public var requestURI: String
    public var iamAction: String
    public var resourceARN: String?
    public var alsoActsOn: [String]
    public var requiresPermission: Bool = true

    public var description: String { "\(service.modelName).\(name)" }
}
