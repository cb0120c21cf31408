import Foundation

/// One finished call, as an observer sees it.
public struct AWSCall: Sendable {
    public var operation: AWSOperationDescriptor
    public var region: String
    /// The REST path labels of the input (bucket, cluster name, model id), when it has any.
    public var pathLabels: [String: String]
    /// The request as encoded (method, path, query, body; before the endpoint and the signature are added), or nil
    /// when the input could not be encoded. IAM proofs read the resource a request touched from it.
    public var request: EncodedRequest?
    /// nil when the call succeeded.
    public var error: AWSClientError?
}

/// Sees every call the client makes, after it finished: for tests and IAM derivation (a recording of the
/// operations a real run makes can be compared with the derived policy).
public protocol AWSCallObserver: Sendable {
    func didCall(_ call: AWSCall)
}

/// An observer that keeps every call, in order.
public final class AWSCallRecorder: AWSCallObserver, @unchecked Sendable {
    // @unchecked: `stored` is guarded by `lock`.
    public struct Record: Sendable {
        public var operation: AWSOperationDescriptor
        public var region: String
        public var pathLabels: [String: String]
        public var awsErrorCode: String?
        /// The encoded request, kept only by a recorder made with `keepsRequests` (bodies can be large).
        public var request: EncodedRequest?
    }

    private let lock = NSLock()
    private var stored: [Record] = []
    private let keepsRequests: Bool

    /// - Parameter keepsRequests: also keep each encoded request (method, path, query, body).
    public init(keepsRequests: Bool = false) { self.keepsRequests = keepsRequests }

    public var records: [Record] { lock.withLock { stored } }

    /// The distinct IAM actions of the calls made, sorted.
    public var iamActions: [String] { Array(Set(records.map(\.operation.iamAction))).sorted() }

    public func didCall(_ call: AWSCall) {
        let record = Record(
            operation: call.operation, region: call.region, pathLabels: call.pathLabels,
            awsErrorCode: call.error?.awsCode, request: keepsRequests ? call.request : nil)
        lock.withLock { stored.append(record) }
    }
}
