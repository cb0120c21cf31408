import Foundation
import Testing

@testable import AWSClient

/// The DynamoDB JSON reader must read what `JSONDecoder` reads into the same values, and reject malformed input
/// with an error naming the offset — never crash.
@Suite struct DynamoDBJSONReaderTests {
    static func read(_ json: String) throws -> DynamoDBItem {
        try DynamoDBJSONReader.read(Data(json.utf8)) { try $0.readItem() }
    }

    @Test(arguments: [
        #"{}"#,
        #"{"a":{"S":"text"},"n":{"N":"-12.5e3"},"t":{"BOOL":true},"f":{"BOOL":false},"z":{"NULL":true}}"#,
        #" { "m" : { "M" : { "inner" : { "L" : [ { "S" : "x" } , { "N" : "1" } ] } } } } "#,
        #"{"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"b":{"B":"AQI="},"bs":{"BS":["AQI=","Aw=="]}}"#,
        #"{"esc":{"S":"q\" b\\ s\/ \b\f\n\r\t \u00e9 \u20AC \ud83d\ude00"}}"#,
        #"{"utf8":{"S":"café € 😀"},"empty":{"S":""},"l":{"L":[]},"em":{"M":{}}}"#,
        #"{"extra":{"S":"kept","Unknown":[1,{"x":null}]}}"#,
    ])
    func readsWhatJSONDecoderReads(json: String) throws {
        let expected = try JSONDecoder().decode(DynamoDBItem.self, from: Data(json.utf8))
        #expect(try Self.read(json) == expected)
    }

