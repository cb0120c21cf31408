import Foundation
import Testing

@testable import AWSClient

/// The streaming body encoder must produce the same JSON as Foundation's `JSONEncoder` (compared parsed).
@Suite struct JSONBodyEncoderTests {
    struct Inner: Codable, Equatable {
        var text: String
        var when: Date?
        var blob: Data?
    }

    enum Choice: Codable {
        case put(DynamoDBItem)
        case delete(key: DynamoDBItem)
        enum CodingKeys: String, CodingKey { case put = "PutRequest", delete = "DeleteRequest" }
        enum Body: String, CodingKey { case item = "Item" }
        init(from decoder: any Decoder) throws { fatalError("not used") }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .put(let item):
                var body = container.nestedContainer(keyedBy: Body.self, forKey: .put)
                try body.encode(item, forKey: .item)
            case .delete(let key):
                var body = container.nestedContainer(keyedBy: Body.self, forKey: .delete)
                try body.encode(key, forKey: .item)
            }
            try container.encode("after nested", forKey: .delete)
        }
    }

    struct Shape: Encodable {
        var name = "quote \" backslash \\ newline \n tab \t control \u{01} unicode é ✓"
        var count = 42
        var ratio = 0.25
        var big: Int64 = 9_007_199_254_740_993
        var flag = false
        var missing: String? = nil
        var list = [
            Inner(text: "a", when: Date(timeIntervalSince1970: 1_700_000_000.5), blob: Data([0, 255])),
            Inner(text: "b", when: nil, blob: nil),
        ]
        var empty: [String] = []
        var emptyObject: [String: String] = [:]
        var map = ["k1": ["x", "y"], "k2": []]
        var nested = [[1, 2], [], [3]]
        var choices: [Choice] = [.put(["id": .s("1")]), .delete(key: ["id": .n("2")])]
        var item: DynamoDBItem = ["m": .m(["l": .l([.null, .bool(true), .ss(["s"]), .b(Data([1]))])])]
    }

    static func parsed(_ data: Data) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? NSObject)
    }

    @Test func matchesFoundation() throws {
        let foundation = JSONEncoder()
        foundation.dateEncodingStrategy = .secondsSince1970
        let ours = try JSONBodyEncoder().encode(Shape())
        #expect(
            try Self.parsed(ours) == Self.parsed(foundation.encode(Shape())), "\(String(decoding: ours, as: UTF8.self))"
        )
    }

    @Test func emptyShapesEncodeAsAnEmptyObject() throws {
        #expect(String(decoding: try JSONBodyEncoder().encode(AWSEmpty()), as: UTF8.self) == "{}")
    }
}
