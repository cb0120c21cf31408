import Blueprint
import InfraModel
import InfragenTestSupport
import Policy
import Testing

@Suite("Policy scoping")
struct PolicyDeriverTests {
    static func stack() throws -> Stack { try Blueprint.load(path: RepoPaths.file("blueprints/aws-inventory.yaml").path) }

    func derive(_ functionName: String, _ symbols: [String]) throws -> PolicyDeriver.Result {
        let stack = try Self.stack()
        let function = try #require(stack.function(named: functionName))
        let uses = symbols.map {
            CallAnalysis.Use(symbol: $0, operation: CatalogTests.catalog.operations[$0]!.description, sites: ["Sources/X.swift:1"])
        }
        return PolicyDeriver().derive(for: function, in: stack, uses: uses)
    }

    func rendered(_ result: PolicyDeriver.Result) -> [String] {
        result.statements.map { "\($0.sid) \($0.actions.joined(separator: ",")) on \($0.resources.map(\.description).joined(separator: " "))" }
    }

    @Test("the collector's calls: bound table and bus, listed resources in any region, * only without resource-level permissions")
    func collector() throws {
        let result = try derive("inventory-collector", [
            "EC2.describeInstances", "S3.listBuckets", "S3.getBucketVersioning", "EKS.describeCluster",
            "RDS.describeDBInstances", "DynamoDB.batchWriteItem", "EventBridge.putEvents",
        ])
        #expect(rendered(result) == [
            "DynamodbScoped dynamodb:BatchWriteItem on ${table.aws-inventory.arn}",
            "Ec2AnyResource ec2:DescribeInstances on *",
            "EksScoped eks:DescribeCluster on arn:${aws.partition}:eks:*:${aws.account_id}:cluster/*",
            "EventsScoped events:PutEvents on arn:${aws.partition}:events:${aws.region}:${aws.account_id}:event-bus/default",
            "RdsScoped rds:DescribeDBInstances on arn:${aws.partition}:rds:*:${aws.account_id}:db:*",
            "S3AnyResource s3:ListAllMyBuckets on *",
            "S3Scoped s3:GetBucketVersioning on arn:${aws.partition}:s3:::*",
        ])
    }

    @Test("the analyzer's calls: table and its indexes, topic, the configured model")
    func analyzer() throws {
        let result = try derive("inventory-analyzer", ["DynamoDB.query", "DynamoDB.putItem", "SNS.publish", "BedrockRuntime.converse"])
        #expect(rendered(result) == [
            "BedrockScoped bedrock:InvokeModel on arn:${aws.partition}:bedrock:${aws.region}::foundation-model/${parameter.bedrock_model_id}",
            "DynamodbScoped dynamodb:PutItem on ${table.aws-inventory.arn}",
            "DynamodbScoped2 dynamodb:Query on ${table.aws-inventory.arn} ${table.aws-inventory.arn}/index/*",
            "KmsScoped kms:Decrypt,kms:GenerateDataKey on ${key.inventory.arn}",
            "SnsScoped sns:Publish on ${topic.inventory-alerts.arn}",
        ])
        let query = try #require(result.explanations.first { $0.action == "dynamodb:Query" })
        #expect(query.sites == ["Sources/X.swift:1 (DynamoDB.query)"])
    }

    @Test("assuming roles needs SCAN_ACCOUNTS: without it no role is granted, with it exactly those roles")
    func assumeRole() throws {
        #expect(try derive("inventory-collector", ["STS.assumeRole"]).statements.isEmpty)
        var stack = try Self.stack()
        let index = try #require(stack.functions.firstIndex { $0.name == "inventory-collector" })
        stack.functions[index].environment["SCAN_ACCOUNTS"] = "111122223333:arn:aws:iam::111122223333:role/inventory-reader"
        let result = PolicyDeriver().derive(
            for: stack.functions[index], in: stack, uses: [.init(symbol: "STS.assumeRole", operation: "sts.AssumeRole", sites: [])])
        #expect(rendered(result) == ["StsScoped sts:AssumeRole on arn:aws:iam::111122223333:role/inventory-reader"])
    }
}
