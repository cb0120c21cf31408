import InfraModel

/// Renders a stack as a CloudFormation template (`template.json`). Function code comes from an S3 artifacts
/// bucket given as parameters, since `provided.al2023` code cannot be inlined.
public struct CloudFormationRenderer {
    public init() {}

    /// Checks skipped on every function, with the reason a reviewer needs (checkov reads `Metadata.checkov`).
    public static let functionCheckSkips: [(id: String, comment: String)] = [
        ("CKV_AWS_117", "The functions call only public AWS APIs and accept no inbound traffic; a VPC would add NAT cost and cold-start latency without reducing exposure."),
        ("CKV_AWS_272", "Artifacts are built reproducibly from this repository and pinned by SHA-256 at deploy; AWS Signer profiles are not available in every partition this stack targets."),
    ]

    public func render(_ stack: Stack) -> RenderedFile {
        var document = Document(stack: stack)
        document.build()
        return RenderedFile(path: "cloudformation/template.json", contents: CanonicalJSON.render(document.finish()))
    }

    struct Document: StackEmitter {
        let stack: Stack
        var resources: [String: JSON] = [:]
        var parameters: [String: JSON] = [:]

        init(stack: Stack) { self.stack = stack }

        mutating func finish() -> JSON {
            var root: [String: JSON] = [
                "AWSTemplateFormatVersion": "2010-09-09",
                "Description": .string(stack.description.isEmpty ? stack.name : stack.description),
                "Parameters": .object(parameters),
                "Resources": .object(resources),
            ]
            if !stack.outputs.isEmpty {
                root["Outputs"] = .object(Dictionary(uniqueKeysWithValues: stack.outputs.map { output in
                    (LogicalNames.cloudFormation(output.name),
                     JSON.object(["Value": intrinsic(output.value), "Description": .string(output.description)]))
                }))
            }
            return .object(root)
        }

        // MARK: Values

        static func logicalID(_ kind: ResourceKind, _ name: String) -> String {
            switch kind {
            case .parameter: LogicalNames.cloudFormation(name)
            case .key: LogicalNames.cloudFormation(name, suffix: "Key")
            case .table: LogicalNames.cloudFormation(name, suffix: "Table")
            case .topic: LogicalNames.cloudFormation(name, suffix: "Topic")
            case .logGroup: LogicalNames.cloudFormation(name, suffix: "LogGroup")
            case .role: LogicalNames.cloudFormation(name, suffix: "Role")
            case .function: LogicalNames.cloudFormation(name, suffix: "Function")
            case .rule: LogicalNames.cloudFormation(name, suffix: "Rule")
            }
        }

        /// How a reference reads in `Fn::Sub` (`Logical` for Ref, `Logical.Attr` for GetAtt), as CloudFormation
        /// defines each type's Ref. Log group ARNs are built, because `GetAtt Arn` ends in `:*` and Terraform's
        /// does not: both targets must agree.
        static func subVariable(_ reference: Reference) -> String {
            let id = logicalID(reference.kind, reference.name)
            switch (reference.kind, reference.attribute) {
            case (.parameter, _), (.key, .id), (.topic, .arn): return id
            case (.topic, .name): return "\(id).TopicName"
            case (_, .arn): return "\(id).Arn"
            default: return id
            }
        }

        func intrinsic(_ value: Value) -> JSON {
            if let text = value.literalText { return .string(text) }
            if let reference = value.soleReference, !(reference.kind == .logGroup && reference.attribute == .arn) {
                let variable = Self.subVariable(reference)
                if let dot = variable.firstIndex(of: ".") {
                    return ["Fn::GetAtt": [.string(String(variable[..<dot])), .string(String(variable[variable.index(after: dot)...]))]]
                }
                return ["Ref": .string(variable)]
            }
            if value.fragments.count == 1, case .pseudo(let pseudo) = value.fragments[0] {
                return ["Ref": .string(Self.pseudoName(pseudo))]
            }
            let template = value.fragments.map { fragment -> String in
                switch fragment {
                case .literal(let text): return text.replacing("${", with: "${!")
                case .pseudo(let pseudo): return "${\(Self.pseudoName(pseudo))}"
                case .reference(let reference) where reference.kind == .logGroup && reference.attribute == .arn:
                    return "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${\(Self.logicalID(.logGroup, reference.name))}"
                case .reference(let reference): return "${\(Self.subVariable(reference))}"
                }
            }.joined()
            return ["Fn::Sub": .string(template)]
        }

        static func pseudoName(_ pseudo: Pseudo) -> String {
            switch pseudo {
            case .accountID: "AWS::AccountId"
            case .region: "AWS::Region"
            case .partition: "AWS::Partition"
            }
        }

        var tags: JSON {
            .array(stack.tags.keys.sorted().map { ["Key": .string($0), "Value": .string(stack.tags[$0]!)] })
        }

        func ref(_ kind: ResourceKind, _ name: String, _ attribute: Attribute) -> JSON {
            intrinsic(.ref(Reference(kind, name, attribute)))
        }

