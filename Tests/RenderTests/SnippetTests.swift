import Foundation
import InfraModel
import Render
import Testing

/// One small stack per resource kind, rendered for each target, checked on the exact JSON of that resource.
@Suite("Renderer snippets")
struct SnippetTests {
    static func json(_ file: RenderedFile) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(file.contents.utf8)) as! [String: Any]
    }

    static func compact(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]), as: UTF8.self)
    }

    static func terraform(_ stack: Stack, _ path: String...) throws -> String {
        var node: Any = try json(TerraformRenderer().render(stack))
        for key in path { node = (node as! [String: Any])[key] as Any }
        return try compact(node)
    }

    static func cloudFormation(_ stack: Stack, _ path: String...) throws -> String {
        var node: Any = try json(CloudFormationRenderer().render(stack))
        for key in path { node = (node as! [String: Any])[key] as Any }
        return try compact(node)
    }

    static let table = Table(
        name: "items", attributes: [.init(name: "id", type: .S), .init(name: "day", type: .N)], hashKey: "id",
        billingMode: .provisioned, capacity: .init(read: 2, write: 3),
        globalIndexes: [GlobalIndex(name: "by-day", hashKey: "day", projection: .include(["name"]), capacity: .init(read: 1, write: 1))],
        ttlAttribute: "expires_at", encryptionKey: "k")

    @Test("table, Terraform")
    func tableTerraform() throws {
        let stack = Stack(name: "s", keys: [EncryptionKey(name: "k")], tables: [Self.table])
        #expect(try Self.terraform(stack, "resource", "aws_dynamodb_table", "items") == #"{"attribute":[{"name":"id","type":"S"},{"name":"day","type":"N"}],"billing_mode":"PROVISIONED","deletion_protection_enabled":false,"global_secondary_index":[{"hash_key":"day","name":"by-day","non_key_attributes":["name"],"projection_type":"INCLUDE","read_capacity":1,"write_capacity":1}],"hash_key":"id","name":"items","point_in_time_recovery":{"enabled":true},"read_capacity":2,"server_side_encryption":{"enabled":true,"kms_key_arn":"${aws_kms_key.k.arn}"},"tags":{},"ttl":{"attribute_name":"expires_at","enabled":true},"write_capacity":3}"#)
    }

    @Test("table, CloudFormation")
    func tableCloudFormation() throws {
        let stack = Stack(name: "s", keys: [EncryptionKey(name: "k")], tables: [Self.table])
        #expect(try Self.cloudFormation(stack, "Resources", "ItemsTable") == #"{"Properties":{"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"day","AttributeType":"N"}],"BillingMode":"PROVISIONED","DeletionProtectionEnabled":false,"GlobalSecondaryIndexes":[{"IndexName":"by-day","KeySchema":[{"AttributeName":"day","KeyType":"HASH"}],"Projection":{"NonKeyAttributes":["name"],"ProjectionType":"INCLUDE"},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true},"ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":3},"SSESpecification":{"KMSMasterKeyId":{"Fn::GetAtt":["KKey","Arn"]},"SSEEnabled":true,"SSEType":"KMS"},"TableName":"items","Tags":[],"TimeToLiveSpecification":{"AttributeName":"expires_at","Enabled":true}},"Type":"AWS::DynamoDB::Table"}"#)
    }

    static func functionStack() -> Stack {
        var stack = Stack(name: "s", tags: ["Team": "finops"], topics: [Topic(name: "alerts")])
        stack.addLambda(
            Function(
                name: "worker", runtime: "worker-bin", memoryMB: 256, timeoutSeconds: 60,
                environment: [
                    "LITERAL": "${not-a-reference} and %{not-a-directive}",
                    "MIXED": "arn:\(.partition):s3:::\(Reference(.topic, "alerts", .name))",
                    "TOPIC": .ref(Reference(.topic, "alerts", .arn)),
                ],
                role: "", logGroup: "", reservedConcurrency: 2, onFailure: Reference(.topic, "alerts", .arn), tracing: .passThrough),
            logRetentionDays: 30, logEncryptionKey: nil, codeStatements: [])
        return stack
    }

    @Test("function, Terraform: code from the artifacts bucket, escaped literals, dead-letter topic")
    func functionTerraform() throws {
        #expect(try Self.terraform(Self.functionStack(), "resource", "aws_lambda_function", "worker") == #"{"architectures":["x86_64"],"dead_letter_config":{"target_arn":"${aws_sns_topic.alerts.arn}"},"depends_on":["aws_iam_role_policy.worker_policy"],"environment":{"variables":{"LITERAL":"$${not-a-reference} and %%{not-a-directive}","MIXED":"arn:${data.aws_partition.current.partition}:s3:::${aws_sns_topic.alerts.name}","TOPIC":"${aws_sns_topic.alerts.arn}"}},"function_name":"worker","handler":"bootstrap","memory_size":256,"reserved_concurrent_executions":2,"role":"${aws_iam_role.worker_role.arn}","runtime":"provided.al2023","s3_bucket":"${var.artifact_bucket}","s3_key":"${var.worker_code_key}","source_code_hash":"${var.worker_code_hash}","tags":{"Team":"finops"},"timeout":60,"tracing_config":{"mode":"PassThrough"}}"#)
        // No `filename`: the provider creates functions whose code is in S3 in parallel (docs/deploy.md).
        #expect(try Self.terraform(Self.functionStack(), "variable", "worker_code_key") == #"{"default":"worker-bin.zip","description":"S3 key of the worker package in artifact_bucket","type":"string"}"#)
        #expect(try Self.terraform(Self.functionStack(), "variable", "worker_code_hash") == #"{"default":null,"description":"Base64 SHA-256 of the worker package; a new value updates the code","type":"string"}"#)
        #expect(try Self.terraform(Self.functionStack(), "variable", "artifact_bucket") == #"{"description":"S3 bucket holding the packaged functions (`infragen deploy` uploads them there)","type":"string"}"#)
    }

    @Test("function, CloudFormation: Ref, GetAtt and Fn::Sub with ${! escapes")
    func functionCloudFormation() throws {
        let stack = Self.functionStack()
        #expect(try Self.cloudFormation(stack, "Resources", "WorkerFunction", "Properties", "Environment") == #"{"Variables":{"LITERAL":"${not-a-reference} and %{not-a-directive}","MIXED":{"Fn::Sub":"arn:${AWS::Partition}:s3:::${AlertsTopic.TopicName}"},"TOPIC":{"Ref":"AlertsTopic"}}}"#)
        #expect(try Self.cloudFormation(stack, "Resources", "WorkerFunction", "Properties", "Code") == #"{"S3Bucket":{"Ref":"ArtifactBucket"},"S3Key":{"Ref":"WorkerCodeKey"}}"#)
        #expect(try Self.cloudFormation(stack, "Parameters", "WorkerCodeKey", "Default") == #""worker-bin.zip""#)
    }

    @Test("a literal ${ in a mixed value is escaped as ${! for Fn::Sub")
    func subEscape() throws {
        var stack = Stack(name: "s")
        stack.outputs = [Output(name: "o", value: "${x} in \(.region)")]
        #expect(try Self.cloudFormation(stack, "Outputs", "O", "Value") == #"{"Fn::Sub":"${!x} in ${AWS::Region}"}"#)
        #expect(try Self.terraform(stack, "output", "o", "value") == #""$${x} in ${data.aws_region.current.name}""#)
    }

    @Test("log group ARNs agree between targets (CloudFormation's GetAtt would add :*)")
    func logGroupArn() throws {
        var stack = Self.functionStack()
        stack.outputs = [Output(name: "logs", value: .ref(Reference(.logGroup, "worker", .arn)))]
        #expect(try Self.terraform(stack, "output", "logs", "value") == #""${aws_cloudwatch_log_group.worker.arn}""#)
        #expect(try Self.cloudFormation(stack, "Outputs", "Logs", "Value") == #"{"Fn::Sub":"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${WorkerLogGroup}"}"#)
    }

    static let ruleStack: Stack = {
        var stack = functionStack()
        stack.rules = [
            Rule(name: "nightly", trigger: .schedule("rate(1 day)"), targets: ["worker"]),
            Rule(name: "on-done", trigger: .pattern(.object(["source": .array([.string("me")])])), targets: ["worker"], enabled: false),
        ]
        return stack
    }()

    @Test("rules, Terraform: schedule, pattern, target and a scoped permission per target")
    func rulesTerraform() throws {
        #expect(try Self.terraform(Self.ruleStack, "resource", "aws_cloudwatch_event_rule", "on_done") == #"{"event_pattern":"{\"source\":[\"me\"]}","name":"on-done","state":"DISABLED","tags":{"Team":"finops"}}"#)
        #expect(try Self.terraform(Self.ruleStack, "resource", "aws_lambda_permission", "nightly_worker") == #"{"action":"lambda:InvokeFunction","depends_on":["aws_cloudwatch_log_group.worker"],"function_name":"${aws_lambda_function.worker.function_name}","principal":"events.amazonaws.com","source_account":"${data.aws_caller_identity.current.account_id}","source_arn":"${aws_cloudwatch_event_rule.nightly.arn}","statement_id":"AllowInvokeFromNightly"}"#)
        #expect(try Self.terraform(Self.ruleStack, "resource", "aws_cloudwatch_event_target", "nightly_worker") == #"{"arn":"${aws_lambda_function.worker.arn}","depends_on":["aws_cloudwatch_log_group.worker"],"rule":"${aws_cloudwatch_event_rule.nightly.name}","target_id":"worker"}"#)
    }

    @Test("rules, CloudFormation: targets inline, permission per target")
    func rulesCloudFormation() throws {
        #expect(try Self.cloudFormation(Self.ruleStack, "Resources", "NightlyRule") == #"{"Properties":{"Name":"nightly","ScheduleExpression":"rate(1 day)","State":"ENABLED","Targets":[{"Arn":{"Fn::GetAtt":["WorkerFunction","Arn"]},"Id":"worker"}]},"Type":"AWS::Events::Rule"}"#)
        #expect(try Self.cloudFormation(Self.ruleStack, "Resources", "OnDoneWorkerPermission", "Properties") == #"{"Action":"lambda:InvokeFunction","FunctionName":{"Ref":"WorkerFunction"},"Principal":"events.amazonaws.com","SourceAccount":{"Ref":"AWS::AccountId"},"SourceArn":{"Fn::GetAtt":["OnDoneRule","Arn"]}}"#)
    }

    @Test("role policy: platform statements first, actions sorted, resources as ARNs")
    func rolePolicy() throws {
        let text = try Self.cloudFormation(Self.functionStack(), "Resources", "WorkerRole", "Properties", "Policies")
        #expect(text == #"[{"PolicyDocument":{"Statement":[{"Action":["logs:CreateLogStream","logs:PutLogEvents"],"Effect":"Allow","Resource":[{"Fn::Sub":"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/worker:*"}],"Sid":"WriteOwnLogs"},{"Action":["sns:Publish"],"Effect":"Allow","Resource":[{"Ref":"AlertsTopic"}],"Sid":"DeliverFailedInvocations"}],"Version":"2012-10-17"},"PolicyName":"worker-policy"}]"#)
    }

    @Test("key policy lets CloudWatch Logs in only when a log group uses the key")
    func keyPolicy() throws {
        var stack = Stack(name: "s", keys: [EncryptionKey(name: "k")])
        let alone = try Self.cloudFormation(stack, "Resources", "KKey", "Properties", "KeyPolicy", "Statement")
        #expect(!alone.contains("logs."))
        stack.logGroups = [LogGroup(name: "g", path: "/g", encryptionKey: "k")]
        let withLogs = try Self.cloudFormation(stack, "Resources", "KKey", "Properties", "KeyPolicy", "Statement")
        #expect(withLogs.contains(#""Principal":{"Service":{"Fn::Sub":"logs.${AWS::Region}.amazonaws.com"}}"#))
        #expect(!withLogs.contains("kms:*"))
        // Terraform: the policy is its own resource (its propagation wait runs beside what needs only the key), and
        // the log group, which CloudWatch Logs checks against that policy, waits for it.
        let terraformPolicy = try Self.terraform(stack, "resource", "aws_kms_key_policy", "k", "policy")
        #expect(terraformPolicy.contains(#"logs.${data.aws_region.current.name}.amazonaws.com"#))
        #expect(try Self.terraform(stack, "resource", "aws_kms_key_policy", "k", "key_id") == #""${aws_kms_key.k.key_id}""#)
        #expect(!(try Self.terraform(stack, "resource", "aws_kms_key", "k")).contains(#""policy""#))
        #expect(try Self.terraform(stack, "resource", "aws_cloudwatch_log_group", "g", "depends_on")
            == #"["aws_kms_key_policy.k"]"#)
    }

    @Test("topic with subscription, both targets")
    func topic() throws {
        let stack = Stack(
            name: "s", parameters: [Parameter(name: "email")],
            topics: [Topic(name: "alerts", subscriptions: [.init(protocol: .email, endpoint: .ref(Reference(.parameter, "email", .value)))])])
        #expect(try Self.terraform(stack, "resource", "aws_sns_topic_subscription", "alerts_0") == #"{"endpoint":"${var.email}","protocol":"email","topic_arn":"${aws_sns_topic.alerts.arn}"}"#)
        #expect(try Self.cloudFormation(stack, "Resources", "AlertsSubscription0", "Properties") == #"{"Endpoint":{"Ref":"Email"},"Protocol":"email","TopicArn":{"Ref":"AlertsTopic"}}"#)
    }

    @Test("parameters: patterns become Terraform validations and CloudFormation AllowedPattern")
    func parameters() throws {
        let stack = Stack(name: "s", parameters: [
            Parameter(name: "email", pattern: #"^[^@\s]+@\S+$"#), Parameter(name: "days", type: .number, defaultValue: "90", sensitive: true),
        ])
        #expect(try Self.terraform(stack, "variable", "email") == #"{"description":"","type":"string","validation":[{"condition":"${can(regex(\"^[^@\\\\s]+@\\\\S+$\", var.email))}","error_message":"email must match ^[^@\\s]+@\\S+$."}]}"#)
        #expect(try Self.terraform(stack, "variable", "days") == #"{"default":90,"description":"","sensitive":true,"type":"number"}"#)
        #expect(try Self.cloudFormation(stack, "Parameters", "Days") == #"{"Default":"90","Description":"","NoEcho":true,"Type":"Number"}"#)
    }
}
