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
    }

    let server: MotoServer
    let resources: Resources
    let user: AWSCredentials
    let roles: [String: String]
    let policies: [String: DerivedPolicy]

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

        policies = try DerivedPolicy.load(blueprint: RepoPaths.file(Self.blueprint).path, substitutions: [
            "${aws.partition}": "aws", "${aws.region}": resources.region, "${aws.account_id}": resources.account,
            "${table.aws-inventory.arn}": resources.table_arn, "${topic.inventory-alerts.arn}": resources.topic_arn,
            "${key.inventory.arn}": resources.key_arn, "${parameter.bedrock_model_id}": Self.modelID,
        ])
        var documents: [String: [String: Any]] = [:]
        for (function, policy) in policies {
            for removed in [nil] + policy.grantedCodeActions.sorted() {
                var adapted = policy
                adapted.statements = MotoEnforcement.adapt(policy.statements, without: removed)
                documents[Self.roleName(function, without: removed)] = adapted.document
            }
        }
        let file = try RepoPaths.scratchDirectory("iam-proof").appendingPathComponent("roles.json")
        try JSONSerialization.data(withJSONObject: documents, options: [.sortedKeys]).write(to: file)
        let created = try Subprocess.run(["python3", script, server.endpoint, "roles", file.path])
        guard created.succeeded else { throw DerivedPolicy.Failure(description: "role setup: \(created.stderr)") }
        let keys = try JSONDecoder().decode(Keys.self, from: Data(created.stdout.utf8))
        user = AWSCredentials(accessKeyID: keys.access_key_id, secretAccessKey: keys.secret_access_key)
        roles = keys.roles
        // From here on every request must be signed by a known principal and allowed by its policies.
        try server.post("/moto-api/reset-auth", body: "0")
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

    /// The environment the rendered functions set, with `credentials`.
    func functionEnvironment(_ credentials: AWSCredentials) -> [String: String] {
        var environment = [
            "AWS_ENDPOINT_URL": server.endpoint, "AWS_REGION": resources.region,
            "AWS_ACCESS_KEY_ID": credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": credentials.secretAccessKey,
            "TABLE_NAME": resources.table, "SCAN_REGIONS": resources.region, "TOPIC_ARN": resources.topic_arn,
            "MODEL_ID": Self.modelID,
        ]
        environment["AWS_SESSION_TOKEN"] = credentials.sessionToken
        return environment
    }
}
