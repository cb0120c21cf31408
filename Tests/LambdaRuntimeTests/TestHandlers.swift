import Foundation
@testable import LambdaRuntime

/// The test-only handler: greets, fails on request, and reports what its context said.
struct GreetingHandler: LambdaHandler {
    struct Event: Decodable {
        var name: String
        var fail: Bool?
    }

    struct Output: Encodable {
        var greeting: String
        var requestID: String
        var functionARN: String
        var remainingMs: Int64
        var traceEnvironment: String?
    }

    struct Refusal: Error, CustomStringConvertible {
        var name: String
        var description: String { "refusing to greet \(name)" }
    }

    func handle(_ event: Event, context: LambdaContext) async throws -> Output {
        context.logger.info("greeting", metadata: ["name": "\(event.name)"])
        if event.fail == true { throw Refusal(name: event.name) }
        return Output(
            greeting: "hello \(event.name)",
            requestID: context.requestID,
            functionARN: context.invokedFunctionARN,
            remainingMs: context.remainingTime.milliseconds,
            traceEnvironment: ProcessInfo.processInfo.environment["_X_AMZN_TRACE_ID"])
    }
}

struct InitFailure: Error, CustomStringConvertible {
    var description: String { "TABLE_NAME is not set" }
}
