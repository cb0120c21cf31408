#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import Logging

/// What an executable's `main.swift` calls: picks Lambda mode or local mode and wires logging.
///
/// ```swift
/// // main.swift of a runtime
/// import LambdaRuntime
/// exit(await LambdaMain.run { logger in try CollectorHandler(environment: ProcessInfo.processInfo.environment) })
/// ```
///
/// - Lambda mode (`AWS_LAMBDA_RUNTIME_API` set, no `--event`): JSON logs to stdout, the handler is created once (a
///   failure is posted to `/init/error`), then invocations are served until the Runtime API goes away.
/// - Local mode (`--event FILE`, or `--event -` for stdin): one invocation; the response (or the error shape) is
///   printed as one line of JSON on stdout, logs go to stderr, the exit status is 0 only on success.
public enum LambdaMain {
    /// Runs the process and returns its exit status.
    public static func run<Handler: LambdaHandler>(
        arguments: [String] = Array(CommandLine.arguments.dropFirst()),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        streams: LocalStreams = .standard,
        clock: any LambdaClock = SystemLambdaClock(),
        bootstrapLogging: Bool = true,
        makeHandler: @Sendable (Logger) async throws -> Handler
    ) async -> Int32 {
        let options: LocalOptions?
        do {
            options = try LocalOptions(arguments: arguments)
        } catch {
            streams.error.write(line: "error: \(error.message)\n\(LocalOptions.usage)")
            return 2
        }
        let level = logLevel(environment)
        if bootstrapLogging {
            // Libraries (the AWS client) log through `Logger(label:)`: send them to the same JSON stream.
            let sink = options == nil ? streams.output : streams.error
            GlobalLogging.bootstrapOnce { JSONLogHandler(label: $0, sink: sink, level: level) }
        }
        if let options {
            let logger = Logger(label: loggerLabel(environment)) {
                JSONLogHandler(label: $0, sink: streams.error, level: level)
            }
            return await LocalInvoke(options: options, environment: environment, streams: streams, clock: clock)
                .run(logger: logger, makeHandler: makeHandler)
        }
        let logger = Logger(label: loggerLabel(environment)) {
            JSONLogHandler(label: $0, sink: streams.output, level: level)
        }
        let client: HTTPRuntimeAPIClient
        do {
            client = try HTTPRuntimeAPIClient(environment: environment)
        } catch {
            streams.error.write(line: "error: \(error.message)")
            return 2
        }
        return await serve(client: client, logger: logger, clock: clock, makeHandler: makeHandler)
    }

    /// Lambda mode against any Runtime API client: init (reporting init errors), then the loop.
    static func serve<Handler: LambdaHandler>(
        client: any RuntimeAPIClient, logger: Logger, clock: any LambdaClock,
        maxInvocations: Int? = nil, makeHandler: @Sendable (Logger) async throws -> Handler
    ) async -> Int32 {
        let handler: Handler
        do {
            handler = try await makeHandler(logger)
        } catch {
            let payload = LambdaErrorPayload(error)
            logger.critical("handler initialisation failed: \(payload.errorType): \(payload.errorMessage)")
            do {
                try await client.reportInitError(payload, type: LambdaFunctionErrorType.initError)
            } catch {
                logger.critical("could not report the initialisation error: \(error.message)")
            }
            return 1
        }
        do {
            try await LambdaRunLoop(client: client, handler: handler, logger: logger, clock: clock)
                .run(maxInvocations: maxInvocations)
            return 0
        } catch {
            logger.critical("runtime loop stopped: \(error.message)")
            return 1
        }
    }

    /// `AWS_LAMBDA_LOG_LEVEL` (set by Lambda's advanced logging controls) or `LOG_LEVEL`; default `info`.
    static func logLevel(_ environment: [String: String]) -> Logger.Level {
        let names: [String: Logger.Level] = [
            "trace": .trace, "debug": .debug, "info": .info, "notice": .notice, "warn": .warning,
            "warning": .warning, "error": .error, "fatal": .critical, "critical": .critical,
        ]
        let value = environment["AWS_LAMBDA_LOG_LEVEL"] ?? environment["LOG_LEVEL"] ?? "info"
        return names[value.lowercased()] ?? .info
    }

    static func loggerLabel(_ environment: [String: String]) -> String {
        environment["AWS_LAMBDA_FUNCTION_NAME"] ?? "lambda"
    }
}

/// `LoggingSystem.bootstrap` may run once per process; this guards it.
enum GlobalLogging {
    private static let state = DispatchQueue(label: "lambda-logging-bootstrap")
    nonisolated(unsafe) private static var done = false

    static func bootstrapOnce(_ factory: @escaping @Sendable (String) -> any LogHandler) {
        state.sync {
            // `done` is only read and written on `state`, a serial queue.
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap(factory)
        }
    }
}
