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

/// Where local mode reads its event from stdin and writes its response and logs.
public struct LocalStreams: Sendable {
    public var output: any LogLineSink
    public var error: any LogLineSink
    public var readInput: @Sendable () -> [UInt8]

    public init(output: any LogLineSink, error: any LogLineSink, readInput: @escaping @Sendable () -> [UInt8]) {
        self.output = output
        self.error = error
        self.readInput = readInput
    }

    /// stdout, stderr and stdin of the process.
    public static var standard: LocalStreams {
        LocalStreams(output: FileDescriptorSink(fd: 1), error: FileDescriptorSink(fd: 2), readInput: readStandardInput)
    }

    @Sendable static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return bytes }
            bytes += chunk[0..<count]
        }
    }
}

/// The command line of local mode: `--event FILE|-` and optional `--timeout SECONDS`, `--function-arn ARN`.
struct LocalOptions: Sendable {
    var eventPath: String
    var timeoutSeconds: Int64 = 900
    var functionARN: String?

    static let usage = """
        usage: <runtime> --event FILE|- [--timeout SECONDS] [--function-arn ARN]
          Runs one invocation locally: the response is printed as one JSON line on stdout, logs go to stderr.
          Without --event the runtime expects AWS_LAMBDA_RUNTIME_API (inside Lambda).
        """

    /// nil when there is no `--event` (Lambda mode).
    init?(arguments: [String]) throws(LambdaRuntimeError) {
        var eventPath: String?
        var index = 0
        func value(_ flag: String) throws(LambdaRuntimeError) -> String {
            index += 1
            guard index < arguments.count else { throw LambdaRuntimeError(.usage, "\(flag) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--event": eventPath = try value(argument)
            case "--timeout":
                let text = try value(argument)
                guard let seconds = Int64(text), seconds > 0 else {
                    throw LambdaRuntimeError(.usage, "--timeout needs a positive number of seconds, got \(text)")
                }
                timeoutSeconds = seconds
            case "--function-arn": functionARN = try value(argument)
            default: throw LambdaRuntimeError(.usage, "unknown argument \(argument)")
            }
            index += 1
        }
        guard let eventPath else {
            if arguments.isEmpty { return nil }
            throw LambdaRuntimeError(.usage, "--timeout and --function-arn only apply with --event")
        }
        self.eventPath = eventPath
    }
}

/// One invocation outside Lambda, with the same decoding, error shape and logging as inside it.
struct LocalInvoke: Sendable {
    let options: LocalOptions
    let environment: [String: String]
    let streams: LocalStreams
    let clock: any LambdaClock

    func run<Handler: LambdaHandler>(
        logger: Logger, makeHandler: @Sendable (Logger) async throws -> Handler
    ) async -> Int32 {
        let event: [UInt8]
        do {
            event = try readEvent()
        } catch {
            return fail(LambdaErrorPayload(errorMessage: error.message, errorType: "EventUnreadable"), logger)
        }
        let handler: Handler
        do {
            handler = try await makeHandler(logger)
        } catch {
            return fail(LambdaErrorPayload(error), logger, what: "handler initialisation failed")
        }
        let context = LambdaContext(invocation: invocation(event), logger: logger, clock: clock)
        switch await handler.invoke(event, context: context) {
        case .response(let body):
            streams.output.write(line: String(decoding: body, as: UTF8.self))
            return 0
        case .failure(let payload, _):
            streams.output.write(line: payload.json)
            return 1
        }
    }

    private func fail(_ payload: LambdaErrorPayload, _ logger: Logger, what: String? = nil) -> Int32 {
        if let what { logger.critical("\(what): \(payload.errorType): \(payload.errorMessage)") }
        streams.output.write(line: payload.json)
        return 1
    }

    private func readEvent() throws(LambdaRuntimeError) -> [UInt8] {
        if options.eventPath == "-" { return streams.readInput() }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: options.eventPath)))
        } catch {
            throw LambdaRuntimeError(.eventUnreadable, "cannot read the event file \(options.eventPath): \(error)")
        }
    }

    /// A synthetic invocation: a fresh request id, the deadline `--timeout` from now, an ARN in the configured
    /// region (the account is the placeholder 000000000000 unless `--function-arn` says otherwise).
    private func invocation(_ event: [UInt8]) -> Invocation {
        let name = environment["AWS_LAMBDA_FUNCTION_NAME"] ?? "local"
        let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
        return Invocation(
            requestID: UUID().uuidString.lowercased(),
            deadlineMilliseconds: clock.nowMilliseconds() + options.timeoutSeconds * 1000,
            invokedFunctionARN: options.functionARN ?? "arn:aws:lambda:\(region):000000000000:function:\(name)",
            event: event)
    }
}
