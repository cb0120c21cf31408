import InfraModel

/// Renders a stack as Terraform JSON (`main.tf.json`) for the hashicorp/aws provider 5.x.
public struct TerraformRenderer {
    public static let providerVersion = "~> 5.100"
    /// `aws_region`'s default.
    public static let defaultRegion = "us-east-1"
    /// The variable naming the S3 bucket that holds the packaged functions.
    public static let artifactBucketVariable = "artifact_bucket"

    /// The variable holding the S3 key of a function's package (`<function>_code_key`).
    public static func codeKeyVariable(function: String) -> String { LogicalNames.terraform(function) + "_code_key" }

    /// The variable holding the base64 SHA-256 of a function's package (`<function>_code_hash`).
    public static func codeHashVariable(function: String) -> String { LogicalNames.terraform(function) + "_code_hash" }

    public init() {}

    public func render(_ stack: Stack) -> RenderedFile {
        var document = Document(stack: stack)
        document.emitResources()
        return RenderedFile(path: "terraform/main.tf.json", contents: CanonicalJSON.render(document.finish()))
    }

    struct Document: StackEmitter {
        let stack: Stack
        var resources: [String: [String: JSON]] = [:]
        var data: [String: [String: JSON]] = [:]
        /// The deployment values used so far; each needs its data source. A class, so reading a value stays
        /// non-mutating.
        final class PseudoUse { var used: Set<Pseudo> = [] }
        let pseudoUse = PseudoUse()
        var pseudos: Set<Pseudo> { pseudoUse.used }

        init(stack: Stack) { self.stack = stack }

        mutating func finish() -> JSON {
            var root: [String: JSON] = [
                // Only blocks here: checkov's terraform_json parser scans nothing when this block has a plain attribute.
                "terraform": ["required_providers": ["aws": ["source": "hashicorp/aws", "version": .string(TerraformRenderer.providerVersion)]]],
                "provider": ["aws": ["region": "${var.aws_region}"]],
                "variable": .object(variables()),
                "resource": .object(resources.mapValues { .object($0) }),
            ]
            var outputs: [String: JSON] = [:]
            for output in stack.outputs {
                outputs[output.name] = ["value": .string(expression(output.value)), "description": .string(output.description)]
            }
            if !outputs.isEmpty { root["output"] = .object(outputs) }
            var allData = data
            if pseudos.contains(.accountID) { allData["aws_caller_identity", default: [:]]["current"] = [:] }
            if pseudos.contains(.region) { allData["aws_region", default: [:]]["current"] = [:] }
            if pseudos.contains(.partition) { allData["aws_partition", default: [:]]["current"] = [:] }
            if !allData.isEmpty { root["data"] = .object(allData.mapValues { .object($0) }) }
            return .object(root)
        }

        // MARK: Values

        /// A Terraform string template for a value. Literal `${` and `%{` are escaped so text stays text.
        func expression(_ value: Value) -> String {
            value.fragments.map { fragment in
                switch fragment {
                case .literal(let text):
                    return text.replacing("${", with: "$${").replacing("%{", with: "%%{")
                case .reference(let reference): return "${\(address(reference))}"
                case .pseudo(let pseudo):
                    pseudoUse.used.insert(pseudo)
                    switch pseudo {
                    case .accountID: return "${data.aws_caller_identity.current.account_id}"
                    case .region: return "${data.aws_region.current.name}"
                    case .partition: return "${data.aws_partition.current.partition}"
                    }
                }
            }.joined()
        }

        func address(_ reference: Reference) -> String {
            let id = LogicalNames.terraform(reference.name)
            switch (reference.kind, reference.attribute) {
            case (.parameter, _): return "var.\(id)"
            case (.key, .id): return "aws_kms_key.\(id).key_id"
            case (.key, _): return "aws_kms_key.\(id).arn"
            case (.table, .name): return "aws_dynamodb_table.\(id).name"
            case (.topic, .name): return "aws_sns_topic.\(id).name"
            case (.logGroup, .name): return "aws_cloudwatch_log_group.\(id).name"
            case (.role, .name): return "aws_iam_role.\(id).name"
            case (.function, .name): return "aws_lambda_function.\(id).function_name"
            case (.rule, .name): return "aws_cloudwatch_event_rule.\(id).name"
            case (let kind, _): return "\(Self.resourceType(kind)).\(id).arn"
            }
        }

