import Foundation
import Logging

/// Everything an `AWSClient` needs, each part replaceable: tests inject transports, sleepers, clocks and
/// credential providers.
public struct AWSClientConfiguration: Sendable {
    public var region: String
    public var credentials: any AWSCredentialProvider
    public var endpoints: EndpointResolver
    public var transport: any HTTPTransport
    public var retry: RetryPolicy
    public var timeouts: HTTPTimeouts
    public var sleeper: any AWSSleeper
    public var clock: any AWSClock
    public var logger: Logger
    /// Told about every finished call (tests, IAM recording); none by default.
    public var observer: (any AWSCallObserver)?
    /// Where the client's own tasks run (a prefetched page is requested and decoded in one; every attempt's deadline
    /// races the transport in one): unstructured tasks do not inherit the caller's executor preference, so a caller
    /// that keeps its work on one executor names it here. Nil: the global concurrent executor.
    public var taskExecutor: (any TaskExecutor)?

    public init(
        region: String, credentials: any AWSCredentialProvider, endpoints: EndpointResolver = EndpointResolver(),
        transport: any HTTPTransport = AsyncHTTPClientTransport.shared, retry: RetryPolicy = .standard,
        timeouts: HTTPTimeouts = HTTPTimeouts(), sleeper: any AWSSleeper = TaskSleeper(),
        clock: any AWSClock = SystemClock(), logger: Logger = Logger(label: "aws-client"),
        observer: (any AWSCallObserver)? = nil, taskExecutor: (any TaskExecutor)? = nil
    ) {
        self.region = region
        self.credentials = credentials
        self.endpoints = endpoints
        self.transport = transport
        self.retry = retry
        self.timeouts = timeouts
        self.sleeper = sleeper
        self.clock = clock
        self.logger = logger
        self.observer = observer
        self.taskExecutor = taskExecutor
    }

    /// Region from `AWS_REGION`/`AWS_DEFAULT_REGION`/the profile, credentials from the standard chain, endpoints
    /// with the `AWS_ENDPOINT_URL*` overrides, the transport named by `INFRAGEN_HTTP_TRANSPORT` (among the default
    /// and `transports`, see `HTTPTransportSelection`): what a Lambda function or a CLI run needs.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        transports: [String: @Sendable () -> any HTTPTransport] = [:]
    ) throws -> AWSClientConfiguration {
        let region =
            environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
            ?? ProfileCredentialProvider(environment: environment).region()
        guard let region, !region.isEmpty else {
            throw AWSClientError(.endpoint, "no region: set AWS_REGION (or a region in the profile)")
        }
        return AWSClientConfiguration(
            region: region, credentials: CredentialProviderChain.standard(environment: environment),
            endpoints: EndpointResolver(environment: environment),
            transport: try HTTPTransportSelection.transport(environment, available: transports))
    }
}
