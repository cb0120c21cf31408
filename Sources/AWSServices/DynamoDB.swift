import AWSClient
import Foundation

/// DynamoDB (awsJson1_0). Item actions act on the table; `Query` on an index also on the index.
public enum DynamoDB {
    static let tableARN = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"

    public static let putItem = AWSOperation<PutItemInput, PutItemOutput>(
        service: .dynamoDB, name: "PutItem", iamAction: "dynamodb:PutItem", resourceARN: tableARN)
    /// Puts need `dynamodb:BatchWriteItem`; `writeAll(_:to:)` resends `UnprocessedItems`.
    public static let batchWriteItem = AWSOperation<BatchWriteItemInput, BatchWriteItemOutput>(
        service: .dynamoDB, name: "BatchWriteItem", iamAction: "dynamodb:BatchWriteItem", resourceARN: tableARN)
    public static let query = AWSOperation<QueryInput, QueryOutput>(
        service: .dynamoDB, name: "Query", iamAction: "dynamodb:Query", resourceARN: tableARN,
        alsoActsOn: [tableARN + "/index/${IndexName}"])
    public static let getItem = AWSOperation<GetItemInput, GetItemOutput>(
        service: .dynamoDB, name: "GetItem", iamAction: "dynamodb:GetItem", resourceARN: tableARN)

    static let all = [putItem.descriptor, batchWriteItem.descriptor, query.descriptor, getItem.descriptor]

    public struct PutItemInput: AWSInput {
        public var tableName: String
        public var item: DynamoDBItem
        public var conditionExpression: String?
        public var expressionAttributeNames: [String: String]?
        public var expressionAttributeValues: DynamoDBItem?
        public init(
            tableName: String, item: DynamoDBItem, conditionExpression: String? = nil,
            expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: DynamoDBItem? = nil
        ) {
            self.tableName = tableName
            self.item = item
            self.conditionExpression = conditionExpression
            self.expressionAttributeNames = expressionAttributeNames
            self.expressionAttributeValues = expressionAttributeValues
        }
        enum CodingKeys: String, CodingKey {
            case tableName = "TableName", item = "Item", conditionExpression = "ConditionExpression"
            case expressionAttributeNames = "ExpressionAttributeNames"
            case expressionAttributeValues = "ExpressionAttributeValues"
        }
    }

    public struct PutItemOutput: AWSOutput {}

    /// One write of a batch: a put or a delete.
    public enum WriteRequest: Codable, Sendable, Hashable {
        case put(DynamoDBItem)
        case delete(key: DynamoDBItem)

