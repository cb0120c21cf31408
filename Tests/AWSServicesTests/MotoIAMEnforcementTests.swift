import AWSClient
import AWSServices
import AWSSigV4
import Foundation
import InfragenTestSupport
import Testing

/// moto with IAM enforcement on verifies our signatures: wrong keys are rejected, an IAM user's real keys (and
/// STS session credentials) accepted, and actions outside the user's policy denied.
@Suite(.serialized) struct MotoIAMEnforcementTests {
    struct Estate: Sendable {
        var server: MotoServer
        var user: AWSCredentials
        var roleArn: String
    }

    /// One enforcing server per suite; set up with free requests, then enforcement switched on.
    static let estate: Result<Estate, Error> = Result {
        let server = try MotoServer(enforceIAMAfter: 1000)
        let output = try MotoFixture.boto(
            server,
            """
            iam = client('iam')
            iam.create_user(UserName='collector')
            policy = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Resource': '*', 'Action': [
                'sts:GetCallerIdentity', 'sts:AssumeRole', 's3:ListAllMyBuckets', 'dynamodb:PutItem',
                'dynamodb:Query', 'ec2:DescribeInstances', 'sns:Publish', 's3:CreateBucket', 's3:PutObject',
                's3:GetObject']}]}
            iam.put_user_policy(UserName='collector', PolicyName='p', PolicyDocument=json.dumps(policy))
            key = iam.create_access_key(UserName='collector')['AccessKey']
            trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'sts:AssumeRole',
                'Principal': {'AWS': 'arn:aws:iam::123456789012:user/collector'}}]}
            role = iam.create_role(RoleName='scanner', AssumeRolePolicyDocument=json.dumps(trust))['Role']['Arn']
            iam.put_role_policy(RoleName='scanner', PolicyName='p', PolicyDocument=json.dumps(
                {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Resource': '*',
                 'Action': ['sts:GetCallerIdentity', 'ec2:DescribeInstances']}]}))
            print(json.dumps({'id': key['AccessKeyId'], 'secret': key['SecretAccessKey'], 'role': role}))
            """)
        try server.post("/moto-api/reset-auth", body: "0")
        let keys = try JSONDecoder().decode([String: String].self, from: Data(output.utf8))
        return Estate(
            server: server, user: AWSCredentials(accessKeyID: keys["id"]!, secretAccessKey: keys["secret"]!),
            roleArn: keys["role"]!)
    }

    let estate: Estate
    init() throws { estate = try Self.estate.get() }

    func client(_ credentials: AWSCredentials) -> AWSClient {
        MotoFixture.client(estate.server, credentials: credentials, retry: RetryPolicy(maxAttempts: 1))
    }

    @Test func correctKeysAreAccepted() async throws {
        let identity = try await client(estate.user).call(STS.getCallerIdentity)
        #expect(identity.arn.hasSuffix(":user/collector"))
        _ = try await client(estate.user).call(S3.listBuckets, .init())
        _ = try await client(estate.user).call(
            EC2.describeInstances, .init(filters: [.init(name: "tag:x", values: ["a b"])]))
    }

    @Test func wrongSecretIsRejected() async throws {
        var wrong = estate.user
        wrong.secretAccessKey += "x"
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client(wrong).call(STS.getCallerIdentity)
        }
        #expect(error.isAuthFailure, "\(error)")
        #expect(error.statusCode == 403)
        #expect(error.attempts == 1)
    }

    @Test func unknownKeyIsRejected() async throws {
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client(.moto).call(S3.listBuckets, .init())
        }
        #expect(error.isAuthFailure, "\(error)")
    }

    @Test func actionOutsideThePolicyIsDenied() async throws {
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client(estate.user).call(RDS.describeDBInstances, .init())
        }
        #expect(error.isAuthFailure, "\(error)")
        #expect(error.awsCode == "AccessDenied")
    }

    /// S3 bodies: moto checks the signature, which covers the payload's SHA-256, and the actions.
    @Test func s3WritesAreSignedOverTheirBody() async throws {
        _ = try await client(estate.user).call(S3.createBucket, .init(bucket: "signed-writes", region: "us-east-1"))
        let body = Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        _ = try await client(estate.user).call(
            S3.putObject, .init(bucket: "signed-writes", key: "runtime/code.zip", body: body, metadata: ["sha256": "x"]))
        let head = try await client(estate.user).call(S3.headObject, .init(bucket: "signed-writes", key: "runtime/code.zip"))
        #expect(head.contentLength == body.count)

        var wrong = estate.user
        wrong.secretAccessKey += "x"
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client(wrong).call(
                S3.putObject, .init(bucket: "signed-writes", key: "runtime/other.zip", body: body))
        }
        #expect(error.isAuthFailure, "\(error)")
    }

    @Test func sessionCredentialsNeedTheirToken() async throws {
        let assumed = try await client(estate.user).call(
            STS.assumeRole, .init(roleArn: estate.roleArn, roleSessionName: "cross-account"))
        let c = assumed.credentials
        let session = AWSCredentials(
            accessKeyID: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken)
        let identity = try await client(session).call(STS.getCallerIdentity)
        #expect(identity.arn.contains(":assumed-role/scanner/cross-account"))
        _ = try await client(session).call(EC2.describeInstances, .init())

        var withoutToken = session
        withoutToken.sessionToken = nil
        let error = try await #require(throws: AWSClientError.self) {
            _ = try await client(withoutToken).call(STS.getCallerIdentity)
        }
        #expect(error.isAuthFailure, "\(error)")
    }
}
