import AWSClient
import AWSServices
import Foundation
import Inventory

/// One page of a DynamoDB `Query` read straight from the response body into attribute maps: no intermediate
/// `AttributeValue` tree, one dictionary per item instead of two. Reading 100,000 inventory items this way costs a
/// fraction of `QueryOutput` followed by `AttributeMap(dynamoDBItem:)` (see AnalyzerBench).
///
/// The mapping is `ItemValue.init(attributeValue:name:)`'s: a type the schema does not use is not an error of the
/// response but of the item, so it is kept in `invalidItem` (the first one) and thrown by the reader of the page
/// as the `InventoryStoreError` it would have been, not as an undecodable response.
public struct InventoryQueryPage: AWSJSONBodyDecodable {
    public var items: [AttributeMap]
    public var lastEvaluatedKey: DynamoDBItem?
    /// Why an item of the page is not an inventory item, if one is not; `items` then stops before it.
    public var invalidItem: InventoryStoreError?

    public init(items: [AttributeMap], lastEvaluatedKey: DynamoDBItem?, invalidItem: InventoryStoreError? = nil) {
        self.items = items
        self.lastEvaluatedKey = lastEvaluatedKey
        self.invalidItem = invalidItem
    }

    /// Through `QueryOutput`'s `Decodable` conformance (any decoder other than the response reader).
    public init(from decoder: any Decoder) throws {
        let output = try DynamoDB.QueryOutput(from: decoder)
        var items: [AttributeMap] = []
        var invalid: InventoryStoreError?
        for item in output.items ?? [] {
            do {
                items.append(try AttributeMap(dynamoDBItem: item))
            } catch let error as InventoryStoreError {
                invalid = error
                break
            }
        }
        self.init(items: items, lastEvaluatedKey: output.lastEvaluatedKey, invalidItem: invalid)
    }

    public init(jsonBody: Data) throws {
        var items: [AttributeMap] = [], lastEvaluatedKey: DynamoDBItem?, invalid: InventoryStoreError?
        try DynamoDBJSONReader.read(jsonBody) { reader in
            try reader.readObject { reader, name in
                if reader.readNull() { return }
                switch name {
                case "Items":
                    try reader.readArray { reader in
                        guard invalid == nil else { return try reader.skipValue() }
                        do {
                            items.append(try reader.readAttributeMap())
                        } catch let error as InventoryStoreError {
                            invalid = error
                        }
                    }
                case "LastEvaluatedKey": lastEvaluatedKey = try reader.readItem()
                default: try reader.skipValue()  // Count, ScannedCount, ConsumedCapacity
                }
            }
        }
        self.init(items: items, lastEvaluatedKey: lastEvaluatedKey, invalidItem: invalid)
    }
}

extension DynamoDBJSONReader {
    /// Reads a DynamoDB item as an attribute map. JSON errors throw `DynamoDBJSONError`; attribute types the schema
    /// does not use throw `InventoryStoreError` (after the item has been read to its end, so reading can go on).
    public mutating func readAttributeMap() throws -> AttributeMap {
        var values: [String: ItemValue] = [:]
        values.reserveCapacity(16)
        var invalid: InventoryStoreError?
        try readObject { reader, name in
            do {
                values[name] = try reader.readItemValue(name: name)
            } catch let error as InventoryStoreError {
                if invalid == nil { invalid = error }
            }
        }
        if let invalid { throw invalid }
        return AttributeMap(values)
    }

    /// Reads one attribute value as an `ItemValue` (the mapping of `ItemValue.init(attributeValue:name:)`);
    /// `name` (the attribute's path, for errors) is only built when there is an error. A value of a type the schema
    /// does not use is read to its end before the error is thrown.
    mutating func readItemValue(name: @autoclosure () -> String) throws -> ItemValue {
        var value: ItemValue?
        var invalid: InventoryStoreError?
        let start = offset
        try readObject { reader, type in
            guard value == nil, invalid == nil else { return try reader.skipValue() }
            switch type {
            case "S": value = .string(try reader.readString())
            case "N":
                let text = try reader.readString()
                guard let number = Double(text), number.isFinite else {
                    invalid = InventoryStoreError(.unsupportedAttribute, attribute: name(), "'\(text)' is not a number")
                    return
                }
                value = .number(number)
            case "BOOL": value = .bool(try reader.readBool())
            case "L":
                var list: [String] = []
                var position = 0
                try reader.readArray { reader in
                    defer { position += 1 }
                    guard invalid == nil else { return try reader.skipValue() }
                    let element = try reader.readAttributeValue()
                    guard case .s(let text) = element else {
                        invalid = InventoryStoreError(
                            .unsupportedAttribute, attribute: "\(name())[\(position)]",
                            "lists hold strings only, found \(ItemValue.dynamoDBTypeName(of: element))")
                        return
                    }
                    list.append(text)
                }
                value = .stringList(list)
            case "M":
                var map: [String: ItemValue] = [:]
                try reader.readObject { reader, key in
                    do {
                        map[key] = try reader.readItemValue(name: name() + "." + key)
                    } catch let error as InventoryStoreError {
                        if invalid == nil { invalid = error }
                    }
                }
                value = .map(map)
            case "B", "NULL", "SS", "NS", "BS":
                try reader.skipValue()
                invalid = InventoryStoreError(.unsupportedAttribute, attribute: name(),
                                              "type \(type) is not part of the inventory schema")
            default: try reader.skipValue()
            }
        }
        if let invalid { throw invalid }
        guard let value else {
            throw DynamoDBJSONError(
                message: "an attribute value needs exactly one type key (S, N, B, BOOL, NULL, M, L, SS, NS, BS)",
                offset: start)
        }
        return value
    }
}

extension ItemValue {
    /// DynamoDB's type descriptor of an attribute value, for messages.
    static func dynamoDBTypeName(of value: AttributeValue) -> String { value.typeName }
}

extension AWSClient {
    /// Pages of a DynamoDB query read as `InventoryQueryPage`s (`ExclusiveStartKey` ← `LastEvaluatedKey`).
    public func inventoryQueryPages(
        _ input: DynamoDB.QueryInput
    ) -> AWSPaginator<DynamoDB.QueryInput, InventoryQueryPage, DynamoDBItem> {
        paginate(DynamoDB.query.reading(as: InventoryQueryPage.self), input, inputToken: \.exclusiveStartKey,
                 outputToken: \.lastEvaluatedKey)
    }
}
