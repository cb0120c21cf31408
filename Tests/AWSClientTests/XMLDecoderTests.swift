import Foundation
import Testing

@testable import AWSClient

@Suite struct XMLDecoderTests {
    struct Rule: Decodable, Equatable {
        var id: String
        enum CodingKeys: String, CodingKey { case id = "ID" }
    }

    struct Flattened: Decodable {
        var rules: [Rule]
        enum CodingKeys: String, CodingKey, AWSXMLFlattenedLists {
            case rules = "Rule"
            static let flattenedXMLKeys: Set<String> = ["Rule"]
        }
    }

    struct Wrapped: Decodable {
        var names: [String]
        var count: Int
        var when: Date
        var enabled: Bool
        var missing: String?
        enum CodingKeys: String, CodingKey {
            case names = "Names", count = "Count", when = "When", enabled = "Enabled", missing
        }
    }

    @Test func flattenedListWithOneElementWhoseChildrenShareAName() throws {
        // A single flattened <Rule> with one child must not be mistaken for a wrapper.
        let root = try XMLNode.parse(Data("<Config><Rule><ID>only</ID></Rule></Config>".utf8))
        #expect(try XMLShapeDecoder.decode(Flattened.self, from: root).rules == [Rule(id: "only")])
        let two = try XMLNode.parse(
            Data("<Config><Rule><ID>a</ID></Rule><Other/><Rule><ID>b</ID></Rule></Config>".utf8))
        #expect(try XMLShapeDecoder.decode(Flattened.self, from: two).rules.map(\.id) == ["a", "b"])
    }

    @Test func wrappedListsScalarsAndNamespaces() throws {
        let xml = """
            <?xml version="1.0"?><R xmlns="http://example.com/doc/"><Names><member>a</member><member>b &amp; c</member>
            </Names><Count> 3 </Count><When>2026-11-29T04:05:06.500Z</When><Enabled>true</Enabled><Extra>x</Extra></R>
            """
        let value = try XMLShapeDecoder.decode(Wrapped.self, from: XMLNode.parse(Data(xml.utf8)))
        #expect(value.names == ["a", "b & c"])
        #expect(value.count == 3)
        #expect(value.when == Date(timeIntervalSince1970: 1_795_925_106.5))
        #expect(value.enabled)
        #expect(value.missing == nil)
    }

    @Test(arguments: [
        ("2026-11-29T04:05:06Z", 1_795_925_106.0), ("2026-11-29T04:05:06.000+0000", 1_795_925_106.0),
        ("2026-11-29T06:05:06+02:00", 1_795_925_106.0), ("1970-01-01T00:00:00Z", 0),
    ])
    func timestamps(text: String, seconds: Double) {
        #expect(Timestamps.parseISO8601(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test func malformedXMLIsAnInvalidResponse() {
        #expect(throws: AWSClientError.self) { try XMLNode.parse(Data("<a><b></a>".utf8)) }
    }
}

@Suite struct XMLParserTests {
    @Test func declarationCommentsCDATAEntitiesAndAttributes() throws {
        let xml = """
            \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
            <!-- leading comment -->
            <ns:Root xmlns:ns="http://x" attr='a > b' other="c/>d">
              <Text>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#233; &#x2713;</Text>
              <Data><![CDATA[<raw> & stuff]]></Data>
              <Empty/>
              <Spaced ></Spaced >
              <!-- inner comment -->
            </ns:Root>
            """
        let root = try XMLNode.parse(Data(xml.utf8))
        #expect(root.name == "Root")
        #expect(root.children.map(\.name) == ["Text", "Data", "Empty", "Spaced"])
        #expect(root.child("Text")?.text == "a <b> & \"c\" 'd' é ✓")
        #expect(root.child("Data")?.text == "<raw> & stuff")
        #expect(root.child("Empty")?.text == "")
    }

    @Test(arguments: [
        "<a><b></a>", "<a>", "", "   ", "<a></b>", "<a>&bogus;</a>", "<a></a><b></b>", "text<a/>", "<a x=\"1></a>",
        "<a><![CDATA[x</a>",
    ])
    func malformedDocumentsAreRejected(_ xml: String) {
        #expect(throws: AWSClientError.self) { try XMLNode.parse(Data(xml.utf8)) }
    }
}
