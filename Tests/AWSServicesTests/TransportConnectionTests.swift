import AWSClient
import AWSClientURLSession
import AWSServices
import Foundation
import InfragenTestSupport
import Testing

/// What happens before and around the HTTP exchange: connecting (refused, never answered), pooling, the response
/// size cap, shutdown and the `INFRAGEN_HTTP_TRANSPORT` choice. No wall-clock assertions: which timeout ended an
/// attempt shows in the error's kind.
@Suite struct TransportConnectionTests {
    let faults = FaultInjectionTests()

    /// A port nobody listens on refuses at once; both transports report it as a retryable transport failure.
    @Test(arguments: TransportUnderTest.allCases)
    func refusedConnectionsAreRetriedTransportFailures(_ transport: TransportUnderTest) async throws {
        let port = try ClosedPort.make()
        let sleeper = RecordingSleeper()
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await faults.client(baseURL: "http://127.0.0.1:\(port)", transport, sleeper: sleeper)
                .call(DynamoDB.getItem, FaultInjectionTests.getItem)
        }
        #expect(error.code == .transport)
        #expect(error.isRetryable)
        #expect(error.attempts == 3)
        #expect(sleeper.delays.count == 2)
    }

    /// A SYN that is never answered: AsyncHTTPClient gives up at the connect timeout (a `transport` failure, long
    /// before the request timeout); URLSession has no connect timeout, so only the request deadline ends it.
    @Test(arguments: TransportUnderTest.allCases)
    func unansweredConnectEndsAtTheConnectTimeout(_ transport: TransportUnderTest) async throws {
        let blackhole = try BlackholeListener()
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await faults.client(
                baseURL: blackhole.baseURL, transport, sleeper: RecordingSleeper(), connect: .milliseconds(200),
                timeout: .seconds(3), attempts: 1
            ).call(DynamoDB.getItem, FaultInjectionTests.getItem)
        }
        #expect(error.isRetryable)
        switch transport {
        case .asyncHTTPClient:
            #expect(error.code == .transport, "\(error)")
            #expect(error.message.contains("connect timeout"), "\(error)")
        case .urlSession:
            #expect(error.code == .timeout, "\(error)")
        }
    }

    /// Keep-alive: sequential calls through one `AsyncHTTPClientTransport` share one TCP connection; after
    /// `shutdown()` the transport refuses work instead of opening new connections.
    @Test func connectionsArePooledAndShutdownEndsThem() async throws {
        let server = try LoopbackServer { _ in FaultInjectionTests.getItemOK }
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport()
        let client = AWSClient(
            AWSClientConfiguration(
                region: "us-east-1", credentials: StaticCredentialProvider(.moto),
                endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": server.baseURL]), transport: transport))
        for _ in 0..<5 { _ = try await client.call(DynamoDB.getItem, FaultInjectionTests.getItem) }
        #expect(server.requests.count == 5)
        #expect(server.acceptedConnections == 1)

        try await transport.shutdown()
        try await server.waitForOpenConnections(0)
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(DynamoDB.getItem, FaultInjectionTests.getItem)
        }
        #expect(error.message.contains("shut down"))
        #expect(!error.isRetryable)
        #expect(server.requests.count == 5)
    }

    /// A transport dropped without `shutdown()` closes its pool in deinit (AsyncHTTPClient traps in debug builds
    /// when a client is released running, so this test crashes the process if deinit does not shut down).
    @Test func aDroppedTransportShutsItsPoolDown() async throws {
        let server = try LoopbackServer { _ in FaultInjectionTests.getItemOK }
        defer { server.stop() }
        var transport: AsyncHTTPClientTransport? = AsyncHTTPClientTransport()
        let request = HTTPRequest(
            method: .get, url: URL(string: server.baseURL + "/")!, headers: [("Host", "127.0.0.1")], body: Data())
        let response = try await transport!.send(request, timeouts: HTTPTimeouts())
        #expect(response.status == 200)
        // `acceptedConnections`, not `openConnections`: on a starved machine the pool's idle timeout may already
        // have closed the connection by the time this task resumes.
        #expect(server.acceptedConnections == 1)
        transport = nil
        try await server.waitForOpenConnections(0)
    }

    /// A body over the cap fails clearly (and is not retried: the next answer would be as large).
    @Test func responsesOverTheSizeCapFailClearly() async throws {
        let big = String(repeating: "x", count: 4096)
        let server = try LoopbackServer { _ in .json(#"{"Item":{"k":{"S":"\#(big)"}}}"#) }
        defer { server.stop() }
        let transport = AsyncHTTPClientTransport(maxResponseBytes: 1024)
        let client = AWSClient(
            AWSClientConfiguration(
                region: "us-east-1", credentials: StaticCredentialProvider(.moto),
                endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": server.baseURL]), transport: transport))
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(DynamoDB.getItem, FaultInjectionTests.getItem)
        }
        #expect(error.code == .transport)
        #expect(error.message.contains("larger than the transport's limit of 1024 bytes"), "\(error)")
        #expect(!error.isRetryable)
        #expect(server.requests.count == 1)
        try await transport.shutdown()
    }

    @Test func theEnvironmentPicksTheTransport() throws {
        let base = ["AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"]
        let byDefault = try AWSClientConfiguration.fromEnvironment(base)
        #expect(byDefault.transport is AsyncHTTPClientTransport)
        var environment = base
        environment["INFRAGEN_HTTP_TRANSPORT"] = "urlsession"
        let chosen = try AWSClientConfiguration.fromEnvironment(environment, transports: URLSessionTransport.selectable)
        #expect(chosen.transport is URLSessionTransport)
        // A binary without URLSessionTransport (the Lambda runtimes) says so instead of silently using another.
        let error = try #require(throws: AWSClientError.self) {
            _ = try AWSClientConfiguration.fromEnvironment(environment)
        }
        #expect(error.message.contains("INFRAGEN_HTTP_TRANSPORT=urlsession"))
        #expect(error.message.contains("async-http-client"))
    }
}
