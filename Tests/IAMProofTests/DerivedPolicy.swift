import Foundation
import InfragenTestSupport

/// A function's policy as `infragen policy` derives it, with the blueprint's references resolved to the resources
/// the test created, and the derivation's explanations (which actions the code calls, from where).
struct DerivedPolicy {
    struct Statement: Codable, Equatable {
        var Sid: String
        var Effect: String
        var Action: [String]
        var Resource: [String]
    }

    struct Explanation: Decodable {
        var action: String
        var resources: [String]
        var reason: String
        var sites: [String]
        var needs_permission: Bool
    }

    var function: String
    var statements: [Statement]
    var explanations: [Explanation]

    /// Actions granted because a call needs them indirectly (the topic's key for `sns:Publish`).
    var impliedActions: Set<String> {
        Set(explanations.filter { $0.reason.hasPrefix("publishing to topic") }.map(\.action))
    }

    /// Actions the runtime's code calls and the policy grants.
    var grantedCodeActions: Set<String> {
        Set(explanations.filter { !$0.sites.isEmpty && !$0.resources.isEmpty }.map(\.action))
    }

    /// Actions the code calls that need no permission (granted nothing, still called).
    var permissionFreeActions: Set<String> {
        Set(explanations.filter { !$0.sites.isEmpty && !$0.needs_permission }.map(\.action))
    }

    var document: [String: Any] {
        ["Version": "2012-10-17", "Statement": statements.map {
            ["Sid": $0.Sid, "Effect": $0.Effect, "Action": $0.Action, "Resource": $0.Resource] as [String: Any]
        }]
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Runs the real CLI (`infragen policy --explain --json`) on the blueprint and resolves its references.
    static func load(blueprint: String, function: String? = nil, substitutions: [String: String]) throws
        -> [String: DerivedPolicy]
    {
        let only = function.map { ["--function", $0] } ?? []
        let explained = try Subprocess.run([try Tools.infragen(), "policy", blueprint, "--explain", "--json",
                                              "--root", RepoPaths.root.path] + only)
        guard explained.succeeded else { throw Failure(description: "infragen policy --explain: \(explained.stderr)") }
        var text = explained.stdout
        for (placeholder, value) in substitutions { text = text.replacingOccurrences(of: placeholder, with: value) }
        if let unresolved = text.range(of: "${") {
            throw Failure(description: "unresolved reference in the derived policy near "
                          + String(text[unresolved.lowerBound...].prefix(60)))
        }
        struct Document: Decodable { var Statement: [Statement] }
        struct Derived: Decodable {
            var policy: Document
            var explanations: [Explanation]
        }
        let derived = try JSONDecoder().decode([String: Derived].self, from: Data(text.utf8))
        return Dictionary(uniqueKeysWithValues: derived.map { name, derived in
            (name, DerivedPolicy(function: name, statements: derived.policy.Statement,
                                 explanations: derived.explanations))
        })
    }
}

/// What moto (5.2.1) can and cannot enforce, and how the derived policy is adapted so moto enforces the rest.
/// Every adaptation is named here with its reason; none of them is applied to the rendered policy.
enum MotoEnforcement {
    /// moto evaluates resource ARNs only for these services; for every other it checks the action against `*`, so
    /// a statement scoped to an ARN would deny even the right resource (../shared/MOTO-NOTES.md).
    static let servicesWithResourceChecks: Set<String> = ["s3", "sqs", "iam", "sts"]

    /// Actions moto checks under another name than IAM's, granted alongside the IAM name in the harness only.
    static let aliases: [String: [String]] = [
        "s3:GetEncryptionConfiguration": ["s3:ListBucket"],  // moto's S3 action table lacks `?encryption`
        "bedrock:InvokeModel": ["bedrock:Converse"],  // moto checks `<signing name>:<operation>`
    ]

    /// The policy moto is given: the same actions; ARNs widened to `*` where moto cannot evaluate them (scoping
    /// is proven from the recording instead), aliases added; `without` removed with its aliases.
    static func adapt(_ statements: [DerivedPolicy.Statement], without removed: String? = nil)
        -> [DerivedPolicy.Statement]
    {
        statements.compactMap { statement in
            var adapted = statement
            adapted.Action = statement.Action.filter { $0 != removed }
            adapted.Action += adapted.Action.flatMap { aliases[$0] ?? [] }
            guard !adapted.Action.isEmpty else { return nil }
            let services = Set(adapted.Action.map { String($0.split(separator: ":")[0]) })
            if !services.isSubset(of: servicesWithResourceChecks) { adapted.Resource = ["*"] }
            return adapted
        }
    }

    /// Derived actions no recorded call makes, so neither observed nor removable here: AWS needs them for a call
    /// the runtime makes, on the runtime's behalf.
    static let impliedByAnotherCall: [String: String] = [
        "kms:Decrypt": "SNS decrypts with the publisher's permission when the topic has a KMS key; moto's SNS does not",
        "kms:GenerateDataKey": "SNS encrypts with the publisher's permission when the topic has a KMS key; moto's SNS "
            + "does not",
    ]

    /// The limits of the proof under moto, stated rather than silently passed.
    static let limits = [
        "resource scoping of dynamodb, ec2, rds, lambda, eks, sns, events and bedrock is not enforced by moto: "
            + "proven from the recorded requests against the derived statements instead",
        "kms:Decrypt / kms:GenerateDataKey on the topic's key: SNS uses them on the publisher's behalf; moto's SNS "
            + "does not encrypt, so they are neither exercised nor enforced here",
        "logs:*, xray:* and the dead-letter statements are used by the Lambda service for the function, not by "
            + "the runtime's code: not exercised by running the runtime",
    ]
}
