#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One event handed out by the Runtime API's `next`, with the metadata its headers carry.
public struct Invocation: Sendable {
    /// `Lambda-Runtime-Aws-Request-Id`.
    public var requestID: String
    /// `Lambda-Runtime-Deadline-Ms`: the deadline in milliseconds since the Unix epoch.
    public var deadlineMilliseconds: Int64
    /// `Lambda-Runtime-Invoked-Function-Arn`.
    public var invokedFunctionARN: String
    /// `Lambda-Runtime-Trace-Id`, exported as `_X_AMZN_TRACE_ID` while the invocation runs.
    public var traceID: String?
    /// `Lambda-Runtime-Client-Context` (mobile SDK invocations), as sent.
    public var clientContext: String?
    /// `Lambda-Runtime-Cognito-Identity`, as sent.
    public var cognitoIdentity: String?
    /// The event, as JSON bytes.
    public var event: [UInt8]

    public init(
        requestID: String, deadlineMilliseconds: Int64, invokedFunctionARN: String, traceID: String? = nil,
        clientContext: String? = nil, cognitoIdentity: String? = nil, event: [UInt8]
    ) {
        self.requestID = requestID
        self.deadlineMilliseconds = deadlineMilliseconds
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.event = event
    }

    /// Reads the documented headers (names lower-cased) of a `next` response.
    init(headers: [String: String], event: [UInt8]) throws(LambdaRuntimeError) {
        guard let requestID = headers["lambda-runtime-aws-request-id"], !requestID.isEmpty else {
            throw LambdaRuntimeError(.missingHeader("Lambda-Runtime-Aws-Request-Id"),
                "the Runtime API's next invocation has no Lambda-Runtime-Aws-Request-Id header")
        }
        guard let deadlineText = headers["lambda-runtime-deadline-ms"], let deadline = Int64(deadlineText) else {
            throw LambdaRuntimeError(.missingHeader("Lambda-Runtime-Deadline-Ms"),
                "invocation \(requestID) has no valid Lambda-Runtime-Deadline-Ms header "
                    + "(got \(headers["lambda-runtime-deadline-ms"]?.debugDescription ?? "none"))")
        }
        self.init(
            requestID: requestID,
            deadlineMilliseconds: deadline,
            invokedFunctionARN: headers["lambda-runtime-invoked-function-arn"] ?? "",
            traceID: headers["lambda-runtime-trace-id"],
            clientContext: headers["lambda-runtime-client-context"],
            cognitoIdentity: headers["lambda-runtime-cognito-identity"],
            event: event)
    }
}
