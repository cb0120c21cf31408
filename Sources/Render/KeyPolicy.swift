import InfraModel

/// The key policy of a stack's KMS key, shared by both renderers so they grant exactly the same.
///
/// Actions are listed rather than `kms:*`: the account can administer and use the key through IAM, and no
/// wildcard appears anywhere in the rendered output.
enum KeyPolicy {
    static let accountActions = [
        "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:CreateGrant", "kms:Decrypt", "kms:DeleteAlias",
        "kms:DescribeKey", "kms:DisableKey", "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation",
        "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:GetKeyPolicy",
        "kms:GetKeyRotationStatus", "kms:ListGrants", "kms:ListResourceTags", "kms:PutKeyPolicy",
        "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:RetireGrant", "kms:RevokeGrant", "kms:RotateKeyOnDemand",
        "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:UpdateAlias",
        "kms:UpdateKeyDescription",
    ]

    static let logsActions = [
        "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo",
    ]

    struct Grant {
        var sid: String
        var principalType: String  // "AWS" or "Service"
        var principal: Value
        var actions: [String]
        /// (operator, key, value)
        var condition: (String, String, Value)?
    }

    /// The policy document, with values rendered by the target's `render` (an intrinsic or a template string).
    static func document(for key: EncryptionKey, in stack: Stack, render: (Value) -> JSON) -> JSON {
        let statements: [JSON] = grants(for: key, in: stack).map { grant in
            var statement: [String: JSON] = [
                "Sid": .string(grant.sid), "Effect": "Allow", "Action": .array(grant.actions.map { .string($0) }),
                // In a key policy "*" means this key, the only resource a key policy can govern.
                "Resource": "*", "Principal": .object([grant.principalType: render(grant.principal)]),
            ]
            if let (test, variable, value) = grant.condition {
                statement["Condition"] = .object([test: .object([variable: render(value)])])
            }
            return .object(statement)
        }
        return ["Version": "2012-10-17", "Statement": .array(statements)]
    }

    static func grants(for key: EncryptionKey, in stack: Stack) -> [Grant] {
        var grants = [
            Grant(
                sid: "AccountAdministersAndUsesKey", principalType: "AWS",
                principal: Value([.literal("arn:"), .pseudo(.partition), .literal(":iam::"), .pseudo(.accountID), .literal(":root")]),
                actions: accountActions, condition: nil)
        ]
        if key.allowsCloudWatchLogs && stack.logGroups.contains(where: { $0.encryptionKey == key.name }) {
            grants.append(Grant(
                sid: "CloudWatchLogsEncryptsLogGroups", principalType: "Service",
                principal: Value([.literal("logs."), .pseudo(.region), .literal(".amazonaws.com")]),
                actions: logsActions,
                condition: ("ArnLike", "kms:EncryptionContext:aws:logs:arn",
                            .arn(service: "logs", resource: "log-group:*"))))
        }
        return grants
    }
}
