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
        let page = try DynamoDBJSONReader.readQueryPage(jsonBody) { try $0.readAttributeMap() }
        // `readAttributeMap` rejects items only with `InventoryStoreError`.
        self.init(items: page.items, lastEvaluatedKey: page.lastEvaluatedKey,
                  invalidItem: page.invalidItem as? InventoryStoreError)
    }
}

extension DynamoDBJSONReader {
    /// Reads a `Query` response body, each element of `Items` through `readItem`. An item the schema rejects
    /// (`InventoryStoreError`, `InventoryError`) ends `items` and is returned as `invalidItem`, the rest of the page
    /// skipped; a malformed body throws.
    static func readQueryPage<Item>(
        _ body: Data, readItem: (inout DynamoDBJSONReader) throws -> Item
    ) throws -> (items: [Item], lastEvaluatedKey: DynamoDBItem?, invalidItem: (any Error & Sendable)?) {
        var items: [Item] = [], lastEvaluatedKey: DynamoDBItem?, invalid: (any Error & Sendable)?
        try read(body) { reader in
            try reader.readObject { reader, name in
                if reader.readNull() { return }
                switch name {
                case "Items":
                    try reader.readArray { reader in
                        guard invalid == nil else { return try reader.skipValue() }
                        do {
                            items.append(try readItem(&reader))
                        } catch let error as InventoryStoreError {
                            invalid = error
                        } catch let error as InventoryError {
                            invalid = error
                        }
                    }
                case "LastEvaluatedKey": lastEvaluatedKey = try reader.readItem()
                default: try reader.skipValue()  // Count, ScannedCount, ConsumedCapacity
                }
            }
        }
        return (items, lastEvaluatedKey, invalid)
    }
}

extension DynamoDBJSONReader {
    /// Reads a DynamoDB item as an attribute map. JSON errors throw `DynamoDBJSONError`; attribute types the schema
    /// does not use throw `InventoryStoreError` (after the item has been read to its end, so reading can go on).
    /// Pull-style, without a closure per attribute: a scan's 100,000 items have well over a million attributes.
    public mutating func readAttributeMap() throws -> AttributeMap {
        var map = AttributeMap(capacity: 20)
        var invalid: InventoryStoreError?
        if try beginObject() {
            repeat {
                let name = try readMemberKey()
                do {
                    map[name] = try readItemValue(name: name)
                } catch let error as InventoryStoreError {
                    if invalid == nil { invalid = error }
                }
            } while try nextMember()
        }
        if let invalid { throw invalid }
        return map
    }

    /// Reads one attribute value as an `ItemValue` (the mapping of `ItemValue.init(attributeValue:name:)`);
    /// `name` (the attribute's path, for errors) is only built when there is an error. A value of a type the schema
    /// does not use is read to its end before the error is thrown. Members other than the first of a known type
    /// are skipped, as `AttributeValue`'s decoding does.
    mutating func readItemValue(name: @autoclosure () -> String) throws -> ItemValue {
        if let (type, text) = try readStringTypedValue() {  // `{"S":"…"}` / `{"N":"…"}`: nearly every value
            return try Self.itemValue(isString: type == UInt8(ascii: "S"), text: text, name: name())
        }
        let start = offset
        var value: ItemValue?
        var invalid: InventoryStoreError?
        if try beginObject() {
            repeat {
                let type = try readMemberKey()
                guard value == nil, invalid == nil else {
                    try skipValue()
                    continue
                }
                switch type {
                case "S", "N": value = try Self.itemValue(isString: type == "S", text: try readString(), name: name())
                case "BOOL": value = .bool(try readBool())
                case "L":
                    switch try readStringList(name: name()) {
                    case .success(let list): value = .stringList(list)
                    case .failure(let error): invalid = error
                    }
                case "M":
                    var map: [String: ItemValue] = [:]
                    if try beginObject() {
                        repeat {
                            let key = try readMemberKey()
                            do {
                                map[key] = try readItemValue(name: name() + "." + key)
                            } catch let error as InventoryStoreError {
                                if invalid == nil { invalid = error }
                            }
                        } while try nextMember()
                    }
                    value = .map(map)
                case "B", "NULL", "SS", "NS", "BS":
                    try skipValue()
                    invalid = InventoryStoreError(.unsupportedAttribute, attribute: name(),
                                                  "type \(type) is not part of the inventory schema")
                default: try skipValue()
                }
            } while try nextMember()
        }
        if let invalid { throw invalid }
        guard let value else {
            throw DynamoDBJSONError(
                message: "an attribute value needs exactly one type key (S, N, B, BOOL, NULL, M, L, SS, NS, BS)",
                offset: start)
        }
        return value
    }

    /// An `S` or `N` value; a number DynamoDB could not have sent is an error of the item.
    private static func itemValue(isString: Bool, text: String, name: @autoclosure () -> String) throws -> ItemValue {
        if isString { return .string(text) }
        guard let number = Double(text), number.isFinite else {
            throw InventoryStoreError(.unsupportedAttribute, attribute: name(), "'\(text)' is not a number")
        }
        return .number(number)
    }

    /// The elements of an `L` value, which the schema only fills with strings; the first element of another type
    /// is the failure (the list is still read to its end).
    private mutating func readStringList(name: @autoclosure () -> String)
        throws -> Result<[String], InventoryStoreError> {
        var list: [String] = []
        var invalid: InventoryStoreError?
        guard try beginArray() else { return .success(list) }
        var position = 0
        repeat {
            defer { position += 1 }
            if invalid != nil {
                try skipValue()
            } else if let (type, text) = try readStringTypedValue() {
                if type == UInt8(ascii: "S") {
                    list.append(text)
                } else {
                    invalid = InventoryStoreError(.unsupportedAttribute, attribute: "\(name())[\(position)]",
                                                  "lists hold strings only, found N")
                }
            } else {
                let element = try readAttributeValue()
                if case .s(let text) = element {
                    list.append(text)
                } else {
                    invalid = InventoryStoreError(
                        .unsupportedAttribute, attribute: "\(name())[\(position)]",
                        "lists hold strings only, found \(ItemValue.dynamoDBTypeName(of: element))")
                }
            }
        } while try nextElement()
        if let invalid { return .failure(invalid) }
        return .success(list)
    }
}

extension ItemValue {
    /// DynamoDB's type descriptor of an attribute value, for messages.
    static func dynamoDBTypeName(of value: AttributeValue) -> String { value.typeName }
}

/// A `Query` response page read straight from its body (`InventoryQueryPage`, `InventoryItemPage`): what
/// `AWSClient.inventoryPages(_:as:)` needs to follow it to the next page.
public protocol DynamoDBQueryPage: AWSJSONBodyDecodable {
    var lastEvaluatedKey: DynamoDBItem? { get }
}

extension InventoryQueryPage: DynamoDBQueryPage {}
extension InventoryItemPage: DynamoDBQueryPage {}

extension AWSClient {
    /// Pages of a DynamoDB query read as `Page`s (`ExclusiveStartKey` ← `LastEvaluatedKey`).
    public func inventoryPages<Page: DynamoDBQueryPage>(
        _ input: DynamoDB.QueryInput, as page: Page.Type
    ) -> AWSPaginator<DynamoDB.QueryInput, Page, DynamoDBItem> {
        paginate(DynamoDB.query.reading(as: Page.self), input, inputToken: \.exclusiveStartKey,
                 outputToken: \.lastEvaluatedKey)
    }
}
