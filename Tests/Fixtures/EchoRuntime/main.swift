// A tiny runtime on LambdaRuntime that stands in for the real ones in deploy and invoke tests: it answers with
// the event it got and the environment a deployed function would see (TABLE_NAME, TOPIC_ARN, the endpoint).
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import LambdaRuntime

#if canImport(Glibc)
import Glibc
#endif

struct Echo: LambdaHandler {
    /// Any JSON object decodes (unknown keys are ignored): an EventBridge event, or `{"x": "3", "y": "4"}`.
    struct Event: Decodable {
        var source: String?
        var detailType: String?
        var x: String?
        var y: String?

        enum CodingKeys: String, CodingKey {
            case source, x, y
            case detailType = "detail-type"
        }
    }

    struct Output: Encodable {
        var source: String?
        var detailType: String?
        var environment: [String: String]
        var hypot: Double
    }

    let environment: [String: String]

    func handle(_ event: Event, context: LambdaContext) async throws -> Output {
        let shown = ["TABLE_NAME", "TOPIC_ARN", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME"]
        // hypot goes through the glibc shim (--wrap); computed from the event so it cannot be constant-folded, and
        // 3-4-5 proves the wrapper reaches the real function.
        let x = Double(event.x ?? "3") ?? 3, y = Double(event.y ?? "4") ?? 4
        return Output(source: event.source, detailType: event.detailType,
                      environment: environment.filter { shown.contains($0.key) }, hypot: hypot(x, y))
    }
}

let environment = ProcessInfo.processInfo.environment
exit(await LambdaMain.run { _ in Echo(environment: environment) })
