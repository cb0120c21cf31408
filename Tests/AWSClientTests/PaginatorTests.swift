import AWSSigV4
import Foundation
import Synchronization
import Testing

@testable import AWSClient

/// An in-memory transport answering from a function of the request, recording what it was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []
    let answer: @Sendable (HTTPRequest) -> HTTPResponse
    var requests: [HTTPRequest] { lock.withLock { sent } }

    init(_ answer: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.answer = answer }

    func send(_ request: HTTPRequest, timeouts: HTTPTimeouts) async throws -> HTTPResponse {
        lock.withLock { sent.append(request) }
        return answer(request)
    }
}

@Suite struct PaginatorTests {
    func client(_ transport: ScriptedTransport) -> AWSClient {
        AWSClient(
            AWSClientConfiguration(
                region: "us-east-1",
                credentials: StaticCredentialProvider(.init(accessKeyID: "a", secretAccessKey: "b")),
                endpoints: EndpointResolver(environment: [:]), transport: transport))
    }

    /// Pages keyed by the request's token; "loop" answers with the token it was sent.
    static func pages(_ table: [String: String]) -> ScriptedTransport {
        ScriptedTransport { request in
            let body = (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]) ?? [:]
            let token = body["NextToken"] as? String ?? ""
            return HTTPResponse(status: 200, headers: [:], body: Data((table[token] ?? "{}").utf8))
        }
    }

    @Test func followsTokensUntilAbsentOrEmpty() async throws {
        let transport = Self.pages([
            "": #"{"Items":["a","b"],"NextToken":"t1"}"#, "t1": #"{"Items":["c"],"NextToken":"t2"}"#,
            "t2": #"{"Items":["d"],"NextToken":""}"#,
        ])
        var items: [String] = []
        for try await page in client(transport).paginate(
            TestService.list(.awsJson1_1), .init(maxResults: 2), inputToken: \.token, outputToken: \.next)
        {
            items += page.items ?? []
        }
        #expect(items == ["a", "b", "c", "d"])
        #expect(transport.requests.count == 3)
    }

    @Test func stopsWhenTheServiceRepeatsItsToken() async throws {
        let transport = Self.pages([
            "": #"{"Items":["a"],"NextToken":"same"}"#, "same": #"{"Items":["b"],"NextToken":"same"}"#,
        ])
        var pages = 0
        for try await _ in client(transport).paginate(
            TestService.list(.awsJson1_0), .init(), inputToken: \.token, outputToken: \.next)
        {
            pages += 1
        }
        #expect(pages == 2)
        #expect(transport.requests.count == 2)
    }

    @Test func prefetchingSendsTheNextRequestBeforeTheCallerAsksForIt() async throws {
        let transport = Self.pages([
            "": #"{"Items":["a"],"NextToken":"t1"}"#, "t1": #"{"Items":["b"],"NextToken":"t2"}"#,
            "t2": #"{"Items":["c"]}"#,
        ])
        let pages = client(transport).paginate(
            TestService.list(.awsJson1_1), .init(), inputToken: \.token, outputToken: \.next).prefetching()
        var iterator = pages.makeAsyncIterator()
        let first = try await iterator.next()
        #expect(first?.items == ["a"])
        // The caller has not asked for page 2, yet its request (with page 1's token) goes out.
        for _ in 0..<500 where transport.requests.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
        let tokens = transport.requests.map { request in
            (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any])?["NextToken"] as? String
        }
        #expect(tokens == [nil, "t1"])
        var rest: [String] = []
        while let page = try await iterator.next() { rest += page.items ?? [] }
        #expect(rest == ["b", "c"])
        #expect(transport.requests.count == 3)  // nothing requested after the last page
    }

    /// The client's own tasks — the prefetched page's call and each attempt's deadline race — run where
    /// `taskExecutor` says: unstructured tasks would otherwise leave a caller's executor for the global pool.
    @Test func theClientsOwnTasksRunOnItsTaskExecutor() async throws {
        let executor = QueueExecutor()
        final class Seen: Sendable { let onExecutor = Mutex<[Bool]>([]) }
        let seen = Seen()
        let pages = Self.pages([
            "": #"{"Items":["a"],"NextToken":"t1"}"#, "t1": #"{"Items":["b"],"NextToken":"t2"}"#,
            "t2": #"{"Items":["c"]}"#,
        ])
        let transport = ScriptedTransport { request in
            seen.onExecutor.withLock { $0.append(executor.isCurrent) }
            return pages.answer(request)
        }
        var configuration = client(transport).configuration
        configuration.taskExecutor = executor
        var items: [String] = []
        for try await page in AWSClient(configuration).paginate(
            TestService.list(.awsJson1_1), .init(), inputToken: \.token, outputToken: \.next).prefetching()
        {
            items += page.items ?? []
        }
        #expect(items == ["a", "b", "c"])
        #expect(seen.onExecutor.withLock { $0 } == [true, true, true])
        // Without one, the same calls run on the global pool.
        seen.onExecutor.withLock { $0.removeAll() }
        for try await _ in client(transport).paginate(
            TestService.list(.awsJson1_1), .init(), inputToken: \.token, outputToken: \.next).prefetching() {}
        #expect(seen.onExecutor.withLock { $0 } == [false, false, false])
    }

    @Test func eachAttemptIsSignedAfresh() async throws {
        let transport = ScriptedTransport { _ in HTTPResponse(status: 200, headers: [:], body: Data("{}".utf8)) }
        _ = try await client(transport).call(TestService.list(.awsJson1_0), .init())
        let request = try #require(transport.requests.first)
        #expect(request.url.absoluteString == "https://test.us-east-1.amazonaws.com/")
        #expect(request.header("Authorization")?.contains("Credential=a/") == true)
        #expect(request.header("X-Amz-Date") != nil)
    }
}

/// A task executor on a serial dispatch queue that can tell whether the current code runs on it.
final class QueueExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "test.task-executor")
    private let key = DispatchSpecificKey<Bool>()

    init() { queue.setSpecific(key: key, value: true) }

    var isCurrent: Bool { DispatchQueue.getSpecific(key: key) == true }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