        // MARK: Resources

        mutating func build() {
            for parameter in stack.parameters {
                var body: [String: JSON] = [
                    "Type": parameter.type == .number ? "Number" : "String", "Description": .string(parameter.description),
                ]
                if let value = parameter.defaultValue { body["Default"] = .string(value) }
                if let pattern = parameter.pattern { body["AllowedPattern"] = .string(pattern) }
                if parameter.sensitive { body["NoEcho"] = true }
                parameters[LogicalNames.cloudFormation(parameter.name)] = .object(body)
            }
            if !stack.functions.isEmpty {
                parameters["ArtifactBucket"] = [
                    "Type": "String", "Description": "S3 bucket holding the packaged functions (made by `infragen package`)",
                ]
            }
            emitResources()
        }

        mutating func addKey(_ key: EncryptionKey) {
            let id = Self.logicalID(.key, key.name)
            resources[id] = [
                "Type": "AWS::KMS::Key",
                "Properties": [
                    "Description": .string(key.description), "EnableKeyRotation": .bool(key.rotation),
                    "PendingWindowInDays": .number(Double(key.deletionWindowDays)),
                    "KeyPolicy": KeyPolicy.document(for: key, in: stack, render: intrinsic), "Tags": tags,
                ],
            ]
            resources[id + "Alias"] = [
                "Type": "AWS::KMS::Alias",
                "Properties": ["AliasName": .string("alias/\(stack.name)/\(key.name)"), "TargetKeyId": ["Ref": .string(id)]],
            ]
        }

        mutating func addTable(_ table: Table) {
            func keySchema(_ hash: String, _ range: String?) -> JSON {
                .array([["AttributeName": .string(hash), "KeyType": "HASH"]]
                    + (range.map { [["AttributeName": .string($0), "KeyType": "RANGE"]] } ?? []))
            }
            var properties: [String: JSON] = [
                "TableName": .string(table.name), "BillingMode": .string(table.billingMode.rawValue),
                "AttributeDefinitions": .array(table.attributes.map { ["AttributeName": .string($0.name), "AttributeType": .string($0.type.rawValue)] }),
                "KeySchema": keySchema(table.hashKey, table.rangeKey),
                "PointInTimeRecoverySpecification": ["PointInTimeRecoveryEnabled": .bool(table.pointInTimeRecovery)],
                "DeletionProtectionEnabled": .bool(table.deletionProtection),
                "Tags": tags,
            ]
            if let capacity = table.capacity {
                properties["ProvisionedThroughput"] = ["ReadCapacityUnits": .number(Double(capacity.read)), "WriteCapacityUnits": .number(Double(capacity.write))]
            }
            if let ttl = table.ttlAttribute { properties["TimeToLiveSpecification"] = ["AttributeName": .string(ttl), "Enabled": true] }
            if let key = table.encryptionKey {
                properties["SSESpecification"] = ["SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": ref(.key, key, .arn)]
            }
            if !table.globalIndexes.isEmpty {
                properties["GlobalSecondaryIndexes"] = .array(table.globalIndexes.map { index in
                    var projection: [String: JSON]
                    switch index.projection {
                    case .all: projection = ["ProjectionType": "ALL"]
                    case .keysOnly: projection = ["ProjectionType": "KEYS_ONLY"]
                    case .include(let names): projection = ["ProjectionType": "INCLUDE", "NonKeyAttributes": .array(names.map { .string($0) })]
                    }
                    var gsi: [String: JSON] = [
                        "IndexName": .string(index.name), "KeySchema": keySchema(index.hashKey, index.rangeKey), "Projection": .object(projection),
                    ]
                    if let capacity = index.capacity {
                        gsi["ProvisionedThroughput"] = ["ReadCapacityUnits": .number(Double(capacity.read)), "WriteCapacityUnits": .number(Double(capacity.write))]
                    }
                    return .object(gsi)
                })
            }
            var resource: [String: JSON] = ["Type": "AWS::DynamoDB::Table", "Properties": .object(properties)]
            if table.deletionProtection {
                resource["DeletionPolicy"] = "Retain"
                resource["UpdateReplacePolicy"] = "Retain"
            }
            resources[Self.logicalID(.table, table.name)] = .object(resource)
        }

        mutating func addTopic(_ topic: Topic) {
            let id = Self.logicalID(.topic, topic.name)
            var properties: [String: JSON] = ["TopicName": .string(topic.name), "Tags": tags]
            if !topic.displayName.isEmpty { properties["DisplayName"] = .string(topic.displayName) }
            if let key = topic.encryptionKey { properties["KmsMasterKeyId"] = ref(.key, key, .arn) }
            resources[id] = ["Type": "AWS::SNS::Topic", "Properties": .object(properties)]
            for (index, subscription) in topic.subscriptions.enumerated() {
                resources["\(LogicalNames.cloudFormation(topic.name))Subscription\(index)"] = [
                    "Type": "AWS::SNS::Subscription",
                    "Properties": [
                        "TopicArn": ["Ref": .string(id)], "Protocol": .string(subscription.protocol.rawValue),
                        "Endpoint": intrinsic(subscription.endpoint),
                    ],
                ]
            }
        }

