import AWSClient
import AWSServices
import AWSSigV4
import Foundation
import InfragenTestSupport

/// One moto server with IAM enforced, set up once for the IAM proofs: the stack's resources, a sample estate, and
/// for each function a role carrying its derived policy plus one role per code-called action with that action
/// removed, all assumable by one IAM user. Setup uses moto's free requests; enforcement starts after it.
struct EnforcingMoto: Sendable {
    static let blueprint = "blueprints/aws-inventory.yaml"
    /// The blueprint's `bedrock_model_id` default (checked against the blueprint by the tests).
    static let modelID = "amazon.nova-lite-v1:0"
    static let converseReply = "Summary written by the moto harness's Converse."

    struct Resources: Decodable, Sendable {
        var table: String
        var table_arn: String
        var key_arn: String
        var topic_arn: String
        var account: String
        var region: String
        var resources_seeded: Int
    }

    struct Keys: Decodable, Sendable {
        var access_key_id: String
        var secret_access_key: String
        var roles: [String: String]
        var member_volume: String?
    }

    /// Cross-account scanning: the blueprint with `SCAN_ACCOUNTS` naming one member account's role.
    static let memberAccount = "222222222222"
    static let memberRole = "arn:aws:iam::222222222222:role/inventory-read"
    static let crossAccountFunction = "inventory-collector-xacct"

    let server: MotoServer
    let resources: Resources
    let user: AWSCredentials
    let roles: [String: String]
    let policies: [String: DerivedPolicy]
    /// The collector's policy derived from the blueprint with `SCAN_ACCOUNTS` set.
    let crossAccountPolicy: DerivedPolicy
    /// The volume made in the member account.
    let memberVolume: String

    static let shared: Result<EnforcingMoto, any Error> = Result { try EnforcingMoto() }

    /// The role that carries `function`'s derived policy, or that policy without `action`.
    static func roleName(_ function: String, without action: String? = nil) -> String {
        action.map { "\(function)-no-\($0.replacingOccurrences(of: ":", with: "."))" } ?? function
    }

    private init() throws {
        server = try MotoServer(enforceIAMAfter: 1_000_000, environment: ["MOTO_CONVERSE_REPLY": Self.converseReply])
        let script = RepoPaths.file("tools/iam-proof/enforcing_estate.py").path
        let made = try Subprocess.run(["python3", script, server.endpoint, "resources"])
        guard made.succeeded else { throw DerivedPolicy.Failure(description: "estate setup: \(made.stderr)") }
        resources = try JSONDecoder().decode(Resources.self, from: Data(made.stdout.utf8))

        let substitutions = [
            "${aws.partition}": "aws", "${aws.region}": resources.region, "${aws.account_id}": resources.account,
            "${table.aws-inventory.arn}": resources.table_arn, "${topic.inventory-alerts.arn}": resources.topic_arn,
            "${key.inventory.arn}": resources.key_arn, "${parameter.bedrock_model_id}": Self.modelID,
        ]
        policies = try DerivedPolicy.load(blueprint: RepoPaths.file(Self.blueprint).path, substitutions: substitutions)
        let crossAccount = try DerivedPolicy.load(
            blueprint: try Self.crossAccountBlueprint(), function: "inventory-collector", substitutions: substitutions)
        crossAccountPolicy = try crossAccount["inventory-collector"].unwrap("no collector policy")
        var documents: [String: [String: Any]] = [:]
        for removed in [nil, "sts:AssumeRole"] {
            var adapted = crossAccountPolicy
            adapted.statements = MotoEnforcement.adapt(crossAccountPolicy.statements, without: removed)
            documents[Self.roleName(Self.crossAccountFunction, without: removed)] = adapted.document
        }
        for (function, policy) in policies {
            for removed in [nil] + policy.grantedCodeActions.sorted() {
                var adapted = policy
                adapted.statements = MotoEnforcement.adapt(policy.statements, without: removed)
                documents[Self.roleName(function, without: removed)] = adapted.document
            }
        }
        let file = try RepoPaths.scratchDirectory("iam-proof").appendingPathComponent("roles.json")
        let member: [String: Any] = [
            "account": Self.memberAccount, "role": "inventory-read",
            // moto matches trust principals literally: the collector's session, as `assume` names it.
            "trusted": "arn:aws:sts::\(resources.account):assumed-role/\(Self.crossAccountFunction)/iam-proof",
            "actions": Array(crossAccountPolicy.grantedCodeActions.filter { !$0.hasPrefix("dynamodb:") }
                                .subtracting(["sts:AssumeRole", "events:PutEvents"]).sorted()),
        ]
        try JSONSerialization.data(withJSONObject: ["roles": documents, "member": member], options: [.sortedKeys])
            .write(to: file)
        let created = try Subprocess.run(["python3", script, server.endpoint, "roles", file.path])
        guard created.succeeded else { throw DerivedPolicy.Failure(description: "role setup: \(created.stderr)") }
        let keys = try JSONDecoder().decode(Keys.self, from: Data(created.stdout.utf8))
        user = AWSCredentials(accessKeyID: keys.access_key_id, secretAccessKey: keys.secret_access_key)
        roles = keys.roles
        memberVolume = try keys.member_volume.unwrap("no member volume")
        // From here on every request must be signed by a known principal and allowed by its policies.
        try server.post("/moto-api/reset-auth", body: "0")
    }

