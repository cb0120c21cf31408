import Foundation

/// Sees every call the client makes, after it finished: for tests and IAM derivation (a recording of the
/// operations a real run makes can be compared with the derived policy).
public protocol AWSCallObserver: Sendable {
    /// - Parameters:
    ///   - pathLabels: the REST path labels of the input (bucket, cluster name, model id), when it has any.
    ///   - error: nil when the call succeeded.
    func didCall(
        _ operation: AWSOperationDescriptor, region: String, pathLabels: [String: String], error: AWSClientError?)
}

/// An observer that keeps every call, in order.
public final class AWSCallRecorder: AWSCallObserver, @unchecked Sendable {
    // @unchecked: `records` is guarded by `lock`.
    public struct Record: Sendable {
        public var operation: AWSOperationDescriptor
        public var region: String
        public var pathLabels: [String: String]
        public var awsErrorCode: String?
    }

    private let lock = NSLock()
    private var stored: [Record] = []

    public init() {}

    public var records: [Record] { lock.withLock { stored } }

    /// The distinct IAM actions of the calls made, sorted.
    public var iamActions: [String] { Array(Set(records.map(\.operation.iamAction))).sorted() }

    public func didCall(
        _ operation: AWSOperationDescriptor, region: String, pathLabels: [String: String], error: AWSClientError?
    ) {
        lock.withLock {
            stored.append(
                Record(operation: operation, region: region, pathLabels: pathLabels, awsErrorCode: error?.awsCode))
        }
    }
}
