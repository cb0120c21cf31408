import AWSClient
import AWSServices
import Foundation
import InfragenTestSupport
import Testing

/// Every operation we define agrees with botocore's service model: protocol, API version, target prefix, JSON
/// version, signing name, endpoint prefix, HTTP method and request URI.
@Suite struct BotocoreModelTests {
    static let botocoreData: URL? = {
        let result = try? Subprocess.run([
            "python3", "-c", "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))",
        ])
        guard let result, result.succeeded else { return nil }
        return URL(fileURLWithPath: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }()

    /// Loads `<service>/<apiVersion>/service-2.json(.gz)`.
    static func model(_ service: AWSService) throws -> [String: Any] {
        let directory = try #require(botocoreData).appendingPathComponent("\(service.modelName)/\(service.apiVersion)")
        let plain = directory.appendingPathComponent("service-2.json")
        let data: Data
        if FileManager.default.fileExists(atPath: plain.path) {
            data = try Data(contentsOf: plain)
        } else {
            let result = try Subprocess.run(["gzip", "-dc", plain.path + ".gz"])
            try #require(result.succeeded, "no model at \(directory.path): \(result.stderr)")
            data = Data(result.stdout.utf8)
        }
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static var operations: [AWSOperationDescriptor] { AWSServiceCatalog.operations }

    @Test(.enabled(if: botocoreData != nil, "botocore is not installed"), arguments: operations)
    func operationMatchesModel(_ operation: AWSOperationDescriptor) throws {
        let model = try Self.model(operation.service)
        let metadata = try #require(model["metadata"] as? [String: Any])
        let service = operation.service
        let protocols = (metadata["protocols"] as? [String]) ?? [metadata["protocol"] as? String ?? ""]
        #expect(
            metadata["protocol"] as? String == service.wireProtocol.botocoreName
                || protocols.first == service.wireProtocol.botocoreName)
        #expect(metadata["apiVersion"] as? String == service.apiVersion)
        #expect(metadata["targetPrefix"] as? String == service.targetPrefix)
        if let version = service.wireProtocol.jsonVersion {
            #expect(metadata["jsonVersion"] as? String == version)
        }
        let endpointPrefix = try #require(metadata["endpointPrefix"] as? String)
        #expect(service.endpointPrefix == endpointPrefix)
        #expect(service.signingName == (metadata["signingName"] as? String ?? endpointPrefix))
        let serviceId = try #require(metadata["serviceId"] as? String)
        #expect(service.environmentName == serviceId.uppercased().replacingOccurrences(of: " ", with: "_"))

        let operations = try #require(model["operations"] as? [String: Any])
        let definition = try #require(operations[operation.name] as? [String: Any], "\(operation.name) not in model")
        let http = try #require(definition["http"] as? [String: Any])
        #expect(http["method"] as? String == operation.method.rawValue)
        #expect(http["requestUri"] as? String == operation.requestURI)
    }

    /// The catalog lists every `AWSOperation` declared in Sources/AWSServices, so the check above sees them all.
    @Test func catalogListsEveryDeclaredOperation() throws {
        let directory = RepoPaths.file("Sources/AWSServices")
        let pattern = try NSRegularExpression(pattern: #"public static let \w+ = AWSOperation<"#)
        var declared = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            declared += pattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
        }
        #expect(declared == AWSServiceCatalog.operations.count)
        #expect(Set(AWSServiceCatalog.operations.map(\.description)).count == AWSServiceCatalog.operations.count)
    }

    /// IAM actions that are not `service:Operation`.
    @Test func iamActionsFollowIAMNotTheWireName() {
        #expect(S3.listBuckets.iamAction == "s3:ListAllMyBuckets")
        #expect(S3.getBucketLifecycleConfiguration.iamAction == "s3:GetLifecycleConfiguration")
        #expect(S3.getBucketEncryption.iamAction == "s3:GetEncryptionConfiguration")
        #expect(BedrockRuntime.converse.iamAction == "bedrock:InvokeModel")
        #expect(DynamoDB.putItem.resourceARN == "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}")
        #expect(EC2.describeInstances.resourceARN == nil)
        for operation in AWSServiceCatalog.operations {
            let prefix = operation.iamAction.split(separator: ":").first.map(String.init)
            let expected = operation.service.signingName == "bedrock" ? "bedrock" : operation.service.modelName
            #expect(prefix == expected, "\(operation)")
        }
    }
}
