#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// Wall-clock time in milliseconds since the Unix epoch; the seam tests use to pin "now".
public protocol LambdaClock: Sendable {
    func nowMilliseconds() -> Int64
}

/// The system's wall clock (the Runtime API's deadline is wall-clock time).
public struct SystemLambdaClock: LambdaClock {
    public init() {}
    public func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}

/// What a handler knows about the invocation it is serving.
public struct LambdaContext: Sendable {
    public let requestID: String
    /// The deadline, in milliseconds since the Unix epoch.
    public let deadlineMilliseconds: Int64
    public let invokedFunctionARN: String
    public let traceID: String?
    public let clientContext: String?
    public let cognitoIdentity: String?
    /// A logger whose lines carry this invocation's request id.
    public let logger: Logger
    let clock: any LambdaClock

    public init(invocation: Invocation, logger: Logger, clock: any LambdaClock = SystemLambdaClock()) {
        requestID = invocation.requestID
        deadlineMilliseconds = invocation.deadlineMilliseconds
        invokedFunctionARN = invocation.invokedFunctionARN
        traceID = invocation.traceID
        clientContext = invocation.clientContext
        cognitoIdentity = invocation.cognitoIdentity
        var logger = logger
        logger[metadataKey: JSONLogHandler.requestIDKey] = .string(invocation.requestID)
        self.logger = logger
        self.clock = clock
    }

    /// The deadline as a date.
    public var deadline: Date { Date(timeIntervalSince1970: Double(deadlineMilliseconds) / 1000) }

    /// Time left before Lambda stops the invocation; negative once the deadline has passed.
    public var remainingTime: Duration { .milliseconds(deadlineMilliseconds - clock.nowMilliseconds()) }
}
