/// The analyzer's own local-mode option, taken out of the arguments before `LambdaMain.run` sees the rest.
public struct AnalyzerCommandLine: Sendable, Hashable {
    /// `--findings-json FILE`: where to write the findings JSON.
    public var findingsJSONPath: String?
    /// The remaining arguments, for `LambdaMain.run` (`--event`, `--timeout`, `--function-arn`).
    public var runtimeArguments: [String]

    public static let usage = """
        usage: inventory-analyzer --event FILE|- [--findings-json FILE] [--timeout SECONDS] [--function-arn ARN]
        """

    public struct UsageError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public init(arguments: [String]) throws {
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--findings-json" {
                guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") else {
                    throw UsageError(description: "--findings-json needs a file path")
                }
                findingsJSONPath = arguments[index + 1]
                index += 2
            } else {
                rest.append(arguments[index])
                index += 1
            }
        }
        // Lambda mode has no local file system worth writing to: the option only makes sense with an event.
        if findingsJSONPath != nil, !rest.contains("--event") {
            throw UsageError(description: "--findings-json only applies with --event (local mode)")
        }
        runtimeArguments = rest
    }
}
