/// A DynamoDB table.
public struct Table: Hashable, Sendable {
    public enum AttributeType: String, Hashable, Sendable, CaseIterable { case S, N, B }
    public enum BillingMode: String, Hashable, Sendable, CaseIterable {
        case payPerRequest = "PAY_PER_REQUEST"
        case provisioned = "PROVISIONED"
    }

    public struct AttributeDefinition: Hashable, Sendable {
        public var name: String
        public var type: AttributeType
        public init(name: String, type: AttributeType) {
            self.name = name
            self.type = type
        }
    }

    public struct Capacity: Hashable, Sendable {
        public var read: Int
        public var write: Int
        public init(read: Int, write: Int) {
            self.read = read
            self.write = write
        }
    }

    public var name: String
    /// Only the attributes used by the table's or an index's keys, as DynamoDB requires.
    public var attributes: [AttributeDefinition]
    public var hashKey: String
    public var rangeKey: String?
    public var billingMode: BillingMode
    /// Required with `.provisioned`.
    public var capacity: Capacity?
    public var globalIndexes: [GlobalIndex]
    /// The attribute that holds each item's expiry (epoch seconds), if items expire.
    public var ttlAttribute: String?
    public var pointInTimeRecovery: Bool
    /// The key encrypting the table; nil means DynamoDB's own key.
    public var encryptionKey: String?
    public var deletionProtection: Bool

    public init(
        name: String, attributes: [AttributeDefinition], hashKey: String, rangeKey: String? = nil,
        billingMode: BillingMode = .payPerRequest, capacity: Capacity? = nil, globalIndexes: [GlobalIndex] = [],
        ttlAttribute: String? = nil, pointInTimeRecovery: Bool = true, encryptionKey: String? = nil,
        deletionProtection: Bool = false
    ) {
        self.name = name
        self.attributes = attributes
        self.hashKey = hashKey
        self.rangeKey = rangeKey
        self.billingMode = billingMode
        self.capacity = capacity
        self.globalIndexes = globalIndexes
        self.ttlAttribute = ttlAttribute
        self.pointInTimeRecovery = pointInTimeRecovery
        self.encryptionKey = encryptionKey
        self.deletionProtection = deletionProtection
    }
}

/// A global secondary index of a table.
public struct GlobalIndex: Hashable, Sendable {
    public enum Projection: Hashable, Sendable {
        case all
        case keysOnly
        case include([String])
    }

    public var name: String
    public var hashKey: String
    public var rangeKey: String?
    public var projection: Projection
    public var capacity: Table.Capacity?

    public init(
        name: String, hashKey: String, rangeKey: String? = nil, projection: Projection = .all,
        capacity: Table.Capacity? = nil
    ) {
        self.name = name
        self.hashKey = hashKey
        self.rangeKey = rangeKey
        self.projection = projection
        self.capacity = capacity
    }
}