        static func resourceType(_ kind: ResourceKind) -> String {
            switch kind {
            case .parameter: "var"
            case .key: "aws_kms_key"
            case .table: "aws_dynamodb_table"
            case .topic: "aws_sns_topic"
            case .logGroup: "aws_cloudwatch_log_group"
            case .role: "aws_iam_role"
            case .function: "aws_lambda_function"
            case .rule: "aws_cloudwatch_event_rule"
            }
        }

        mutating func add(_ type: String, _ name: String, _ body: [String: JSON]) {
            resources[type, default: [:]][name] = .object(body)
        }

        var tags: JSON { .object(stack.tags.mapValues { .string($0) }) }

        func variables() -> [String: JSON] {
            var variables: [String: JSON] = [
                "aws_region": ["type": "string", "description": "Region to deploy into", "default": .string(TerraformRenderer.defaultRegion)],
            ]
            if !stack.functions.isEmpty {
                variables[TerraformRenderer.artifactBucketVariable] = [
                    "type": "string",
                    "description": "S3 bucket holding the packaged functions (`infragen deploy` uploads them there)",
                ]
            }
            // Code from S3 rather than a local `filename`: the AWS provider serialises the creation of every
            // function whose code is a file (one global lock), not of those whose code is in S3.
            for function in stack.functions {
                variables[TerraformRenderer.codeKeyVariable(function: function.name)] = [
                    "type": "string", "default": .string("\(function.runtime).zip"),
                    "description": .string("S3 key of the \(function.name) package in artifact_bucket"),
                ]
                variables[TerraformRenderer.codeHashVariable(function: function.name)] = [
                    "type": "string", "default": .null,
                    "description": .string("Base64 SHA-256 of the \(function.name) package; a new value updates the code"),
                ]
            }
            for parameter in stack.parameters {
                var body: [String: JSON] = ["type": .string(parameter.type.rawValue), "description": .string(parameter.description)]
                if let value = parameter.defaultValue {
                    body["default"] = parameter.type == .number ? .number(Double(value) ?? 0) : .string(value)
                }
                if parameter.sensitive { body["sensitive"] = true }
                if let pattern = parameter.pattern {
                    let literal = pattern.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
                    body["validation"] = [[
                        "condition": .string("${can(regex(\"\(literal)\", var.\(LogicalNames.terraform(parameter.name))))}"),
                        "error_message": .string("\(parameter.name) must match \(pattern)."),
                    ]]
                }
                variables[LogicalNames.terraform(parameter.name)] = .object(body)
            }
            return variables
        }

        // MARK: Resources


        mutating func addKey(_ key: EncryptionKey) {
            let id = LogicalNames.terraform(key.name)
            // Inline JSON rather than an aws_iam_policy_document: a key policy's "*" resource means this key,
            // which identity-policy checks (CKV_AWS_109/111/356) would misread as unrestricted.
            let policy = KeyPolicy.document(for: key, in: stack) { .string(expression($0)) }
            add("aws_kms_key", id, [
                "description": .string(key.description), "enable_key_rotation": .bool(key.rotation),
                "deletion_window_in_days": .number(Double(key.deletionWindowDays)), "tags": tags,
            ])
            // The policy as its own resource. The provider waits for each of a new key's settings to propagate
            // (rotation, tags, policy: about 4 s each, on AWS and on moto alike); apart, the policy's wait runs
            // beside what needs only the key (table, topic, functions), and only what the policy governs at creation
            // waits for it (log groups: CloudWatch Logs checks the key policy when a group is associated).
            add("aws_kms_key_policy", id, [
                "key_id": .string("${aws_kms_key.\(id).key_id}"), "policy": .string(CanonicalJSON.compact(policy)),
            ])
            add("aws_kms_alias", id, [
                "name": .string("alias/\(stack.name)/\(key.name)"), "target_key_id": .string("${aws_kms_key.\(id).key_id}"),
            ])
        }

