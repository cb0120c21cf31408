import AWSClient
import AWSSigV4
import Analyzer
import AnalyzerAWS
import Collector
import Foundation
import LambdaRuntime
import Logging

/// One invocation of a runtime's real handler, in process, with every AWS call recorded (requests kept).
struct RuntimeRun {
    var recorder = AWSCallRecorder(keepsRequests: true)
    /// The collector's response errors, or the analyzer's failure; empty when the run was clean.
    var reported: [String] = []
    var threw: (any Error)?
    var collectorResponse: CollectorResponse?
    var analyzerResponse: AnalysisResponse?

    static let deniedCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
    ]

    /// The calls that were refused for lack of permission.
    var denied: [AWSCallRecorder.Record] { recorder.records.filter { Self.deniedCodes.contains($0.awsErrorCode ?? "") } }

    static func context() -> LambdaContext {
        LambdaContext(
            invocation: Invocation(
                requestID: UUID().uuidString, deadlineMilliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 300_000,
                invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:iam-proof", event: Array("{}".utf8)),
            logger: Logger(label: "iam-proof", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    static func collector(_ environment: [String: String]) async -> RuntimeRun {
        var run = RuntimeRun()
        do {
            let handler = try CollectorHandler(
                environment: environment, logger: Logger(label: "collector", factory: { _ in SwiftLogNoOpLogHandler() }),
                observer: run.recorder)
            let response = try await handler.handle(ScanEvent(), context: context())
            run.collectorResponse = response
            run.reported = response.body.errors
        } catch {
            run.threw = error
            run.reported = ["\(error)"]
        }
        return run
    }

    static func analyzer(_ environment: [String: String]) async -> RuntimeRun {
        var run = RuntimeRun()
        do {
            let handler = try AnalyzerHandler(environment: environment, observer: run.recorder)
            run.analyzerResponse = try await handler.handle(AnalyzerEvent(), context: context())
        } catch {
            run.threw = error
            run.reported = ["\(error)"]
        }
        return run
    }
}