        enum CodingKeys: String, CodingKey { case put = "PutRequest", delete = "DeleteRequest" }
        enum Body: String, CodingKey { case item = "Item", key = "Key" }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if container.contains(.put) {
                let body = try container.nestedContainer(keyedBy: Body.self, forKey: .put)
                self = .put(try body.decode(DynamoDBItem.self, forKey: .item))
            } else {
                let body = try container.nestedContainer(keyedBy: Body.self, forKey: .delete)
                self = .delete(key: try body.decode(DynamoDBItem.self, forKey: .key))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .put(let item):
                var body = container.nestedContainer(keyedBy: Body.self, forKey: .put)
                try body.encode(item, forKey: .item)
            case .delete(let key):
                var body = container.nestedContainer(keyedBy: Body.self, forKey: .delete)
                try body.encode(key, forKey: .key)
            }
        }
    }

    public struct BatchWriteItemInput: AWSInput {
        /// Table name → up to 25 writes in all.
        public var requestItems: [String: [WriteRequest]]
        public init(requestItems: [String: [WriteRequest]]) { self.requestItems = requestItems }
        enum CodingKeys: String, CodingKey { case requestItems = "RequestItems" }
    }

    public struct BatchWriteItemOutput: AWSOutput {
        public var unprocessedItems: [String: [WriteRequest]]?
        enum CodingKeys: String, CodingKey { case unprocessedItems = "UnprocessedItems" }
    }

    public struct QueryInput: AWSInput {
        public var tableName: String
        public var indexName: String?
        public var keyConditionExpression: String
        public var filterExpression: String?
        public var projectionExpression: String?
        public var expressionAttributeNames: [String: String]?
        public var expressionAttributeValues: DynamoDBItem?
        public var exclusiveStartKey: DynamoDBItem?
        public var limit: Int?
        public var scanIndexForward: Bool?
        public init(
            tableName: String, indexName: String? = nil, keyConditionExpression: String,
            filterExpression: String? = nil, projectionExpression: String? = nil,
            expressionAttributeNames: [String: String]? = nil, expressionAttributeValues: DynamoDBItem? = nil,
            exclusiveStartKey: DynamoDBItem? = nil, limit: Int? = nil, scanIndexForward: Bool? = nil
        ) {
            self.tableName = tableName
            self.indexName = indexName
            self.keyConditionExpression = keyConditionExpression
            self.filterExpression = filterExpression
            self.projectionExpression = projectionExpression
            self.expressionAttributeNames = expressionAttributeNames
            self.expressionAttributeValues = expressionAttributeValues
            self.exclusiveStartKey = exclusiveStartKey
            self.limit = limit
            self.scanIndexForward = scanIndexForward
        }
        enum CodingKeys: String, CodingKey {
            case tableName = "TableName", indexName = "IndexName", keyConditionExpression = "KeyConditionExpression"
            case filterExpression = "FilterExpression", projectionExpression = "ProjectionExpression"
            case expressionAttributeNames = "ExpressionAttributeNames"
            case expressionAttributeValues = "ExpressionAttributeValues", exclusiveStartKey = "ExclusiveStartKey"
            case limit = "Limit", scanIndexForward = "ScanIndexForward"
        }
    }

    /// Read with `DynamoDBJSONReader` (a page holds up to 1 MB of items; `JSONDecoder` would spend most of a
    /// large read decoding them); `Decodable` otherwise.
    public struct QueryOutput: AWSJSONBodyDecodable {
        public var items: [DynamoDBItem]?
        public var count: Int?
        public var lastEvaluatedKey: DynamoDBItem?
        enum CodingKeys: String, CodingKey {
            case items = "Items", count = "Count", lastEvaluatedKey = "LastEvaluatedKey"
        }

        public init(items: [DynamoDBItem]? = nil, count: Int? = nil, lastEvaluatedKey: DynamoDBItem? = nil) {
            self.items = items
            self.count = count
            self.lastEvaluatedKey = lastEvaluatedKey
        }

        public init(jsonBody: Data) throws {
            var items: [DynamoDBItem]?, count: Int?, lastEvaluatedKey: DynamoDBItem?
            try DynamoDBJSONReader.read(jsonBody) { reader in
                try reader.readObject { reader, name in
                    if reader.readNull() { return }  // an explicit null is an absent member, as for `Decodable`
                    switch name {
                    case CodingKeys.items.rawValue:
                        var list: [DynamoDBItem] = []
                        try reader.readArray { list.append(try $0.readItem()) }
                        items = list
                    case CodingKeys.count.rawValue: count = try reader.readInt()
                    case CodingKeys.lastEvaluatedKey.rawValue: lastEvaluatedKey = try reader.readItem()
                    default: try reader.skipValue()  // ScannedCount, ConsumedCapacity
                    }
                }
            }
            self.init(items: items, count: count, lastEvaluatedKey: lastEvaluatedKey)
        }
    }

    public struct GetItemInput: AWSInput {
        public var tableName: String
        public var key: DynamoDBItem
        public var consistentRead: Bool?
        public init(tableName: String, key: DynamoDBItem, consistentRead: Bool? = nil) {
            self.tableName = tableName
            self.key = key
            self.consistentRead = consistentRead
        }
        enum CodingKeys: String, CodingKey {
            case tableName = "TableName", key = "Key", consistentRead = "ConsistentRead"
        }
    }

    public struct GetItemOutput: AWSOutput {
        public var item: DynamoDBItem?
        enum CodingKeys: String, CodingKey { case item = "Item" }
    }
}

extension AWSClient {
    /// Pages of a DynamoDB query (`ExclusiveStartKey` ← `LastEvaluatedKey`).
    public func queryPages(
        _ input: DynamoDB.QueryInput
    ) -> AWSPaginator<DynamoDB.QueryInput, DynamoDB.QueryOutput, DynamoDBItem> {
        paginate(DynamoDB.query, input, inputToken: \.exclusiveStartKey, outputToken: \.lastEvaluatedKey)
    }

    /// Writes every request in batches of 25, resending `UnprocessedItems` with backoff until none remain or
    /// `maxRounds` rounds of a batch have passed (then throws, naming how many writes were left).
    public func batchWriteAll(
        _ requests: [DynamoDB.WriteRequest], table: String, maxRounds: Int = 8
    ) async throws {
        var start = 0
        while start < requests.count {
            let end = min(start + 25, requests.count)
            var pending = Array(requests[start..<end])
            var round = 0
            while !pending.isEmpty {
                round += 1
                let output = try await call(
                    DynamoDB.batchWriteItem, DynamoDB.BatchWriteItemInput(requestItems: [table: pending]))
                pending = output.unprocessedItems?[table] ?? []
                if pending.isEmpty { break }
                guard round < maxRounds else {
                    throw AWSClientError(
                        .service, "\(pending.count) writes still unprocessed after \(round) rounds",
                        operation: DynamoDB.batchWriteItem.descriptor.description, awsCode: "UnprocessedItems",
                        isRetryable: true, isThrottling: true, attempts: round)
                }
                try await configuration.sleeper.sleep(for: configuration.retry.delay(beforeRetry: round))
            }
            start = end
        }
    }
}
