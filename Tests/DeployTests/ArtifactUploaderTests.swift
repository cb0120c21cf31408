import AWSClient
import AWSServices
import Blueprint
import Deploy
import Foundation
import InfragenTestSupport
import Render
import Testing

/// The terraform path's upload of the runtime zips, against moto with the Swift client (real HTTP, real SigV4).
@Suite(.serialized) struct ArtifactUploaderTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    let moto: MotoServer
    let lines = Lines()

    init() throws { moto = try MotoServer() }

    func uploader(region: String = "us-east-1") throws -> ArtifactUploader {
        let lines = self.lines
        let client = try ArtifactUploader.client(
            endpoint: try CustomEndpoint(moto.endpoint), region: region, environment: [:])
        return ArtifactUploader(client: client, log: { lines.append($0) })
    }

    /// A zip-sized file of pseudo-random bytes (different per `seed`).
    func zip(_ name: String, seed: UInt64, size: Int = 200_000) throws -> URL {
        let directory = try RepoPaths.scratchDirectory("artifacts")
        var state = seed
        let bytes = (0..<size).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let url = directory.appendingPathComponent("\(name).zip")
        try Data(bytes).write(to: url)
        return url
    }

    func sha256(_ url: URL) throws -> String {
        String(try Subprocess.run(["sha256sum", url.path]).stdout.prefix(64))
    }

    @Test func createsTheBucketUploadsOnceAndSkipsWhatIsThere() async throws {
        let uploader = try uploader()
        let bucket = try await uploader.bucketName(stack: "aws-inventory")
        #expect(bucket == "aws-inventory-artifacts-123456789012-us-east-1")
        let zips = ["inventory-collector": try zip("c", seed: 1), "inventory-analyzer": try zip("a", seed: 2)]

        let first = try await uploader.upload(zips, bucket: bucket)
        #expect(lines.all.contains("infragen: creating artifacts bucket \(bucket)"))
        for (runtime, zip) in zips {
            let artifact = try #require(first[runtime])
            let hex = try sha256(zip)
            #expect(artifact.key == "\(runtime)/\(hex).zip")
            #expect(artifact.uploaded)
            #expect(Data(base64Encoded: artifact.sha256Base64)?.map { String(format: "%02x", $0) }.joined() == hex)
            // What moto stored is the file, byte for byte.
            let copy = try RepoPaths.scratchDirectory("downloaded").appendingPathComponent("\(runtime).zip")
            let stored = try Subprocess.run(
                ["aws", "s3api", "get-object", "--bucket", bucket, "--key", artifact.key, copy.path],
                environment: moto.clientEnvironment)
            #expect(stored.succeeded, "\(stored.stderr)")
            #expect(try sha256(copy) == hex)
            let head = try await uploader.client.call(S3.headObject, .init(bucket: bucket, key: artifact.key))
            #expect(head.metadata["sha256"] == hex)
            #expect(head.contentLength == 200_000)
        }

        let second = try await uploader.upload(zips, bucket: bucket)
        #expect(second.values.allSatisfy { !$0.uploaded })
        #expect(second.mapValues(\.key) == first.mapValues(\.key))
        #expect(lines.all.filter { $0.contains("creating artifacts bucket") }.count == 1)
        #expect(lines.all.filter { $0.hasSuffix("is already uploaded") }.count == 2)
    }

    @Test func aKeyWithoutItsHashIsUploadedAgain() async throws {
        let uploader = try uploader()
        let zip = try zip("c", seed: 3)
        let key = "inventory-collector/\(try sha256(zip)).zip"
        _ = try await uploader.client.call(S3.createBucket, .init(bucket: "given-bucket", region: "us-east-1"))
        _ = try await uploader.client.call(S3.putObject, .init(bucket: "given-bucket", key: key, body: Data("x".utf8)))
        let artifacts = try await uploader.upload(["inventory-collector": zip], bucket: "given-bucket")
        #expect(artifacts["inventory-collector"]?.uploaded == true)
        let head = try await uploader.client.call(S3.headObject, .init(bucket: "given-bucket", key: key))
        #expect(head.contentLength == 200_000)
    }

    @Test func theBucketIsMadeInTheDeploymentsRegion() async throws {
        let uploader = try uploader(region: "eu-west-1")
        let bucket = try await uploader.bucketName(stack: "Aws-Inventory")
        #expect(bucket == "aws-inventory-artifacts-123456789012-eu-west-1")
        _ = try await uploader.upload(["inventory-collector": try zip("c", seed: 4)], bucket: bucket)
        let location = try await uploader.client.call(S3.getBucketLocation, .init(bucket: bucket))
        #expect(location.region == "eu-west-1")
    }

    /// `--endpoint` wins over endpoints in the environment (nothing listens on port 9: a call there would fail).
    @Test func theDeploysEndpointWinsOverTheEnvironments() async throws {
        let client = try ArtifactUploader.client(
            endpoint: try CustomEndpoint(moto.endpoint), region: "us-east-1",
            environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9",
                          "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9"])
        let uploader = ArtifactUploader(client: client, log: { _ in })
        let bucket = try await uploader.bucketName(stack: "aws-inventory")
        let artifacts = try await uploader.upload(["inventory-collector": try zip("c", seed: 5)], bucket: bucket)
        #expect(artifacts["inventory-collector"]?.uploaded == true)
    }

    @Test func codeVariablesPointEachFunctionAtItsRuntimesZip() throws {
        let stack = try Blueprint.load(path: RepoPaths.file("blueprints/aws-inventory.yaml").path)
        func artifact(_ runtime: String) -> UploadedArtifact {
            UploadedArtifact(
                bucket: "b", key: "\(runtime)/00.zip", sha256Hex: "00", sha256Base64: "AA==", uploaded: true)
        }
        let values = try TerraformDeployment.codeVariables(
            for: stack, bucket: "b",
            artifacts: [
                "inventory-collector": artifact("inventory-collector"),
                "inventory-analyzer": artifact("inventory-analyzer"),
            ])
        #expect(values == [
            "artifact_bucket": "b",
            "inventory_collector_code_key": "inventory-collector/00.zip", "inventory_collector_code_hash": "AA==",
            "inventory_analyzer_code_key": "inventory-analyzer/00.zip", "inventory_analyzer_code_hash": "AA==",
        ])
        // Every name is a variable the render declares.
        let rendered = TerraformRenderer().render(stack).contents
        let document = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any]
        let declared = try #require(document?["variable"] as? [String: Any])
        #expect(Set(values.keys).isSubset(of: Set(declared.keys)))
        #expect(throws: DeployError.self) {
            try TerraformDeployment.codeVariables(for: stack, bucket: "b", artifacts: [:])
        }
    }
}
