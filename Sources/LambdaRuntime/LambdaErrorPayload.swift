#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The error shape the Lambda service expects on `/invocation/{id}/error` and `/init/error`, and what callers of a
/// failed function see: `{"errorMessage": ..., "errorType": ..., "stackTrace": [...]}`.
public struct LambdaErrorPayload: Codable, Sendable, Equatable {
    public var errorMessage: String
    public var errorType: String
    /// Swift errors carry no stack trace; kept (empty) because clients expect the key.
    public var stackTrace: [String]

    public init(errorMessage: String, errorType: String, stackTrace: [String] = []) {
        self.errorMessage = errorMessage
        self.errorType = errorType
        self.stackTrace = stackTrace
    }

    /// The payload for any Swift error: its type name and its description.
    public init(_ error: any Error) {
        if let decoding = error as? DecodingError {
            self.init(errorMessage: Self.describe(decoding), errorType: "DecodingError")
        } else {
            self.init(errorMessage: String(describing: error), errorType: String(describing: type(of: error)))
        }
    }

    /// One JSON line (keys in a fixed order, so logs and local output are stable).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding three strings cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// A readable account of a decoding error: what was expected, and where in the event.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
                .joined().drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = context.codingPath.isEmpty ? "" : " in \(path(context.codingPath))"
            return "the event has no key \"\(key.stringValue)\"\(at)"
        case .typeMismatch(let type, let context):
            return "the event has the wrong type at \(path(context.codingPath)): expected \(type); "
                + context.debugDescription
        case .valueNotFound(let type, let context):
            return "the event has null at \(path(context.codingPath)), expected \(type)"
        case .dataCorrupted(let context):
            return "the event is not valid at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}

/// Values for the `Lambda-Runtime-Function-Error-Type` header (Lambda accepts any string; `Category.Reason` is the
/// documented convention, and `Unhandled` is what the AWS-maintained runtimes send for a handler's own error).
public enum LambdaFunctionErrorType {
    /// The handler threw.
    public static let unhandled = "Unhandled"
    /// The event did not decode as the handler's `Event`.
    public static let invalidEvent = "Runtime.InvalidEvent"
    /// The handler's output could not be encoded, or the Runtime API refused it as too large.
    public static let invalidResponse = "Runtime.InvalidResponse"
    /// Creating the handler failed.
    public static let initError = "Runtime.InitError"
}
