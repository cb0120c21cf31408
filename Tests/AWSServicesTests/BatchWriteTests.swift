import AWSClient
import AWSServices
import Foundation
import InfragenTestSupport
import Testing

/// `batchWriteAll`: batches of 25, and `UnprocessedItems` resent until none remain (moto never returns any, so a
/// loopback server plays DynamoDB here).
@Suite struct BatchWriteTests {
    static func client(_ server: LoopbackServer, sleeper: RecordingSleeper) -> AWSClient {
        AWSClient(
            AWSClientConfiguration(
                region: "us-east-1", credentials: StaticCredentialProvider(.moto),
                endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": server.baseURL]),
                retry: RetryPolicy(baseDelay: .milliseconds(10)), sleeper: sleeper))
    }

    static func ids(in request: LoopbackRequest) -> [String] {
        guard let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
            let items = (body["RequestItems"] as? [String: Any])?["t"] as? [[String: Any]]
        else { return [] }
        return items.compactMap {
            (((($0["PutRequest"] as? [String: Any])?["Item"] as? [String: Any])?["id"]) as? [String: String])?["S"]
        }
    }

    static func writes(_ range: Range<Int>) -> [DynamoDB.WriteRequest] { range.map { .put(["id": .s("i\($0)")]) } }

    /// Leaves the last two writes of every request with more than two unprocessed.
    @Test func resendsUnprocessedItemsUntilDone() async throws {
        let server = try LoopbackServer { request in
            let ids = Self.ids(in: request)
            guard ids.count > 2 else { return .json(#"{"UnprocessedItems":{}}"#) }
            let left = ids.suffix(2).map { #"{"PutRequest":{"Item":{"id":{"S":"\#($0)"}}}}"# }.joined(separator: ",")
            return .json(#"{"UnprocessedItems":{"t":[\#(left)]}}"#)
        }
        defer { server.stop() }
        let sleeper = RecordingSleeper()
        try await Self.client(server, sleeper: sleeper).batchWriteAll(Self.writes(0..<30), table: "t")
        let sent = server.requests.map(Self.ids)
        // Batch of 25, its 2 leftovers, batch of 5, its 2 leftovers: only unprocessed writes are resent.
        #expect(sent.map(\.count) == [25, 2, 5, 2])
        #expect(sent[1] == ["i23", "i24"])
        #expect(sent[3] == ["i28", "i29"])
        #expect(Set(sent.flatMap { $0 }) == Set((0..<30).map { "i\($0)" }))
        #expect(sleeper.delays.count == 2)  // a backoff before each resend
    }

    @Test func givesUpAfterMaxRoundsNamingWhatIsLeft() async throws {
        let server = try LoopbackServer { _ in
            .json(#"{"UnprocessedItems":{"t":[{"PutRequest":{"Item":{"id":{"S":"stuck"}}}}]}}"#)
        }
        defer { server.stop() }
        let error = try await #require(throws: AWSClientError.self) {
            try await Self.client(server, sleeper: RecordingSleeper())
                .batchWriteAll(Self.writes(0..<3), table: "t", maxRounds: 3)
        }
        #expect(server.requests.count == 3)
        #expect(error.awsCode == "UnprocessedItems")
        #expect(error.message.contains("1 writes still unprocessed after 3 rounds"))
    }
}