        mutating func addLogGroup(_ group: LogGroup) {
            var properties: [String: JSON] = [
                "LogGroupName": .string(group.path), "RetentionInDays": .number(Double(group.retentionDays)), "Tags": tags,
            ]
            if let key = group.encryptionKey { properties["KmsKeyId"] = ref(.key, key, .arn) }
            resources[Self.logicalID(.logGroup, group.name)] = ["Type": "AWS::Logs::LogGroup", "Properties": .object(properties)]
        }

        mutating func addRole(_ role: Role) {
            let trust: JSON = [
                "Version": "2012-10-17",
                "Statement": [[
                    "Sid": "TrustedServiceAssumesRole", "Effect": "Allow", "Action": ["sts:AssumeRole"],
                    "Principal": ["Service": [.string(role.trustedService)]],
                ]],
            ]
            let policies: [JSON] = role.policies.map { policy in
                [
                    "PolicyName": .string(policy.name),
                    "PolicyDocument": [
                        "Version": "2012-10-17",
                        "Statement": .array(policy.statements.map { statement in
                            [
                                "Sid": .string(statement.sid), "Effect": .string(statement.effect.rawValue),
                                "Action": .array(statement.actions.sorted().map { .string($0) }),
                                "Resource": .array(statement.resources.map(intrinsic)),
                            ]
                        }),
                    ],
                ]
            }
            resources[Self.logicalID(.role, role.name)] = [
                "Type": "AWS::IAM::Role",
                "Properties": [
                    "RoleName": .string(role.name), "AssumeRolePolicyDocument": trust, "Policies": .array(policies), "Tags": tags,
                ],
            ]
        }

        mutating func addFunction(_ function: Function) {
            let codeKey = LogicalNames.cloudFormation(function.name) + "CodeKey"
            parameters[codeKey] = [
                "Type": "String", "Default": .string("\(function.runtime).zip"),
                "Description": .string("S3 key of the \(function.name) package in ArtifactBucket"),
            ]
            var properties: [String: JSON] = [
                "FunctionName": .string(function.name), "Role": ref(.role, function.role, .arn),
                "Runtime": .string(Function.platformRuntime), "Handler": .string(Function.handler),
                "Architectures": [.string(function.architecture.rawValue)],
                "Code": ["S3Bucket": ["Ref": "ArtifactBucket"], "S3Key": ["Ref": .string(codeKey)]],
                "MemorySize": .number(Double(function.memoryMB)), "Timeout": .number(Double(function.timeoutSeconds)),
                "TracingConfig": ["Mode": .string(function.tracing.rawValue)], "Tags": tags,
            ]
            if !function.description.isEmpty { properties["Description"] = .string(function.description) }
            if let reserved = function.reservedConcurrency { properties["ReservedConcurrentExecutions"] = .number(Double(reserved)) }
            if let key = function.encryptionKey { properties["KmsKeyArn"] = ref(.key, key, .arn) }
            if !function.environment.isEmpty {
                properties["Environment"] = ["Variables": .object(function.environment.mapValues(intrinsic))]
            }
            if let target = function.onFailure {
                properties["DeadLetterConfig"] = ["TargetArn": ref(target.kind, target.name, .arn)]
            }
            resources[Self.logicalID(.function, function.name)] = [
                "Type": "AWS::Lambda::Function",
                "DependsOn": [.string(Self.logicalID(.logGroup, function.logGroup))],
                "Properties": .object(properties),
                "Metadata": ["checkov": ["skip": .array(CloudFormationRenderer.functionCheckSkips.map {
                    ["id": .string($0.id), "comment": .string($0.comment)]
                })]],
            ]
        }

        mutating func addRule(_ rule: Rule) {
            let id = Self.logicalID(.rule, rule.name)
            var properties: [String: JSON] = [
                "Name": .string(rule.name), "State": rule.enabled ? "ENABLED" : "DISABLED",
                "Targets": .array(rule.targets.map { ["Id": .string($0), "Arn": ref(.function, $0, .arn)] }),
            ]
            if !rule.description.isEmpty { properties["Description"] = .string(rule.description) }
            switch rule.trigger {
            case .schedule(let expression): properties["ScheduleExpression"] = .string(expression)
            case .pattern(let pattern): properties["EventPattern"] = pattern
            }
            resources[id] = ["Type": "AWS::Events::Rule", "Properties": .object(properties)]
            for target in rule.targets {
                resources["\(LogicalNames.cloudFormation(rule.name))\(LogicalNames.cloudFormation(target))Permission"] = [
                    "Type": "AWS::Lambda::Permission",
                    "Properties": [
                        "Action": "lambda:InvokeFunction", "FunctionName": ref(.function, target, .name),
                        "Principal": "events.amazonaws.com", "SourceArn": ref(.rule, rule.name, .arn),
                        "SourceAccount": ["Ref": "AWS::AccountId"],
                    ],
                ]
            }
        }
    }
}
