import AWSClient
import AWSServices
import Foundation
import InventoryStore
import Testing

/// A DynamoDB stand-in behind the client's transport seam: decodes each `BatchWriteItem`, keeps what it accepts,
/// and answers with `UnprocessedItems` or an error as the test's `decide` says.
final class FakeDynamoDB: HTTPTransport, @unchecked Sendable {
    enum Answer { case accept(keep: Int), fail(status: Int, type: String) }

    private let lock = NSLock()
    private var stored: [String] = []
    private var requestCount = 0
    private let decide: @Sendable (_ request: Int, _ size: Int) -> Answer

    init(decide: @escaping @Sendable (_ request: Int, _ size: Int) -> Answer) { self.decide = decide }

    var storedIDs: [String] { lock.withLock { stored } }
    var requests: Int { lock.withLock { requestCount } }

    func send(_ request: HTTPRequest, timeouts: HTTPTimeouts) async throws -> HTTPResponse {
        #expect(request.header("X-Amz-Target") == "DynamoDB_20120810.BatchWriteItem")
        let body = try JSONDecoder().decode([String: [String: [DynamoDB.WriteRequest]]].self, from: request.body)
        let writes = body["RequestItems"]?["inventory"] ?? []
        #expect(!writes.isEmpty && writes.count <= 25)
        let number = lock.withLock { requestCount += 1; return requestCount }
        switch decide(number, writes.count) {
        case .fail(let status, let type):
            return HTTPResponse(status: status, headers: ["content-type": "application/x-amz-json-1.0"],
                                body: Data(#"{"__type":"\#(type)","message":"no"}"#.utf8))
        case .accept(let keep):
            let accepted = writes.prefix(keep), left = writes.dropFirst(keep)
            lock.withLock {
                for case .put(let item) in accepted { stored.append(item["resource_id"]?.string ?? "?") }
            }
            let answer = ["UnprocessedItems": left.isEmpty ? [:] : ["inventory": Array(left)]]
            return HTTPResponse(status: 200, headers: ["content-type": "application/x-amz-json-1.0"],
                                body: try JSONEncoder().encode(answer))
        }
    }
}

final class NoSleep: AWSSleeper, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []
    var delays: [Duration] { lock.withLock { recorded } }
    func sleep(for duration: Duration) async throws { lock.withLock { recorded.append(duration) } }
}

@Suite struct InventoryWriterTests {
    static func items(_ count: Int) -> [DynamoDBItem] {
        (0..<count).map { ["resource_id": .s("r-\($0)"), "timestamp": .s("2026-11-29T04:00:00Z")] }
    }

    static func writer(_ fake: FakeDynamoDB, sleeper: NoSleep, maxRounds: Int = 8) -> InventoryWriter {
        let client = AWSClient(AWSClientConfiguration(
            region: "us-east-1", credentials: StaticCredentialProvider(.init(accessKeyID: "testing",
                                                                             secretAccessKey: "testing")),
            endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9"]), transport: fake,
            retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10)), sleeper: sleeper))
        return InventoryWriter(client: client, table: "inventory", maxRounds: maxRounds, concurrency: 3)
    }

    @Test func unprocessedItemsAreResentUntilEveryItemIsWritten() async {
        // Every request takes only 7 of what it is sent: a batch of 25 needs 4 rounds.
        let fake = FakeDynamoDB { _, _ in .accept(keep: 7) }
        let sleeper = NoSleep()
        let report = await Self.writer(fake, sleeper: sleeper).write(Self.items(60))
        #expect(report.written == 60 && report.unwritten.isEmpty)
        #expect(Set(fake.storedIDs) == Set((0..<60).map { "r-\($0)" }) && fake.storedIDs.count == 60)
        // 25 → 4 rounds, 25 → 4 rounds, 10 → 2 rounds; one backoff before each resend.
        #expect(report.requests == 10 && fake.requests == 10)
        #expect(sleeper.delays.count == 7)
    }

    @Test func itemsStillUnprocessedAfterTheLastRoundAreReportedByKey() async {
        let fake = FakeDynamoDB { _, size in .accept(keep: size > 20 ? 20 : 0) }
        let report = await Self.writer(fake, sleeper: NoSleep(), maxRounds: 3).write(Self.items(25))
        #expect(report.written == 20)
        #expect(report.unwritten.map(\.resourceID) == (20..<25).map { "r-\($0)" })
        #expect(report.unwritten.allSatisfy { $0.reason == "still unprocessed after 3 BatchWriteItem rounds" })
        #expect(fake.requests == 3)
    }

    @Test func aFailedBatchIsReportedAndTheOtherBatchesAreStillWritten() async {
        let fake = FakeDynamoDB { request, _ in
            request == 1 ? .fail(status: 400, type: "AccessDeniedException") : .accept(keep: 25)
        }
        let report = await Self.writer(fake, sleeper: NoSleep()).write(Self.items(75))
        #expect(report.written == 50 && report.unwritten.count == 25)
        #expect(report.unwritten.allSatisfy { $0.reason.contains("AccessDeniedException") })
        #expect(Set(fake.storedIDs).count == 50)
    }
}
