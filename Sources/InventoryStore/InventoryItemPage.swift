import AWSClient
import AWSServices
import Foundation
import Inventory

/// One page of a DynamoDB `Query` of resource items, read straight from the response body into `InventoryItem`s:
/// no attribute map per item (`InventoryItemDecoder`). What the analyzer reads a scan's 100,000 items with.
///
/// An item that is not an inventory item (an attribute type the schema does not use: `InventoryStoreError`; a
/// missing or mistyped attribute: `InventoryError`) ends the page's `items`; the error is kept in `invalidItem`
/// for the reader of the page to throw, as `InventoryQueryPage` does.
public struct InventoryItemPage: AWSJSONBodyDecodable {
    public var items: [InventoryItem]
    public var lastEvaluatedKey: DynamoDBItem?
    /// Why an item of the page is not an inventory item, if one is not.
    public var invalidItem: (any Error & Sendable)?

    public init(items: [InventoryItem], lastEvaluatedKey: DynamoDBItem?, invalidItem: (any Error & Sendable)? = nil) {
        self.items = items
        self.lastEvaluatedKey = lastEvaluatedKey
        self.invalidItem = invalidItem
    }

    /// Through `InventoryQueryPage`'s attribute maps (any decoder other than the response reader).
    public init(from decoder: any Decoder) throws {
        let page = try InventoryQueryPage(from: decoder)
        var items: [InventoryItem] = []
        var invalid: (any Error & Sendable)? = page.invalidItem
        var itemDecoder = InventoryItemDecoder()
        for map in page.items {
            do {
                for (name, value) in map.attributes { itemDecoder.add(name, value) }
                items.append(try itemDecoder.finish())
            } catch let error as InventoryError {
                invalid = error
                break
            }
        }
        self.init(items: items, lastEvaluatedKey: page.lastEvaluatedKey, invalidItem: invalid)
    }

    public init(jsonBody: Data) throws {
        var itemDecoder = InventoryItemDecoder()
        let page = try DynamoDBJSONReader.readQueryPage(jsonBody) { try $0.readInventoryItem(into: &itemDecoder) }
        self.init(items: page.items, lastEvaluatedKey: page.lastEvaluatedKey, invalidItem: page.invalidItem)
    }
}

extension DynamoDBJSONReader {
    /// Reads a DynamoDB item as an inventory item through `decoder`. JSON errors throw `DynamoDBJSONError`;
    /// attribute types the schema does not use throw `InventoryStoreError` and items the schema rejects
    /// `InventoryError`, both after the item has been read to its end, so reading can go on.
    public mutating func readInventoryItem(into decoder: inout InventoryItemDecoder) throws -> InventoryItem {
        var invalid: InventoryStoreError?
        if try beginObject() {
            repeat {
                let name = try readMemberKey()
                if name.utf8.count == 4, name == ItemKeys.tags, let tags = readStringMapValue() {
                    decoder.add(tags: tags)  // one `[String: String]`, not a `[String: ItemValue]` converted later
                    continue
                }
                do {
                    decoder.add(name, try readItemValue(name: name))
                } catch let error as InventoryStoreError {
                    if invalid == nil { invalid = error }
                }
            } while try nextMember()
        }
        if let invalid {
            decoder.discard()
            throw invalid
        }
        return try decoder.finish()
    }
}
