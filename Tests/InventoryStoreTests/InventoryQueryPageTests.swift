import AWSClient
import Foundation
import Inventory
import InventoryStore
import Testing

/// `InventoryQueryPage` reads a `Query` body straight into attribute maps: it must give exactly what the two-step
/// path gives (`QueryOutput`'s items through `AttributeMap(dynamoDBItem:)`), including its errors.
@Suite struct InventoryQueryPageTests {
    static func body(_ items: [DynamoDBItem], last: DynamoDBItem? = nil) throws -> Data {
        struct Page: Encodable {
            var Items: [DynamoDBItem]
            var Count: Int
            var LastEvaluatedKey: DynamoDBItem?
        }
        return try JSONEncoder().encode(Page(Items: items, Count: items.count, LastEvaluatedKey: last))
    }

    @Test func readsEveryKindAsTheTwoStepPathDoes() throws {
        let items = AttributeMappingTests.everyKind.map(\.dynamoDBItem)
        let page = try InventoryQueryPage(jsonBody: try Self.body(items, last: ["resource_id": .s("x")]))
        #expect(page.invalidItem == nil)
        #expect(page.items == (try items.map(AttributeMap.init(dynamoDBItem:))))
        #expect(page.lastEvaluatedKey == ["resource_id": .s("x")])
        #expect(try InventoryItem.decode(page.items) == AttributeMappingTests.everyKind)
    }

    /// DynamoDB writes compact JSON, which the reader takes a shortcut for (`{"S":"…"}` read in one step); any other
    /// spelling of the same JSON takes the general path and must read the same.
    @Test func whitespaceAndExtraMembersReadAsTheCompactForm() throws {
        let items = AttributeMappingTests.everyKind.map(\.dynamoDBItem)
        let compact = try InventoryQueryPage(jsonBody: try Self.body(items))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        struct Page: Encodable { var Items: [DynamoDBItem] }
        let pretty = try encoder.encode(Page(Items: items))
        #expect(String(decoding: pretty, as: UTF8.self).contains(#""S" : ""#))  // really not the compact form
        #expect(try InventoryQueryPage(jsonBody: pretty).items == compact.items)
        // A member after the type (the shortcut's `}` is not next) is skipped, as `AttributeValue` decoding does.
        let extra = Data(#"{"Items":[{"a":{"S":"x","note":[1,{"b":2}]},"n":{"N":"4","x":"y"}}]}"#.utf8)
        #expect(try InventoryQueryPage(jsonBody: extra).items == [AttributeMap(["a": .string("x"), "n": .number(4)])])
    }

    @Test func decodableConformanceAgrees() throws {
        let items = AttributeMappingTests.everyKind.map(\.dynamoDBItem)
        let body = try Self.body(items)
        #expect(try JSONDecoder().decode(InventoryQueryPage.self, from: body).items
            == (try InventoryQueryPage(jsonBody: body)).items)
    }

    @Test(arguments: [
        (["n": AttributeValue.n("twelve")], "n", "'twelve' is not a number"),
        (["tags": .m(["k": .null])], "tags.k", "type NULL is not part of the inventory schema"),
        (["ids": .l([.s("i-1"), .n("2")])], "ids[1]", "lists hold strings only, found N"),
        (["b": .b(Data([1]))], "b", "type B is not part of the inventory schema"),
        (["ss": .ss(["a"])], "ss", "type SS is not part of the inventory schema"),
    ])
    func typesOutsideTheSchemaAreTheSameErrors(item: DynamoDBItem, attribute: String, message: String) throws {
        let good: DynamoDBItem = ["resource_id": .s("ok")]
        let page = try InventoryQueryPage(jsonBody: try Self.body([good, item, good]))
        #expect(page.items == [AttributeMap(["resource_id": .string("ok")])])  // stops before the invalid item
        #expect(page.invalidItem == InventoryStoreError(.unsupportedAttribute, attribute: attribute, message))
        #expect(throws: page.invalidItem!) { try AttributeMap(dynamoDBItem: item) }
    }

    @Test func malformedJSONIsAnErrorNotACrash() {
        #expect(throws: DynamoDBJSONError.self) {
            try InventoryQueryPage(jsonBody: Data(#"{"Items":[{"a":{"S":"x"}}"#.utf8))
        }
        #expect(throws: DynamoDBJSONError.self) {
            try InventoryQueryPage(jsonBody: Data(#"{"Items":[{"a":{}}]}"#.utf8))
        }
    }
}
