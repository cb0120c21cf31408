import AWSClient
import Foundation
import Inventory
import InventoryStore
import Testing

/// `InventoryItemPage` reads a `Query` body straight into inventory items: it must give exactly what the attribute
/// map path gives (`InventoryQueryPage`, then `InventoryItem.decode`), items and errors alike.
@Suite struct InventoryItemPageTests {
    static let everyKind = AttributeMappingTests.everyKind

    @Test func readsEveryKindAsTheAttributeMapPathDoes() throws {
        let body = try InventoryQueryPageTests.body(Self.everyKind.map(\.dynamoDBItem), last: ["resource_id": .s("x")])
        let page = try InventoryItemPage(jsonBody: body)
        #expect(page.invalidItem == nil)
        #expect(page.items == Self.everyKind)
        #expect(page.items == (try InventoryItem.decode(InventoryQueryPage(jsonBody: body).items)))
        #expect(page.lastEvaluatedKey == ["resource_id": .s("x")])
        #expect(try JSONDecoder().decode(InventoryItemPage.self, from: body).items == page.items)
    }

    /// Attributes in any order, with whitespace: the decoder's split into common and kind attributes does not
    /// depend on where an attribute comes.
    @Test func attributeOrderAndSpellingDoNotMatter() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        struct Page: Encodable { var Items: [DynamoDBItem] }
        let pretty = try encoder.encode(Page(Items: Self.everyKind.map(\.dynamoDBItem)))
        #expect(try InventoryItemPage(jsonBody: pretty).items == Self.everyKind)
    }

    /// An item the schema rejects ends the page's items with the error the attribute map path throws, and the
    /// items after it do not inherit any of its attributes.
    @Test(arguments: [ItemKeys.region, ItemKeys.resourceType, "volume_type"])
    func anItemWithoutARequiredAttributeIsTheSameError(missing: String) throws {
        let good = try #require(Self.everyKind.first { $0.resourceType == .ebsVolume }).attributes
        var bad = good
        bad[missing] = nil
        let body = try InventoryQueryPageTests.body([good, bad, good].map(\.dynamoDBItem))
        let page = try InventoryItemPage(jsonBody: body)
        #expect(page.items == [try InventoryItem(attributes: good)])
        let expected = try #require(throws: InventoryError.self) { try InventoryItem(attributes: bad) }
        #expect(page.invalidItem as? InventoryError == expected)
    }

    @Test func aTypeOutsideTheSchemaIsTheSameError() throws {
        var item = try #require(Self.everyKind.first).dynamoDBItem
        item["tags"] = .m(["k": .null])
        let page = try InventoryItemPage(jsonBody: try InventoryQueryPageTests.body([item]))
        #expect(page.items.isEmpty)
        #expect(page.invalidItem as? InventoryStoreError
            == InventoryStoreError(.unsupportedAttribute, attribute: "tags.k", "type NULL is not part of the inventory schema"))
    }

    /// Tags are read through the reader's string-map shortcut; a tag value of another type takes the general path
    /// and is the same error as there.
    @Test func aTagThatIsNotAStringIsTheSameError() throws {
        let good = try #require(Self.everyKind.first { !$0.tags.isEmpty })
        var item = good.dynamoDBItem
        item["tags"] = .m(["Owner": .s("team"), "Cost": .n("3")])
        let page = try InventoryItemPage(jsonBody: try InventoryQueryPageTests.body([good.dynamoDBItem, item]))
        #expect(page.items == [good])
        let expected = try #require(throws: InventoryError.self) {
            try InventoryItem(attributes: try AttributeMap(dynamoDBItem: item))
        }
        #expect(page.invalidItem as? InventoryError == expected)
    }

    /// A decoder reused for many items starts each one empty: an optional attribute of one item never shows up in
    /// the next.
    @Test func optionalAttributesDoNotLeakIntoTheNextItem() throws {
        var first = try #require(Self.everyKind.first { $0.name != nil && !$0.tags.isEmpty })
        var second = first
        second.resourceID += "-2"
        second.name = nil
        second.tags = [:]
        second.state = nil
        first.resourceID += "-1"
        let body = try InventoryQueryPageTests.body([first, second].map(\.dynamoDBItem))
        #expect(try InventoryItemPage(jsonBody: body).items == [first, second])
    }

    @Test func commonAttributesAreExactlyTheSharedKeys() {
        let common = [ItemKeys.resourceID, ItemKeys.timestamp, ItemKeys.scanDate, ItemKeys.resourceType,
                      ItemKeys.region, ItemKeys.accountID, ItemKeys.name, ItemKeys.state, ItemKeys.tags,
                      ItemKeys.expiresAt]
        #expect(common.allSatisfy(ItemKeys.isCommon))
        let kindAttributes = Self.everyKind.flatMap { $0.attributes.attributes.map(\.0) }.filter { !common.contains($0) }
        #expect(!kindAttributes.isEmpty)
        #expect(!kindAttributes.contains(where: ItemKeys.isCommon))
        #expect(!ItemKeys.isCommon("names") && !ItemKeys.isCommon("Name") && !ItemKeys.isCommon(""))
    }
}