        mutating func addTable(_ table: Table) {
            var body: [String: JSON] = [
                "name": .string(table.name), "billing_mode": .string(table.billingMode.rawValue),
                "hash_key": .string(table.hashKey),
                "attribute": .array(table.attributes.map { ["name": .string($0.name), "type": .string($0.type.rawValue)] }),
                "point_in_time_recovery": ["enabled": .bool(table.pointInTimeRecovery)],
                "deletion_protection_enabled": .bool(table.deletionProtection),
                "tags": tags,
            ]
            if let range = table.rangeKey { body["range_key"] = .string(range) }
            if let capacity = table.capacity {
                body["read_capacity"] = .number(Double(capacity.read))
                body["write_capacity"] = .number(Double(capacity.write))
            }
            if let ttl = table.ttlAttribute { body["ttl"] = ["attribute_name": .string(ttl), "enabled": true] }
            if let key = table.encryptionKey {
                body["server_side_encryption"] = ["enabled": true, "kms_key_arn": .string(expression(.ref(Reference(.key, key, .arn))))]
            }
            if !table.globalIndexes.isEmpty {
                body["global_secondary_index"] = .array(table.globalIndexes.map { index in
                    var gsi: [String: JSON] = ["name": .string(index.name), "hash_key": .string(index.hashKey)]
                    if let range = index.rangeKey { gsi["range_key"] = .string(range) }
                    switch index.projection {
                    case .all: gsi["projection_type"] = "ALL"
                    case .keysOnly: gsi["projection_type"] = "KEYS_ONLY"
                    case .include(let names):
                        gsi["projection_type"] = "INCLUDE"
                        gsi["non_key_attributes"] = .array(names.map { .string($0) })
                    }
                    if let capacity = index.capacity {
                        gsi["read_capacity"] = .number(Double(capacity.read))
                        gsi["write_capacity"] = .number(Double(capacity.write))
                    }
                    return .object(gsi)
                })
            }
            add("aws_dynamodb_table", LogicalNames.terraform(table.name), body)
        }

        mutating func addTopic(_ topic: Topic) {
            let id = LogicalNames.terraform(topic.name)
            var body: [String: JSON] = ["name": .string(topic.name), "tags": tags]
            if !topic.displayName.isEmpty { body["display_name"] = .string(topic.displayName) }
            if let key = topic.encryptionKey { body["kms_master_key_id"] = .string(expression(.ref(Reference(.key, key, .arn)))) }
            add("aws_sns_topic", id, body)
            for (index, subscription) in topic.subscriptions.enumerated() {
                add("aws_sns_topic_subscription", "\(id)_\(index)", [
                    "topic_arn": .string("${aws_sns_topic.\(id).arn}"), "protocol": .string(subscription.protocol.rawValue),
                    "endpoint": .string(expression(subscription.endpoint)),
                ])
            }
        }

        mutating func addLogGroup(_ group: LogGroup) {
            var body: [String: JSON] = [
                "name": .string(group.path), "retention_in_days": .number(Double(group.retentionDays)), "tags": tags,
            ]
            if let key = group.encryptionKey {
                body["kms_key_id"] = .string(expression(.ref(Reference(.key, key, .arn))))
                body["depends_on"] = [.string("aws_kms_key_policy.\(LogicalNames.terraform(key))")]
            }
            add("aws_cloudwatch_log_group", LogicalNames.terraform(group.name), body)
        }

        mutating func addRole(_ role: Role) {
            let id = LogicalNames.terraform(role.name)
            data["aws_iam_policy_document", default: [:]]["\(id)_trust"] = ["statement": [[
                "sid": "TrustedServiceAssumesRole", "effect": "Allow", "actions": ["sts:AssumeRole"],
                "principals": [["type": "Service", "identifiers": [.string(role.trustedService)]]],
            ]]]
            add("aws_iam_role", id, [
                "name": .string(role.name), "assume_role_policy": .string("${data.aws_iam_policy_document.\(id)_trust.json}"),
                "tags": tags,
            ])
            for policy in role.policies {
                let policyID = LogicalNames.terraform(policy.name)
                data["aws_iam_policy_document", default: [:]][policyID] = ["statement": .array(policy.statements.map { statement in
                    [
                        "sid": .string(statement.sid), "effect": .string(statement.effect.rawValue),
                        "actions": .array(statement.actions.sorted().map { .string($0) }),
                        "resources": .array(statement.resources.map { .string(expression($0)) }),
                    ]
                })]
                add("aws_iam_role_policy", policyID, [
                    "name": .string(policy.name), "role": .string("${aws_iam_role.\(id).id}"),
                    "policy": .string("${data.aws_iam_policy_document.\(policyID).json}"),
                ])
            }
        }

