import AWSClient
import AWSServices
import Foundation

/// Writes inventory items with `BatchWriteItem`, 25 per request, and accounts for every one of them.
///
/// `UnprocessedItems` are resent with the client's backoff until written or until `maxRounds` rounds of a batch
/// have passed; a batch whose request fails outright (after the client's own retries) is not retried here. Either
/// way the items left are *reported* by key, never dropped silently. Batches go out `concurrency` at a time.
///
/// (Not `AWSClient.batchWriteAll`: that helper throws on the first batch that cannot be finished, which loses the
/// rest of the write and the identity of what was left.)
public struct InventoryWriter: Sendable {
    /// An item that was not written, and why.
    public struct Unwritten: Sendable, Hashable {
        public var resourceID: String
        public var timestamp: String
        public var reason: String
    }

    /// What a `write` did.
    public struct Report: Sendable {
        public var written = 0
        public var unwritten: [Unwritten] = []
        /// `BatchWriteItem` requests sent (first sends and resends).
        public var requests = 0

        public init() {}

        mutating func merge(_ other: Report) {
            written += other.written
            unwritten += other.unwritten
            requests += other.requests
        }
    }

    public static let batchSize = 25

    public var client: AWSClient
    public var table: String
    public var maxRounds: Int
    public var concurrency: Int

    public init(client: AWSClient, table: String, maxRounds: Int = 8, concurrency: Int = 4) {
        self.client = client
        self.table = table
        self.maxRounds = max(1, maxRounds)
        self.concurrency = max(1, concurrency)
    }

    /// Writes `items` (put requests) and reports what was written and what was not.
    public func write(_ items: [DynamoDBItem]) async -> Report {
        let batches = stride(from: 0, to: items.count, by: Self.batchSize).map {
            Array(items[$0..<min($0 + Self.batchSize, items.count)])
        }
        var report = Report()
        await withTaskGroup(of: Report.self) { group in
            var next = 0
            while next < min(concurrency, batches.count) {
                let batch = batches[next]
                group.addTask { await writeBatch(batch) }
                next += 1
            }
            for await done in group {
                report.merge(done)
                if next < batches.count {
                    let batch = batches[next]
                    group.addTask { await writeBatch(batch) }
                    next += 1
                }
            }
        }
        return report
    }

    /// One batch of at most 25: send, then resend what DynamoDB left unprocessed, with backoff.
    func writeBatch(_ items: [DynamoDBItem]) async -> Report {
        var report = Report()
        var pending = items.map { DynamoDB.WriteRequest.put($0) }
        var round = 0
        while !pending.isEmpty {
            round += 1
            report.requests += 1
            let sent = pending.count
            do {
                let output = try await client.call(
                    DynamoDB.batchWriteItem, DynamoDB.BatchWriteItemInput(requestItems: [table: pending]))
                pending = output.unprocessedItems?[table] ?? []
                report.written += sent - pending.count
            } catch {
                report.unwritten += pending.map { Self.unwritten($0, reason: "BatchWriteItem failed: \(error)") }
                return report
            }
            guard !pending.isEmpty else { break }
            guard round < maxRounds else {
                let reason = "still unprocessed after \(round) BatchWriteItem rounds"
                report.unwritten += pending.map { Self.unwritten($0, reason: reason) }
                return report
            }
            do {
                try await client.configuration.sleeper.sleep(for: client.configuration.retry.delay(beforeRetry: round))
            } catch {
                report.unwritten += pending.map { Self.unwritten($0, reason: "cancelled while backing off") }
                return report
            }
        }
        return report
    }

    static func unwritten(_ request: DynamoDB.WriteRequest, reason: String) -> Unwritten {
        let item: DynamoDBItem
        switch request {
        case .put(let put): item = put
        case .delete(let key): item = key
        }
        return Unwritten(resourceID: item["resource_id"]?.string ?? "?", timestamp: item["timestamp"]?.string ?? "?",
                         reason: reason)
    }
}