    /// The tags shortcut reads DynamoDB's compact `M` of `S` values in one step, and anything else not at all: the
    /// reader is left where it was, for the general path.
    @Test(arguments: [
        (#"{"M":{"Owner":{"S":"team-1"},"Name":{"S":"a \"b\""}}}"#, ["Owner": "team-1", "Name": "a \"b\""]),
        (#"{"M":{}}"#, [:]),
        (#"{"M":{"k":{"S":"1"},"k":{"S":"2"}}}"#, ["k": "2"]),
    ])
    func readsCompactStringMaps(json: String, expected: [String: String]) throws {
        let map = try DynamoDBJSONReader.read(Data(json.utf8)) { $0.readStringMapValue() }
        #expect(map == expected)
    }

    @Test(arguments: [
        #"{"M":{"k":{"N":"1"}}}"#,  // a number: the schema's error, from the general path
        #"{"M":{"k":{"S":"v"},"n":{"N":"1"}}}"#,
        #"{"M":{"k":{"NULL":true}}}"#,
        #"{"M":{"k":{"S":"v"}},"x":1}"#,  // a member after the type
        #"{ "M" : { "k" : { "S" : "v" } } }"#,  // not the compact form
        #"{"M":{"k":{"S":"v"}"#,  // truncated: the general path reports where
        #"{"S":"not a map"}"#,
    ])
    func leavesEverythingElseToTheGeneralPath(json: String) throws {
        let offset = try DynamoDBJSONReader.read(Data((json + " ").utf8)) { reader -> Int in
            #expect(reader.readStringMapValue() == nil)
            let offset = reader.offset
            try? reader.skipValue()
            return offset
        }
        #expect(offset == 0)
    }

    @Test func readsEscapesToTheirCharacters() throws {
        let item = try Self.read(#"{"s":{"S":"a\"\\\/\n\u00e9\ud83d\ude00"}}"#)
        #expect(item["s"] == .s("a\"\\/\né😀"))
    }

    @Test(arguments: [
        (#""#, "unexpected end of input") as (String, String),
        (#"{"a":{"S":"x"}"#, "expected ',' or '}'"),
        (#"{"a":{"S":"x"},}"#, "expected a string"),
        (#"{"a":{"S":"x"}} x"#, "unexpected data after the value"),
        (#"{"a":{}}"#, "exactly one type key"),
        (#"{"a":{"Q":"x"}}"#, "exactly one type key"),
        (#"{"a":{"S":"x"#, "unterminated string"),
        ("{\"a\":{\"S\":\"x\ny\"}}", "unescaped control character"),
        (#"{"a":{"S":"\x"}}"#, "invalid escape"),
        (#"{"a":{"S":"\u12"}}"#, #"invalid \u escape"#),
        (#"{"a":{"S":"\ud83d"}}"#, "unpaired surrogate"),
        (#"{"a":{"S":"\ude00"}}"#, "unpaired surrogate"),
        (#"{"a":{"BOOL":yes}}"#, "expected true or false"),
        (#"{"a":{"B":"not base64!"}}"#, "not base64"),
        (#"{"a":{"L":[{"S":"x"},]}}"#, "expected '{'"),
        (#"{"a":{"S":"x","Other":-}}"#, "expected a value"),
        (#"["#, "expected '{'"),
    ])
    func rejectsMalformedInputWithAnOffset(json: String, message: String) {
        #expect {
            try Self.read(json)
        } throws: { error in
            guard let error = error as? DynamoDBJSONError else { return false }
            return error.description.contains(message) && error.offset >= 0 && error.offset <= json.utf8.count
        }
    }

    @Test func rejectsInvalidUTF8() {
        var bytes = Array(#"{"a":{"S":"x"#.utf8)
        bytes += [0xC3, 0x28]  // a lead byte followed by a non-continuation byte
        bytes += Array(#""}}"#.utf8)
        #expect(throws: DynamoDBJSONError.self) {
            try DynamoDBJSONReader.read(Data(bytes)) { try $0.readItem() }
        }
    }

    @Test func readsIntegersAndRejectsOverflow() throws {
        #expect(try DynamoDBJSONReader.read(Data("-42".utf8)) { try $0.readInt() } == -42)
        #expect(throws: DynamoDBJSONError.self) {
            try DynamoDBJSONReader.read(Data("99999999999999999999".utf8)) { try $0.readInt() }
        }
        #expect(throws: DynamoDBJSONError.self) { try DynamoDBJSONReader.read(Data("-".utf8)) { try $0.readInt() } }
    }

    /// A `Query` page decoded through the response decoder takes the reader's path and gives `JSONDecoder`'s result.
    @Test func queryShapedBodyThroughTheResponseDecoder() throws {
        let json = #"{"Count":2,"ScannedCount":2,"ConsumedCapacity":{"TableName":"t","CapacityUnits":0.5},"#
            + #""Items":[{"id":{"S":"1"}},{"id":{"S":"2"},"n":{"N":"3"}}],"LastEvaluatedKey":{"id":{"S":"2"}}}"#
        struct Page: AWSJSONBodyDecodable {
            var items: [DynamoDBItem]
            init(from decoder: any Decoder) throws { throw DecodingError.dataCorrupted(.init(codingPath: [],
                debugDescription: "the response decoder must use init(jsonBody:)")) }
            init(jsonBody: Data) throws {
                var items: [DynamoDBItem] = []
                try DynamoDBJSONReader.read(jsonBody) { reader in
                    try reader.readObject { reader, name in
                        if name == "Items" { try reader.readArray { items.append(try $0.readItem()) } } else {
                            try reader.skipValue()
                        }
                    }
                }
                self.items = items
            }
        }
        let operation = AWSOperation<AWSEmpty, Page>(
            service: AWSService(modelName: "dynamodb", environmentName: "DYNAMODB", apiVersion: "2012-08-10",
                                wireProtocol: .awsJson1_0, targetPrefix: "DynamoDB_20120810"),
            name: "Query", iamAction: "dynamodb:Query", resourceARN: nil)
        let page = try ResponseDecoder.decode(HTTPResponse(status: 200, headers: [:], body: Data(json.utf8)),
                                              for: operation)
        #expect(page.items == [["id": .s("1")], ["id": .s("2"), "n": .n("3")]])
    }
}
