import AWSServices
import Foundation
import InfragenTestSupport
import Testing

@testable import AWSClient

/// Records the backoff delays instead of sleeping, so retry tests are fast and the delays can be checked.
final class RecordingSleeper: AWSSleeper, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []
    var delays: [Duration] { lock.withLock { recorded } }
    func sleep(for duration: Duration) async throws { lock.withLock { recorded.append(duration) } }
}

/// A real HTTP server on loopback that misbehaves on purpose: throttling, 5xx, slow answers, dropped connections.
@Suite struct FaultInjectionTests {
    /// A fixed "random" sequence, so the jittered delays are known exactly.
    static let jitter: [Double] = [0.5, 0.25, 0.75]

    func client(
        _ server: LoopbackServer, _ transport: TransportUnderTest, sleeper: RecordingSleeper,
        timeout: Duration = .seconds(5), attempts: Int = 3
    ) -> AWSClient {
        client(baseURL: server.baseURL, transport, sleeper: sleeper, timeout: timeout, attempts: attempts)
    }

    func client(
        baseURL: String, _ transport: TransportUnderTest, sleeper: RecordingSleeper, connect: Duration = .seconds(1),
        timeout: Duration = .seconds(5), attempts: Int = 3
    ) -> AWSClient {
        let counter = Counter()
        let policy = RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(100), maxBackoff: .seconds(20)) {
            Self.jitter[counter.next() % Self.jitter.count]
        }
        return AWSClient(
            AWSClientConfiguration(
                region: "us-east-1", credentials: StaticCredentialProvider(.moto),
                endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": baseURL]), transport: transport.transport,
                retry: policy, timeouts: HTTPTimeouts(connect: connect, request: timeout), sleeper: sleeper))
    }

    /// Answers with `responses[i]` for the i-th request, repeating the last one.
    static func scripted(_ responses: [LoopbackResponse]) throws -> LoopbackServer {
        let counter = Counter()
        return try LoopbackServer { _ in responses[min(counter.next(), responses.count - 1)] }
    }

    static let throttled = LoopbackResponse.json(
        #"{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}"#,
        status: 400, headers: [("x-amzn-RequestId", "REQ-THROTTLE")])
    static let getItemOK = LoopbackResponse.json(#"{"Item":{"k":{"S":"v"}}}"#)
    static let getItem = DynamoDB.GetItemInput(tableName: "t", key: ["k": .s("v")])

    @Test(arguments: TransportUnderTest.allCases)
    func throttlingIsRetriedWithJitteredBackoffThenSucceeds(_ transport: TransportUnderTest) async throws {
        let server = try Self.scripted([Self.throttled, Self.throttled, Self.getItemOK])
        defer { server.stop() }
        let sleeper = RecordingSleeper()
        let output = try await client(server, transport, sleeper: sleeper).call(DynamoDB.getItem, Self.getItem)
        #expect(output.item?["k"] == .s("v"))
        #expect(server.requests.count == 3)
        // retry n waits random * base * 2^(n-1): 0.5 * 100 ms, then 0.25 * 200 ms.
        #expect(sleeper.delays == [.milliseconds(50), .milliseconds(50)])
        #expect(server.requests.allSatisfy { $0.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 ") == true })
    }

    @Test(arguments: TransportUnderTest.allCases, [
        (500, #"{"__type":"InternalServerError","message":"boom"}"#, "InternalServerError"),
        (503, "", "ServiceUnavailable"),
    ])
    func serverErrorsAreRetriedAtMostMaxAttempts(
        _ transport: TransportUnderTest, _ answer: (Int, String, String)
    ) async throws {
        let (status, body, code) = answer
        let server = try Self.scripted([.json(body, status: status)])
        defer { server.stop() }
        let sleeper = RecordingSleeper()
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client(server, transport, sleeper: sleeper).call(DynamoDB.getItem, Self.getItem)
        }
        #expect(server.requests.count == 3)
        #expect(sleeper.delays.count == 2)
        #expect(error.awsCode == code)
        #expect(error.statusCode == status)
        #expect(error.attempts == 3)
        #expect(error.isRetryable)
    }

    @Test(arguments: TransportUnderTest.allCases)
    func clientErrorsSurfaceAtOnceWithTheirCode(_ transport: TransportUnderTest) async throws {
        let server = try Self.scripted([
            .json(
                #"{"__type":"com.amazon.coral.validate#ValidationException","message":"One or more parameter values were invalid"}"#,
                status: 400, headers: [("x-amzn-RequestId", "REQ-42")])
        ])
        defer { server.stop() }
        let sleeper = RecordingSleeper()
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client(server, transport, sleeper: sleeper).call(DynamoDB.getItem, Self.getItem)
        }
        #expect(server.requests.count == 1)
        #expect(sleeper.delays.isEmpty)
        #expect(error.awsCode == "ValidationException")
        #expect(error.message == "One or more parameter values were invalid")
        #expect(error.requestID == "REQ-42")
        #expect(!error.isRetryable)
        #expect(error.description.contains("dynamodb.GetItem: ValidationException"))
    }

    @Test(arguments: TransportUnderTest.allCases)
    func droppedConnectionIsRetried(_ transport: TransportUnderTest) async throws {
        let server = try Self.scripted([.drop, Self.getItemOK])
        defer { server.stop() }
        let sleeper = RecordingSleeper()
        let output = try await client(server, transport, sleeper: sleeper).call(DynamoDB.getItem, Self.getItem)
        #expect(output.item?["k"] == .s("v"))
        #expect(sleeper.delays.count == 1)
    }

    @Test(arguments: TransportUnderTest.allCases)
    func connectionCutMidBodyIsRetried(_ transport: TransportUnderTest) async throws {
        let server = try Self.scripted([Self.getItemOK.cut(afterBodyBytes: 5), Self.getItemOK])
        defer { server.stop() }
        let output = try await client(server, transport, sleeper: RecordingSleeper())
            .call(DynamoDB.getItem, Self.getItem)
        #expect(output.item?["k"] == .s("v"))
    }

    /// The server answers 200 after 3 s; with a 300 ms request timeout every attempt must fail as a timeout (had
    /// the deadline not held, the call would have succeeded). No wall-clock assertion: timing belongs in benchmarks.
    @Test(arguments: TransportUnderTest.allCases)
    func slowResponsesTimeOutPerAttempt(_ transport: TransportUnderTest) async throws {
        let server = try Self.scripted([Self.getItemOK.delayed(by: .seconds(3))])
        defer { server.stop() }
        let sleeper = RecordingSleeper()
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client(server, transport, sleeper: sleeper, timeout: .milliseconds(300), attempts: 2)
                .call(DynamoDB.getItem, Self.getItem)
        }
        #expect(error.code == .timeout)
        #expect(error.attempts == 2)
        #expect(error.isRetryable)
        #expect(sleeper.delays.count == 1)
    }

    @Test(arguments: TransportUnderTest.allCases)
    func ec2ThrottlingInXMLIsRetried(_ transport: TransportUnderTest) async throws {
        let throttled = LoopbackResponse.text(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>RequestLimitExceeded</Code>"
                + "<Message>Request limit exceeded.</Message></Error></Errors><RequestID>ec2-req</RequestID></Response>",
            status: 503, contentType: "text/xml")
        let ok = LoopbackResponse.text(
            "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>x</requestId>"
                + "<regionInfo><item><regionName>eu-west-1</regionName></item></regionInfo></DescribeRegionsResponse>",
            contentType: "text/xml")
        let server = try Self.scripted([throttled, ok])
        defer { server.stop() }
        let sleeper = RecordingSleeper()
        let output = try await client(server, transport, sleeper: sleeper).call(EC2.describeRegions, .init())
        #expect(output.regions?.map(\.regionName) == ["eu-west-1"])
        #expect(sleeper.delays.count == 1)
        let body = server.requests.first?.bodyText ?? ""
        #expect(body.hasPrefix("Action=DescribeRegions&Version=2016-11-15"))
    }

    @Test(arguments: TransportUnderTest.allCases)
    func accessDeniedIsNotRetried(_ transport: TransportUnderTest) async throws {
        let server = try Self.scripted([
            .text(
                "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error>"
                    + "<RequestId>r-1</RequestId></ErrorResponse>", status: 403, contentType: "text/xml")
        ])
        defer { server.stop() }
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client(server, transport, sleeper: RecordingSleeper()).call(STS.getCallerIdentity)
        }
        #expect(server.requests.count == 1)
        #expect(error.awsCode == "AccessDenied")
        #expect(error.isAuthFailure)
        #expect(error.requestID == "r-1")
    }
}

