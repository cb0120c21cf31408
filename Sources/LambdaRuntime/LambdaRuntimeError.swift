#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one error type of `LambdaRuntime`: what went wrong between the runtime, the Runtime API and the handler.
public struct LambdaRuntimeError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        /// `AWS_LAMBDA_RUNTIME_API` is unset or not `host:port`.
        case runtimeAPINotConfigured
        /// The Runtime API could not be reached or the connection broke.
        case runtimeAPIUnreachable
        /// The Runtime API answered something that is not the documented HTTP response.
        case runtimeAPIProtocol
        /// The Runtime API answered with an unexpected status.
        case runtimeAPIStatus(Int)
        /// The Runtime API refused a response as too large (HTTP 413).
        case responseTooLarge
        /// A header the Runtime API documents as always present was missing.
        case missingHeader(String)
        /// Local mode could not read its event.
        case eventUnreadable
        /// Local mode was started with arguments it does not understand.
        case usage
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
