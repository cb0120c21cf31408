import InfraModel

/// A DynamoDB table; modifiers set its options.
public struct DynamoTable: StackComponent {
    var table: InfraModel.Table

    public init(
        _ name: String, attributes: KeyValuePairs<String, InfraModel.Table.AttributeType>, hashKey: String,
        rangeKey: String? = nil, @IndexBuilder indexes: () -> [GlobalIndex] = { [] }
    ) {
        table = InfraModel.Table(
            name: name, attributes: attributes.map { .init(name: $0.key, type: $0.value) }, hashKey: hashKey,
            rangeKey: rangeKey, globalIndexes: indexes())
    }

    public func billing(_ mode: InfraModel.Table.BillingMode, capacity: InfraModel.Table.Capacity? = nil) -> Self {
        var copy = self
        copy.table.billingMode = mode
        copy.table.capacity = capacity
        return copy
    }
    public func timeToLive(_ attribute: String) -> Self { var copy = self; copy.table.ttlAttribute = attribute; return copy }
    public func pointInTimeRecovery(_ enabled: Bool) -> Self { var copy = self; copy.table.pointInTimeRecovery = enabled; return copy }
    public func encrypted(with key: String) -> Self { var copy = self; copy.table.encryptionKey = key; return copy }
    public func deletionProtection(_ enabled: Bool) -> Self { var copy = self; copy.table.deletionProtection = enabled; return copy }

    public func contribute(to assembly: inout StackAssembly) { assembly.stack.tables.append(table) }
}

@resultBuilder
public enum IndexBuilder {
    public static func buildBlock(_ indexes: GlobalIndex...) -> [GlobalIndex] { indexes }
}