/// A thread-safe counter for scripted handlers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            defer { value += 1 }
            return value
        }
    }
}

@Suite struct RetryQuotaTests {
    @Test func anExhaustedQuotaStopsRetriesAndSuccessRefillsIt() async throws {
        let counter = Counter()
        let server = try LoopbackServer { _ in
            counter.next() < 20 ? FaultInjectionTests.throttled : FaultInjectionTests.getItemOK
        }
        defer { server.stop() }
        let client = AWSClient(
            AWSClientConfiguration(
                region: "us-east-1", credentials: StaticCredentialProvider(.moto),
                endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": server.baseURL]),
                retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1)), sleeper: RecordingSleeper()))
        // Drain the bucket to 15 tokens: the next failing call can afford two retries (5 each), the one after one.
        while client.retryQuota.available > 15 { _ = client.retryQuota.acquire(afterTimeout: false) }
        let before = server.requests.count
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(DynamoDB.getItem, FaultInjectionTests.getItem)
        }
        #expect(server.requests.count - before == 3)  // 15 tokens: two retries of 5
        #expect(error.attempts == 3)
        let second = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(DynamoDB.getItem, FaultInjectionTests.getItem)
        }
        #expect(second.attempts == 2)  // 5 tokens: one retry, then the bucket is dry
        #expect(client.retryQuota.available == 0)
    }

    @Test func retriesRefundOnSuccess() async throws {
        let quota = RetryQuota(tokens: 100)
        let cost = try #require(quota.acquire(afterTimeout: false))
        #expect(quota.available == 95)
        quota.succeeded(spent: cost)
        #expect(quota.available == 100)
        quota.succeeded(spent: 0)
        #expect(quota.available == 101)
        #expect(RetryQuota(tokens: 9).acquire(afterTimeout: true) == nil)
    }
}
