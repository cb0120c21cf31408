import Foundation
import InfragenTestSupport
import Testing

@testable import AWSClient

/// REST payload members: a blob as the raw body, a structure as one XML element (restXml), and the rules around
/// them. The S3 operations' bodies are checked byte for byte against botocore's serializer in AWSServicesTests.
@Suite struct PayloadEncodingTests {
    struct Tag: Encodable, Sendable {
        var key: String
        var value: String
        enum CodingKeys: String, CodingKey { case key = "Key", value = "Value" }
    }

    struct Rule: Encodable, Sendable {
        var id: String
        var enabled: Bool
        var days: Int?
        enum CodingKeys: String, CodingKey { case id = "ID", enabled = "Enabled", days = "Days" }
    }

    struct Configuration: Encodable, Sendable {
        var location: String?
        var tags: [Tag]?
        var rules: [Rule]?
        var created: Date?
        var blob: Data?
        enum CodingKeys: String, CodingKey, AWSXMLListItemNames, AWSXMLFlattenedLists {
            case location = "Location", tags = "Tags", rules = "Rule", created = "Created", blob = "Blob"
            static let xmlListItemNames = ["Tags": "Tag"]
            static let flattenedXMLKeys: Set<String> = ["Rule"]
        }
    }

    struct PayloadInput: AWSInput {
        var bucket: String
        var payload: HTTPPayload?
        var httpBindings: HTTPBindings { HTTPBindings(path: ["Bucket": bucket], payload: payload) }
        func encode(to encoder: any Encoder) throws {}
    }

    /// An input that (wrongly) leaves a member for the body without a payload.
    struct LooseInput: AWSInput {
        var bucket: String
        var note: String
        var httpBindings: HTTPBindings { HTTPBindings(path: ["Bucket": bucket]) }
        enum CodingKeys: String, CodingKey { case note = "Note" }
    }

    static func put<I: AWSInput>(_ wire: AWSProtocol, _: I.Type) -> AWSOperation<I, AWSEmpty> {
        AWSOperation(
            service: TestService.service(wire, signingName: "s3"), name: "PutThing", method: .put,
            requestURI: "/{Bucket}", iamAction: "s3:PutThing", resourceARN: nil)
    }

    func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test func structureMembersInOrderWithWrappedAndFlattenedLists() throws {
        let value = Configuration(
            location: "eu-west-1", tags: [.init(key: "a&b", value: "<x>\"q'"), .init(key: "empty", value: "")],
            rules: [.init(id: "r1", enabled: true, days: 30), .init(id: "r2", enabled: false, days: nil)],
            created: Date(timeIntervalSince1970: 1_796_000_000), blob: Data([0, 1, 2]))
        let body = try XMLBodyEncoder().encode(value, root: "Configuration", namespace: "urn:test")
        #expect(
            text(body) == #"<Configuration xmlns="urn:test"><Location>eu-west-1</Location>"#
                + #"<Tags><Tag><Key>a&amp;b</Key><Value>&lt;x&gt;"q'</Value></Tag><Tag><Key>empty</Key><Value /></Tag>"#
                + "</Tags><Rule><ID>r1</ID><Enabled>true</Enabled><Days>30</Days></Rule>"
                + "<Rule><ID>r2</ID><Enabled>false</Enabled></Rule>"
                + "<Created>2026-11-30T00:53:20Z</Created><Blob>AAEC</Blob></Configuration>")
        // What we write, our own reader reads back.
        let parsed = try XMLNode.parse(body)
        #expect(parsed.child("Tags")?.children.map { $0.child("Key")?.text } == ["a&b", "empty"])
        #expect(parsed.children.filter { $0.name == "Rule" }.count == 2)
    }

    @Test func absentMembersAreLeftOutAndAnEmptyStructureIsAnEmptyElement() throws {
        let body = try XMLBodyEncoder().encode(Configuration(), root: "Configuration")
        #expect(text(body) == "<Configuration />")
    }

    @Test func carriageReturnsSurviveAnXMLParser() throws {
        let body = try XMLBodyEncoder().encode(Configuration(location: "a\r\nb"), root: "C")
        #expect(text(body) == "<C><Location>a&#13;\nb</Location></C>")
    }

    @Test func restXmlStructurePayloadIsTheBody() throws {
        let operation = Self.put(.restXml, PayloadInput.self)
        let input = PayloadInput(
            bucket: "my-bucket",
            payload: .xml(Configuration(location: "eu-west-1"), root: "Configuration", namespace: nil))
        let request = try RequestEncoder.encode(input, for: operation)
        #expect(request.method == .put)
        #expect(request.encodedPath == "/my-bucket")
        #expect(text(request.body) == "<Configuration><Location>eu-west-1</Location></Configuration>")
        #expect(!request.headers.contains { $0.name == "Content-Type" })
    }

    @Test(arguments: [AWSProtocol.restXml, .restJson1])
    func blobPayloadIsSentByteForByte(_ wire: AWSProtocol) throws {
        let bytes = Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x0D, 0x0A])
        let request = try RequestEncoder.encode(
            PayloadInput(bucket: "b-1", payload: .blob(bytes)), for: Self.put(wire, PayloadInput.self))
        #expect(request.body == bytes)
        #expect(!request.headers.contains { $0.name == "Content-Type" })
    }

    @Test func restXmlWithoutPayloadSendsNoBody() throws {
        let request = try RequestEncoder.encode(
            PayloadInput(bucket: "b-1", payload: nil), for: Self.put(.restXml, PayloadInput.self))
        #expect(request.body.isEmpty)
    }

    @Test func restXmlRefusesMembersThatWouldBeDropped() {
        #expect(throws: AWSClientError.self) {
            try RequestEncoder.encode(LooseInput(bucket: "b-1", note: "x"), for: Self.put(.restXml, LooseInput.self))
        }
    }

    @Test func xmlPayloadNeedsRestXml() {
        let input = PayloadInput(bucket: "b-1", payload: .xml(Configuration(), root: "C", namespace: nil))
        #expect(throws: AWSClientError.self) {
            try RequestEncoder.encode(input, for: Self.put(.restJson1, PayloadInput.self))
        }
    }

    /// The signature covers the body's real SHA-256, sent as `x-amz-content-sha256` (S3 checks it against the
    /// bytes it receives).
    @Test func signedWithThePayloadHash() async throws {
        let bytes = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let transport = ScriptedTransport { _ in HTTPResponse(status: 200, headers: [:], body: Data()) }
        let client = AWSClient(
            AWSClientConfiguration(
                region: "us-east-1",
                credentials: StaticCredentialProvider(.init(accessKeyID: "AKIDTEST", secretAccessKey: "secret")),
                endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9"]),
                transport: transport))
        _ = try await client.call(
            Self.put(.restXml, PayloadInput.self), PayloadInput(bucket: "b-1", payload: .blob(bytes)))
        let request = try #require(transport.requests.first)
        #expect(request.body == bytes)
        let sha256sum = try Subprocess.run(["sha256sum"], stdin: bytes)
        let expected = String(sha256sum.stdout.prefix(64))
        #expect(expected.count == 64)
        #expect(request.header("X-Amz-Content-SHA256") == expected)
        #expect(request.header("Authorization")?.contains("x-amz-content-sha256") == true)
    }
}
