#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// A function body: decodes its JSON event into `Event` and returns an `Output` encoded as the JSON response.
///
/// The handler is created once per execution environment (see ``LambdaMain``) and serves invocations one at a time.
public protocol LambdaHandler: Sendable {
    associatedtype Event: Decodable
    associatedtype Output: Encodable
    func handle(_ event: Event, context: LambdaContext) async throws -> Output
}

/// The outcome of one invocation, ready for the Runtime API or for local output.
enum InvocationOutcome: Sendable {
    case response([UInt8])
    case failure(LambdaErrorPayload, type: String)
}

extension LambdaHandler {
    /// Decodes, handles and encodes one invocation; every failure becomes the Lambda error shape.
    func invoke(_ event: [UInt8], context: LambdaContext) async -> InvocationOutcome {
        let decoded: Event
        do {
            decoded = try JSONDecoder().decode(Event.self, from: Data(event))
        } catch {
            let payload = LambdaErrorPayload(error)
            context.logger.error("event does not decode as \(Event.self): \(payload.errorMessage)")
            return .failure(payload, type: LambdaFunctionErrorType.invalidEvent)
        }
        let output: Output
        do {
            output = try await handle(decoded, context: context)
        } catch {
            let payload = LambdaErrorPayload(error)
            context.logger.error("handler failed: \(payload.errorType): \(payload.errorMessage)")
            return .failure(payload, type: LambdaFunctionErrorType.unhandled)
        }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return .response(Array(try encoder.encode(output)))
        } catch {
            let payload = LambdaErrorPayload(error)
            context.logger.error("handler output does not encode as JSON: \(payload.errorMessage)")
            return .failure(payload, type: LambdaFunctionErrorType.invalidResponse)
        }
    }
}
