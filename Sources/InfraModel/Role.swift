/// An IAM role assumed by an AWS service on the stack's behalf.
public struct Role: Hashable, Sendable {
    public var name: String
    /// The service principal allowed to assume the role, e.g. `lambda.amazonaws.com`.
    public var trustedService: String
    /// Inline policies, rendered as `aws_iam_role_policy` / the role's `Policies`.
    public var policies: [Policy]

    public init(name: String, trustedService: String, policies: [Policy] = []) {
        self.name = name
        self.trustedService = trustedService
        self.policies = policies
    }
}

/// A named inline IAM policy.
public struct Policy: Hashable, Sendable {
    public var name: String
    public var statements: [Statement]

    public init(name: String, statements: [Statement]) {
        self.name = name
        self.statements = statements
    }
}

/// One IAM statement. Resources are values, so ARNs are built from references to the stack's resources and the
/// deployment's account, region and partition.
public struct Statement: Hashable, Sendable {
    public enum Effect: String, Hashable, Sendable { case allow = "Allow", deny = "Deny" }

    public var sid: String
    public var effect: Effect
    public var actions: [String]
    public var resources: [Value]

    public init(sid: String, effect: Effect = .allow, actions: [String], resources: [Value]) {
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.resources = resources
    }
}

extension Value {
    /// `arn:<partition>:<service>:<region>:<account>:<resource>`, with region and account of the deployment.
    public static func arn(service: String, resource: Value, regional: Bool = true, inAccount: Bool = true) -> Value {
        var fragments: [Fragment] = [.literal("arn:"), .pseudo(.partition), .literal(":\(service):")]
        if regional { fragments.append(.pseudo(.region)) }
        fragments.append(.literal(":"))
        if inAccount { fragments.append(.pseudo(.accountID)) }
        fragments.append(.literal(":"))
        return Value(fragments) + resource
    }
}