        mutating func addFunction(_ function: Function) {
            let id = LogicalNames.terraform(function.name)
            var body: [String: JSON] = [
                "function_name": .string(function.name), "role": .string("${aws_iam_role.\(LogicalNames.terraform(function.role)).arn}"),
                "runtime": .string(Function.platformRuntime), "handler": .string(Function.handler),
                "architectures": [.string(function.architecture.rawValue)],
                "s3_bucket": .string("${var.\(TerraformRenderer.artifactBucketVariable)}"),
                "s3_key": .string("${var.\(TerraformRenderer.codeKeyVariable(function: function.name))}"),
                "source_code_hash": .string("${var.\(TerraformRenderer.codeHashVariable(function: function.name))}"),
                "memory_size": .number(Double(function.memoryMB)), "timeout": .number(Double(function.timeoutSeconds)),
                "tracing_config": ["mode": .string(function.tracing.rawValue)],
                // The role's permissions before the function: Lambda checks the role may publish to the
                // dead-letter topic. The log group comes before what invokes the function (its rules' targets and
                // permissions), not before the function itself, so creating it does not wait for the key policy.
                "depends_on": .array(
                    (stack.role(named: function.role)?.policies ?? []).map { .string("aws_iam_role_policy.\(LogicalNames.terraform($0.name))") }),
                "tags": tags,
            ]
            if !function.description.isEmpty { body["description"] = .string(function.description) }
            if let reserved = function.reservedConcurrency { body["reserved_concurrent_executions"] = .number(Double(reserved)) }
            if let key = function.encryptionKey { body["kms_key_arn"] = .string(expression(.ref(Reference(.key, key, .arn)))) }
            if !function.environment.isEmpty {
                var variables: [String: JSON] = [:]
                for (name, value) in function.environment { variables[name] = .string(expression(value)) }
                body["environment"] = ["variables": .object(variables)]
            }
            if let target = function.onFailure {
                body["dead_letter_config"] = ["target_arn": .string(expression(.ref(Reference(target.kind, target.name, .arn))))]
            }
            add("aws_lambda_function", id, body)
        }

        mutating func addRule(_ rule: Rule) {
            let id = LogicalNames.terraform(rule.name)
            var body: [String: JSON] = [
                "name": .string(rule.name), "state": rule.enabled ? "ENABLED" : "DISABLED", "tags": tags,
            ]
            if !rule.description.isEmpty { body["description"] = .string(rule.description) }
            switch rule.trigger {
            case .schedule(let expression): body["schedule_expression"] = .string(expression)
            case .pattern(let pattern): body["event_pattern"] = .string(CanonicalJSON.compact(pattern))
            }
            add("aws_cloudwatch_event_rule", id, body)
            for target in rule.targets {
                let functionID = LogicalNames.terraform(target)
                // Nothing invokes the function before its log group exists (with its retention and key).
                var targetBody: [String: JSON] = [
                    "rule": .string("${aws_cloudwatch_event_rule.\(id).name}"), "target_id": .string(target),
                    "arn": .string("${aws_lambda_function.\(functionID).arn}"),
                ]
                var permission: [String: JSON] = [
                    "statement_id": .string("AllowInvokeFrom\(LogicalNames.cloudFormation(rule.name))"),
                    "action": "lambda:InvokeFunction", "function_name": .string("${aws_lambda_function.\(functionID).function_name}"),
                    "principal": "events.amazonaws.com", "source_arn": .string("${aws_cloudwatch_event_rule.\(id).arn}"),
                    "source_account": .string(expression(.pseudo(.accountID))),
                ]
                if let logGroup = stack.functions.first(where: { $0.name == target })?.logGroup, !logGroup.isEmpty {
                    let dependency: JSON = [.string("aws_cloudwatch_log_group.\(LogicalNames.terraform(logGroup))")]
                    targetBody["depends_on"] = dependency
                    permission["depends_on"] = dependency
                }
                add("aws_cloudwatch_event_target", "\(id)_\(functionID)", targetBody)
                add("aws_lambda_permission", "\(id)_\(functionID)", permission)
            }
        }
    }
}
