import AWSClient
import AWSServices
import Foundation
import InfragenTestSupport
import Testing

/// S3's request bodies: `CreateBucket`'s XML configuration and `PutObject`'s raw bytes, encoded as botocore
/// encodes them, then sent to moto with real SigV4 (the payload hash signed) and read back.
@Suite(.serialized) struct S3WriteTests {
    /// What botocore's rest-xml serializer makes of these parameters: path, headers and body (base64).
    static func botocore(
        _ operation: String, _ parameters: String
    ) throws -> (path: String, headers: [String: String], body: Data) {
        let script = """
            import base64, json, botocore.session
            from botocore.serialize import create_serializer
            model = botocore.session.get_session().get_service_model('s3')
            model = model.operation_model(\(operation.debugDescription))
            request = create_serializer('rest-xml', include_validation=True).serialize_to_request(\(parameters), model)
            body = request['body'] if isinstance(request['body'], bytes) else request['body'].encode()
            print(json.dumps({'path': request['url_path'], 'headers': request['headers'],
                              'body': base64.b64encode(body).decode()}))
            """
        let result = try Subprocess.run(["python3", "-c", script])
        try #require(result.succeeded, "botocore: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (
            object["path"] as? String ?? "", object["headers"] as? [String: String] ?? [:],
            Data(base64Encoded: object["body"] as? String ?? "") ?? Data()
        )
    }

    static func headers(_ request: EncodedRequest) -> [String: String] {
        Dictionary(request.headers.map { ($0.name, $0.value) }) { first, _ in first }
    }

    @Test(.enabled(if: BotocoreModelTests.botocoreData != nil, "botocore is not installed"))
    func createBucketBodyMatchesBotocore() throws {
        let input = S3.CreateBucketInput(
            bucket: "artifacts-eu", region: "eu-west-1",
            tags: [AWSTag(key: "stack", value: "a&b <c>"), AWSTag(key: "empty", value: "")])
        let ours = try RequestEncoder.encode(input, for: S3.createBucket)
        let theirs = try Self.botocore(
            "CreateBucket",
            """
            {'Bucket': 'artifacts-eu', 'CreateBucketConfiguration': {'LocationConstraint': 'eu-west-1',
             'Tags': [{'Key': 'stack', 'Value': 'a&b <c>'}, {'Key': 'empty', 'Value': ''}]}}
            """)
        #expect(ours.encodedPath == theirs.path)
        #expect(String(decoding: ours.body, as: UTF8.self) == String(decoding: theirs.body, as: UTF8.self))
        #expect(Self.headers(ours) == theirs.headers)
    }

    @Test(.enabled(if: BotocoreModelTests.botocoreData != nil, "botocore is not installed"))
    func createBucketInUSEast1HasNoBody() throws {
        let ours = try RequestEncoder.encode(
            S3.CreateBucketInput(bucket: "artifacts", region: "us-east-1"), for: S3.createBucket)
        let theirs = try Self.botocore("CreateBucket", "{'Bucket': 'artifacts'}")
        #expect(ours.body.isEmpty)
        #expect(theirs.body.isEmpty)
        #expect(ours.encodedPath == theirs.path)
    }

    @Test(.enabled(if: BotocoreModelTests.botocoreData != nil, "botocore is not installed"))
    func putObjectMatchesBotocore() throws {
        let bytes = Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x0D, 0x0A, 0x3C])
        let input = S3.PutObjectInput(
            bucket: "artifacts", key: "inventory-collector/ab cd+é.zip", body: bytes, contentType: "application/zip",
            contentMD5: "q1b2c3==", metadata: ["sha256": "00ff", "built-by": "infragen"])
        let ours = try RequestEncoder.encode(input, for: S3.putObject)
        let theirs = try Self.botocore(
            "PutObject",
            """
            {'Bucket': 'artifacts', 'Key': 'inventory-collector/ab cd+é.zip', 'Body': bytes([0x50, 0x4B, 3, 4, 0,
             0xFF, 0x0D, 0x0A, 0x3C]), 'ContentType': 'application/zip', 'ContentMD5': 'q1b2c3==',
             'Metadata': {'sha256': '00ff', 'built-by': 'infragen'}}
            """)
        #expect(ours.method == .put)
        #expect(ours.encodedPath == theirs.path)
        #expect(ours.body == theirs.body)
        #expect(Self.headers(ours) == theirs.headers)
    }

    // MARK: moto

    /// This suite's own server: the shared one is reset by MotoRoundTripTests, which runs in parallel with us.
    static let ownServer = Result { try MotoServer() }
    let server: MotoServer

    init() throws {
        server = try Self.ownServer.get()
    }

    @Test(arguments: TransportUnderTest.allCases)
    func createHeadPutHeadAgainstMoto(_ transport: TransportUnderTest) async throws {
        try server.reset()
        let client = MotoFixture.client(server, transport: transport.transport)
        let missing = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(S3.headBucket, .init(bucket: "infragen-artifacts"))
        }
        #expect(missing.statusCode == 404)
        #expect(missing.awsCode == "NotFound")

        let created = try await client.call(S3.createBucket, .init(bucket: "infragen-artifacts", region: "us-east-1"))
        #expect(created.location == "/infragen-artifacts")
        let head = try await client.call(S3.headBucket, .init(bucket: "infragen-artifacts"))
        #expect(head.bucketRegion == "us-east-1")

        // 300 KB of every byte value: the body goes as it is, and the signature covers its SHA-256.
        let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) })
        let put = try await client.call(
            S3.putObject,
            .init(bucket: "infragen-artifacts", key: "inventory-collector/a b.zip", body: bytes,
                  contentType: "application/zip", metadata: ["sha256": "feed"]))
        let md5 = try Subprocess.run(["md5sum"], stdin: bytes).stdout.prefix(32)
        #expect(put.eTag == "\"\(md5)\"")

        let object = try await client.call(
            S3.headObject, .init(bucket: "infragen-artifacts", key: "inventory-collector/a b.zip"))
        #expect(object.contentLength == bytes.count)
        #expect(object.contentType == "application/zip")
        #expect(object.metadata == ["sha256": "feed"])
        let stored = try MotoFixture.boto(
            server,
            """
            import hashlib
            s3 = client('s3')
            body = s3.get_object(Bucket='infragen-artifacts', Key='inventory-collector/a b.zip')['Body'].read()
            print(hashlib.sha256(body).hexdigest())
            """)
        let sent = try Subprocess.run(["sha256sum"], stdin: bytes).stdout.prefix(64)
        #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == String(sent))

        let noKey = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(S3.headObject, .init(bucket: "infragen-artifacts", key: "nothing.zip"))
        }
        #expect(noKey.statusCode == 404)
    }

    @Test func createBucketOutsideUSEast1SendsItsLocation() async throws {
        try server.reset()
        let client = MotoFixture.client(server, region: "eu-west-1")
        _ = try await client.call(S3.createBucket, .init(bucket: "infragen-artifacts-eu", region: "eu-west-1"))
        let location = try await client.call(S3.getBucketLocation, .init(bucket: "infragen-artifacts-eu"))
        #expect(location.region == "eu-west-1")
        // Without the configuration, S3 (and moto) refuse a bucket outside us-east-1: the payload is what made it.
        let refused = try await #require(throws: AWSClientError.self) {
            _ = try await client.call(S3.createBucket, .init(bucket: "infragen-artifacts-eu2"))
        }
        #expect(refused.awsCode == "IllegalLocationConstraintException")
    }
}
