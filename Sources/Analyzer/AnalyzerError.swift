/// The analyzer's one error type.
public struct AnalyzerError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// An environment variable has a value that cannot be used.
        case invalidConfiguration
        /// There is no complete scan to analyse.
        case noScan
        /// The event names a scan the store does not know.
        case unknownScan
        /// The event is not one the analyzer understands.
        case invalidEvent
        /// A result could not be written where configuration asked for it (the `--findings-json` file).
        case outputFailed
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
