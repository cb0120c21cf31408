#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// The Runtime API loop: `next`, decode, handle, then `response` or `error`, for as long as Lambda sends events.
public struct LambdaRunLoop<Handler: LambdaHandler>: Sendable {
    public let client: any RuntimeAPIClient
    public let handler: Handler
    public let logger: Logger
    public let clock: any LambdaClock

    public init(client: any RuntimeAPIClient, handler: Handler, logger: Logger,
                clock: any LambdaClock = SystemLambdaClock()) {
        self.client = client
        self.handler = handler
        self.logger = logger
        self.clock = clock
    }

    /// Serves invocations until the Runtime API fails (then throws: the environment is going away, or broken), or
    /// until `maxInvocations` were served (tests).
    public func run(maxInvocations: Int? = nil) async throws(LambdaRuntimeError) {
        var served = 0
        while maxInvocations.map({ served < $0 }) ?? true {
            try await runOnce()
            served += 1
        }
    }

    /// One `next` and its answer.
    public func runOnce() async throws(LambdaRuntimeError) {
        let invocation = try await client.next()
        // X-Ray and the AWS SDKs read the trace header from this variable; it must describe the current invocation.
        if let traceID = invocation.traceID {
            setenv("_X_AMZN_TRACE_ID", traceID, 1)
        } else {
            unsetenv("_X_AMZN_TRACE_ID")
        }
        let context = LambdaContext(invocation: invocation, logger: logger, clock: clock)
        context.logger.debug("invocation started", metadata: ["remainingMs": "\(context.remainingTime.milliseconds)"])
        switch await handler.invoke(invocation.event, context: context) {
        case .response(let body):
            do {
                try await client.respond(requestID: invocation.requestID, body: body)
            } catch where error.code == .responseTooLarge {
                // The caller must learn why it got no answer; the handler's output is lost either way.
                context.logger.error("\(error.message)")
                try await client.reportError(requestID: invocation.requestID,
                    LambdaErrorPayload(errorMessage: error.message, errorType: "ResponseTooLarge"),
                    type: LambdaFunctionErrorType.invalidResponse)
            }
        case .failure(let payload, let type):
            try await client.reportError(requestID: invocation.requestID, payload, type: type)
        }
    }
}

extension Duration {
    /// Whole milliseconds (rounded towards zero).
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
