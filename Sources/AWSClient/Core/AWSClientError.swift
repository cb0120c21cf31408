/// Every failure the client reports: one type, with a `code` saying which stage failed.
///
/// For errors the service answered, `awsCode`, `message`, `requestID` and `statusCode` come from the response;
/// `isRetryable` tells whether the standard retry mode would try again (and whether it did, see `attempts`).
public struct AWSClientError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The service answered with an error.
        case service
        /// The request never got a complete response (refused, reset, dropped connection).
        case transport
        /// No response within the configured timeout.
        case timeout
        /// The input could not be encoded (a missing path label, for example).
        case invalidRequest
        /// A success response whose body does not match the output shape.
        case invalidResponse
        /// No credentials, or a credential source failed.
        case credentials
        /// No endpoint could be formed (an invalid `AWS_ENDPOINT_URL`, an unknown region).
        case endpoint
    }

    public var code: Code
    public var message: String
    /// `service.Operation`, when the error belongs to a call.
    public var operation: String?
    /// The AWS error code (`ThrottlingException`, `NoSuchLifecycleConfiguration`).
    public var awsCode: String?
    public var statusCode: Int?
    public var requestID: String?
    public var isRetryable: Bool
    public var isThrottling: Bool
    /// How many attempts were made before this error surfaced.
    public var attempts: Int

    public init(
        _ code: Code, _ message: String, operation: String? = nil, awsCode: String? = nil, statusCode: Int? = nil,
        requestID: String? = nil, isRetryable: Bool = false, isThrottling: Bool = false, attempts: Int = 1
    ) {
        self.code = code
        self.message = message
        self.operation = operation
        self.awsCode = awsCode
        self.statusCode = statusCode
        self.requestID = requestID
        self.isRetryable = isRetryable
        self.isThrottling = isThrottling
        self.attempts = attempts
    }

    public var description: String {
        var text = operation.map { "\($0): " } ?? ""
        if let awsCode { text += "\(awsCode): " }
        text += message
        var details: [String] = []
        if let statusCode { details.append("HTTP \(statusCode)") }
        if let requestID { details.append("request id \(requestID)") }
        if attempts > 1 { details.append("\(attempts) attempts") }
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        return text
    }

    /// Whether the service said the caller is not authenticated or not authorised (AWS answers these in JSON for
    /// JSON services; moto always answers XML).
    public var isAuthFailure: Bool {
        guard let awsCode else { return statusCode == 403 }
        return Self.authCodes.contains(awsCode)
    }

    static let authCodes: Set<String> = [
        "SignatureDoesNotMatch", "InvalidClientTokenId", "UnrecognizedClientException", "InvalidSignatureException",
        "AccessDenied", "AccessDeniedException", "AuthFailure", "ExpiredToken", "ExpiredTokenException",
        "InvalidAccessKeyId", "MissingAuthenticationToken", "IncompleteSignature",
    ]
}
