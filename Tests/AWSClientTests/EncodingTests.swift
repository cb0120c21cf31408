import Foundation
import Testing

@testable import AWSClient

@Suite struct EncodingTests {
    let input = TestService.ListInput(
        filters: [.init(name: "tag:Name", values: ["a b", "c"]), .init(name: "state", values: ["running"])],
        maxResults: 5, token: "t/1", flag: true)

    @Test func ec2QueryNumbersListsWithoutMember() throws {
        let request = try RequestEncoder.encode(input, for: TestService.list(.ec2Query))
        #expect(request.method == .post)
        #expect(
            String(decoding: request.body, as: UTF8.self) == "Action=ListThings&Version=2020-01-01"
                + "&Filter.1.Name=tag%3AName&Filter.1.Value.1=a+b&Filter.1.Value.2=c&Filter.2.Name=state"
                + "&Filter.2.Value.1=running&MaxResults=5&NextToken=t%2F1&Flag=true")
    }

    @Test func queryUsesMemberN() throws {
        let request = try RequestEncoder.encode(input, for: TestService.list(.query))
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(
            body.contains(
                "&Filter.member.1.Name=tag%3AName&Filter.member.1.Value.member.1=a+b&Filter.member.1.Value.member.2=c&")
        )
        #expect(
            request.headers.contains {
                $0.name == "Content-Type" && $0.value.hasPrefix("application/x-www-form-urlencoded")
            })
    }

    @Test(arguments: [AWSProtocol.awsJson1_0, .awsJson1_1])
    func jsonTargetsAndContentType(_ wire: AWSProtocol) throws {
        let request = try RequestEncoder.encode(input, for: TestService.list(wire))
        #expect(request.headers.first { $0.name == "X-Amz-Target" }?.value == "Test_20200101.ListThings")
        #expect(
            request.headers.first { $0.name == "Content-Type" }?.value == "application/x-amz-json-\(wire.jsonVersion!)")
        let object = try JSONSerialization.jsonObject(with: request.body) as? [String: Any]
        #expect(object?["MaxResults"] as? Int == 5)
        #expect((object?["Filter"] as? [[String: Any]])?.first?["Value"] as? [String] == ["a b", "c"])
    }

    @Test func restPathLabelsQueryAndHeaders() throws {
        let operation = AWSOperation<TestService.PathInput, AWSEmpty>(
            service: TestService.service(.restXml, signingName: "s3"), name: "GetThing", method: .get,
            requestURI: "/{Bucket}/{Key+}?attributes", iamAction: "s3:GetObject", resourceARN: nil)
        let request = try RequestEncoder.encode(
            TestService.PathInput(bucket: "b", key: "dir/é x+y.txt", marker: "m&n"), for: operation)
        #expect(request.encodedPath == "/b/dir/%C3%A9%20x%2By.txt")
        #expect(request.query.map { "\($0.name)=\($0.value)" } == ["attributes=", "marker=m&n"])
        #expect(request.headers.map(\.name) == ["x-amz-meta-x"])
        #expect(request.body.isEmpty)
    }

    @Test func missingPathLabelIsAnInvalidRequest() {
        let operation = AWSOperation<TestService.PathInput, AWSEmpty>(
            service: TestService.service(.restJson1), name: "GetThing", method: .get, requestURI: "/things/{Name}",
            iamAction: "test:GetThing", resourceARN: nil)
        #expect(throws: AWSClientError.self) {
            try RequestEncoder.encode(TestService.PathInput(bucket: "b", key: "k"), for: operation)
        }
    }

    @Test func attributeValuesRoundTripDynamoDBJSON() throws {
        let item: DynamoDBItem = [
            "s": .s("x"), "n": .number(42), "b": .b(Data([0, 1, 2])), "bool": .bool(false), "null": .null,
            "m": .m(["l": .l([.s("a"), .n("1.5")])]), "ss": .ss(["a"]), "ns": .ns(["1"]), "bs": .bs([Data([9])]),
        ]
        let json = try JSONEncoder().encode(item)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""n":{"N":"42"}"#))
        #expect(text.contains(#""null":{"NULL":true}"#))
        #expect(text.contains(#""b":{"B":"AAEC"}"#))
        #expect(try JSONDecoder().decode(DynamoDBItem.self, from: json) == item)
    }
}
