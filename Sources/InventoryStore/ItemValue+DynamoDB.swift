import AWSClient
import Foundation
import Inventory

extension ItemValue {
    /// The DynamoDB attribute value of this value: `S`, `N`, `BOOL`, `L` of `S`, `M` (see `docs/inventory-schema.md`).
    public var attributeValue: AttributeValue {
        switch self {
        case .string(let text): .s(text)
        case .number(let value): .n(ItemValue.numberText(value))
        case .bool(let flag): .bool(flag)
        case .stringList(let list): .l(list.map { .s($0) })
        case .map(let map): .m(map.mapValues(\.attributeValue))
        }
    }

    /// Reads a DynamoDB attribute value back. Types the schema never writes (`B`, `NULL`, sets, lists of anything
    /// but strings) are errors naming the attribute, not silently dropped values.
    /// - Parameter name: the attribute's path, for the error message.
    public init(attributeValue: AttributeValue, name: String) throws {
        switch attributeValue {
        case .s(let text): self = .string(text)
        case .n(let text):
            guard let value = Double(text), value.isFinite else {
                throw InventoryStoreError(.unsupportedAttribute, attribute: name, "'\(text)' is not a number")
            }
            self = .number(value)
        case .bool(let flag): self = .bool(flag)
        case .l(let list):
            self = .stringList(try list.enumerated().map { index, element in
                guard case .s(let text) = element else {
                    throw InventoryStoreError(.unsupportedAttribute, attribute: "\(name)[\(index)]",
                                              "lists hold strings only, found \(element.typeName)")
                }
                return text
            })
        case .m(let map):
            var values: [String: ItemValue] = [:]
            values.reserveCapacity(map.count)
            for (key, value) in map { values[key] = try ItemValue(attributeValue: value, name: name + "." + key) }
            self = .map(values)
        case .b, .null, .ss, .ns, .bs:
            throw InventoryStoreError(.unsupportedAttribute, attribute: name,
                                      "type \(attributeValue.typeName) is not part of the inventory schema")
        }
    }
}

extension AttributeMap {
    /// The DynamoDB item of this attribute map.
    public var dynamoDBItem: DynamoDBItem {
        var item = DynamoDBItem(minimumCapacity: count)
        for (name, value) in attributes { item[name] = value.attributeValue }
        return item
    }

    /// Reads a DynamoDB item (from `Query`/`GetItem`) into an attribute map.
    public init(dynamoDBItem item: DynamoDBItem) throws {
        self.init(capacity: item.count)
        for (name, value) in item { self[name] = try ItemValue(attributeValue: value, name: name) }
    }
}

extension InventoryItem {
    /// The DynamoDB item to store.
    public var dynamoDBItem: DynamoDBItem { attributes.dynamoDBItem }

    /// Reads a stored resource item.
    public init(dynamoDBItem item: DynamoDBItem) throws {
        try self.init(attributes: AttributeMap(dynamoDBItem: item))
    }
}

extension ScanSummary {
    /// The DynamoDB item to store.
    public var dynamoDBItem: DynamoDBItem { attributes.dynamoDBItem }

    /// Reads a stored scan summary.
    public init(dynamoDBItem item: DynamoDBItem) throws {
        try self.init(attributes: AttributeMap(dynamoDBItem: item))
    }
}

extension AttributeValue {
    /// DynamoDB's type descriptor (`S`, `N`, `B`, `BOOL`, `NULL`, `M`, `L`, `SS`, `NS`, `BS`).
    var typeName: String {
        switch self {
        case .s: "S"
        case .n: "N"
        case .b: "B"
        case .bool: "BOOL"
        case .null: "NULL"
        case .m: "M"
        case .l: "L"
        case .ss: "SS"
        case .ns: "NS"
        case .bs: "BS"
        }
    }
}
