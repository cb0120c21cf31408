/// A validated description of one deployable stack: the single model every front end (YAML blueprint, Swift DSL)
/// produces and every renderer consumes.
public struct Stack: Hashable, Sendable {
    public var name: String
    public var description: String
    /// Tags put on every taggable resource.
    public var tags: [String: String]
    public var parameters: [Parameter]
    public var keys: [EncryptionKey]
    public var tables: [Table]
    public var topics: [Topic]
    public var logGroups: [LogGroup]
    public var roles: [Role]
    public var functions: [Function]
    public var rules: [Rule]
    public var outputs: [Output]

    public init(
        name: String, description: String = "", tags: [String: String] = [:], parameters: [Parameter] = [],
        keys: [EncryptionKey] = [], tables: [Table] = [], topics: [Topic] = [], logGroups: [LogGroup] = [],
        roles: [Role] = [], functions: [Function] = [], rules: [Rule] = [], outputs: [Output] = []
    ) {
        self.name = name
        self.description = description
        self.tags = tags
        self.parameters = parameters
        self.keys = keys
        self.tables = tables
        self.topics = topics
        self.logGroups = logGroups
        self.roles = roles
        self.functions = functions
        self.rules = rules
        self.outputs = outputs
    }

    /// Names of every element by kind, in declaration order.
    public func names(of kind: ResourceKind) -> [String] {
        switch kind {
        case .parameter: parameters.map(\.name)
        case .key: keys.map(\.name)
        case .table: tables.map(\.name)
        case .topic: topics.map(\.name)
        case .logGroup: logGroups.map(\.name)
        case .role: roles.map(\.name)
        case .function: functions.map(\.name)
        case .rule: rules.map(\.name)
        }
    }

    public func contains(_ kind: ResourceKind, named name: String) -> Bool { names(of: kind).contains(name) }

    public func function(named name: String) -> Function? { functions.first { $0.name == name } }
    public func role(named name: String) -> Role? { roles.first { $0.name == name } }
    public func topic(named name: String) -> Topic? { topics.first { $0.name == name } }
    public func table(named name: String) -> Table? { tables.first { $0.name == name } }
    public func logGroup(named name: String) -> LogGroup? { logGroups.first { $0.name == name } }
}

/// A deploy-time input (a Terraform variable, a CloudFormation parameter).
public struct Parameter: Hashable, Sendable {
    public enum ValueType: String, Hashable, Sendable, CaseIterable { case string, number }

    public var name: String
    public var type: ValueType
    public var description: String
    /// No default makes the parameter required.
    public var defaultValue: String?
    /// A regular expression the value must match (checked by both targets at deploy time).
    public var pattern: String?
    /// Kept out of plan output and logs.
    public var sensitive: Bool

    public init(
        name: String, type: ValueType = .string, description: String = "", defaultValue: String? = nil,
        pattern: String? = nil, sensitive: Bool = false
    ) {
        self.name = name
        self.type = type
        self.description = description
        self.defaultValue = defaultValue
        self.pattern = pattern
        self.sensitive = sensitive
    }
}

/// A stack output (Terraform output, CloudFormation Outputs entry).
public struct Output: Hashable, Sendable {
    public var name: String
    public var value: Value
    public var description: String

    public init(name: String, value: Value, description: String = "") {
        self.name = name
        self.value = value
        self.description = description
    }
}

/// A customer-managed KMS key that encrypts the stack's data at rest (table, topic, logs, function environments).
public struct EncryptionKey: Hashable, Sendable {
    public var name: String
    public var description: String
    public var rotation: Bool
    public var deletionWindowDays: Int
    /// Log groups encrypted with this key need the CloudWatch Logs service allowed in the key policy.
    public var allowsCloudWatchLogs: Bool

    public init(
        name: String, description: String = "", rotation: Bool = true, deletionWindowDays: Int = 30,
        allowsCloudWatchLogs: Bool = true
    ) {
        self.name = name
        self.description = description
        self.rotation = rotation
        self.deletionWindowDays = deletionWindowDays
        self.allowsCloudWatchLogs = allowsCloudWatchLogs
    }
}
