/// How a function's companions (its role and log group) are named and what its configuration, as opposed to
/// its code, needs permission for. Both front ends (YAML and DSL) assemble functions through `Stack.addLambda`,
/// so they produce identical models.
public enum LambdaConventions {
    public static func roleName(for function: String) -> String { "\(function)-role" }
    public static func logGroupPath(for function: String) -> String { "/aws/lambda/\(function)" }
    public static func policyName(for function: String) -> String { "\(function)-policy" }
    public static let trustedService = "lambda.amazonaws.com"
}

extension Stack {
    /// Adds a function with its log group (`/aws/lambda/<name>`) and execution role. The role's policy is the
    /// statements the platform needs (writing its own logs, tracing, the on-failure destination) plus
    /// `codeStatements`, what the function's code calls. Call it after topics and keys are declared.
    public mutating func addLambda(
        _ function: Function, logRetentionDays: Int, logEncryptionKey: String?, codeStatements: [Statement]
    ) {
        var function = function
        function.role = LambdaConventions.roleName(for: function.name)
        function.logGroup = function.name
        let group = LogGroup(
            name: function.name, path: LambdaConventions.logGroupPath(for: function.name),
            retentionDays: logRetentionDays, encryptionKey: logEncryptionKey)
        let statements = platformStatements(for: function, logGroup: group) + codeStatements
        logGroups.append(group)
        roles.append(Role(
            name: function.role, trustedService: LambdaConventions.trustedService,
            policies: [Policy(name: LambdaConventions.policyName(for: function.name), statements: statements)]))
        functions.append(function)
    }

    /// What the function's configuration needs, whatever its code does.
    public func platformStatements(for function: Function, logGroup: LogGroup) -> [Statement] {
        var statements = [
            Statement(
                sid: "WriteOwnLogs", actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                resources: [.arn(service: "logs", resource: .literal("log-group:\(logGroup.path):*"))])
        ]
        if function.tracing == .active {
            // X-Ray's write actions have no resource-level permissions.
            statements.append(Statement(
                sid: "WriteTraces", actions: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], resources: ["*"]))
        }
        if let target = function.onFailure {
            switch target.kind {
            case .topic:
                statements.append(Statement(
                    sid: "DeliverFailedInvocations", actions: ["sns:Publish"],
                    resources: [.ref(Reference(.topic, target.name, .arn))]))
                if let key = topic(named: target.name)?.encryptionKey {
                    statements.append(Statement(
                        sid: "EncryptFailedInvocations", actions: ["kms:Decrypt", "kms:GenerateDataKey"],
                        resources: [.ref(Reference(.key, key, .arn))]))
                }
            case .function:
                statements.append(Statement(
                    sid: "DeliverFailedInvocations", actions: ["lambda:InvokeFunction"],
                    resources: [.ref(Reference(.function, target.name, .arn))]))
            default:
                break
            }
        }
        return statements
    }
}
