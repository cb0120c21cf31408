/// A failure that stops a collector invocation (bad configuration or event). Per-service scan failures are not
/// errors: they are recorded in the scan summary and the response.
public struct CollectorError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// An environment variable is missing or malformed.
        case configuration
        /// The invocation event cannot be used (for example a `scan_id` without a start time).
        case invalidEvent
        /// The scan-summary item could not be stored: the scan is not recorded as done.
        case summaryNotStored
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