    /// A copy of the blueprint whose collector scans the member account too.
    static func crossAccountBlueprint() throws -> String {
        let text = try String(contentsOf: RepoPaths.file(blueprint), encoding: .utf8)
        let line = "      EVENT_BUS_NAME: default\n"
        guard text.contains(line) else { throw DerivedPolicy.Failure(description: "collector environment not found") }
        let variant = text.replacingOccurrences(
            of: line, with: line + "      SCAN_ACCOUNTS: \"\(memberAccount):\(memberRole)\"\n")
        let file = try RepoPaths.scratchDirectory("iam-proof-xacct").appendingPathComponent("aws-inventory.yaml")
        try Data(variant.utf8).write(to: file)
        return file.path
    }

    /// Session credentials of `role`, assumed by the test's IAM user (a real, enforced `sts:AssumeRole`).
    func assume(_ role: String) async throws -> AWSCredentials {
        guard let arn = roles[role] else { throw DerivedPolicy.Failure(description: "no role \(role)") }
        let client = AWSClient(AWSClientConfiguration(
            region: resources.region, credentials: StaticCredentialProvider(user),
            endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": server.endpoint])))
        let output = try await client.call(STS.assumeRole, .init(roleArn: arn, roleSessionName: "iam-proof"))
        let c = output.credentials
        return AWSCredentials(accessKeyID: c.accessKeyId, secretAccessKey: c.secretAccessKey,
                              sessionToken: c.sessionToken)
    }

    /// The environment the rendered functions set, with `credentials` (and `SCAN_ACCOUNTS` when cross-account).
    func functionEnvironment(_ credentials: AWSCredentials, crossAccount: Bool = false) -> [String: String] {
        var environment = [
            "AWS_ENDPOINT_URL": server.endpoint, "AWS_REGION": resources.region,
            "AWS_ACCESS_KEY_ID": credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": credentials.secretAccessKey,
            "TABLE_NAME": resources.table, "SCAN_REGIONS": resources.region, "TOPIC_ARN": resources.topic_arn,
            "MODEL_ID": Self.modelID,
        ]
        environment["AWS_SESSION_TOKEN"] = credentials.sessionToken
        if crossAccount { environment["SCAN_ACCOUNTS"] = "\(Self.memberAccount):\(Self.memberRole)" }
        return environment
    }
}

extension Optional {
    func unwrap(_ failure: String) throws -> Wrapped {
        guard let self else { throw DerivedPolicy.Failure(description: failure) }
        return self
    }
}
