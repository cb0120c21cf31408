import AWSClient
import AWSSigV4
import Foundation

/// STS (query protocol).
public enum STS {
    /// Needs no permission; `*` is the only resource.
    public static let getCallerIdentity = AWSOperation<AWSEmpty, GetCallerIdentityOutput>(
        service: .sts, name: "GetCallerIdentity", iamAction: "sts:GetCallerIdentity", resourceARN: nil,
        requiresPermission: false)
    public static let assumeRole = AWSOperation<AssumeRoleInput, AssumeRoleOutput>(
        service: .sts, name: "AssumeRole", iamAction: "sts:AssumeRole",
        resourceARN: "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}")

    static let all = [getCallerIdentity.descriptor, assumeRole.descriptor]

    public struct GetCallerIdentityOutput: AWSOutput {
        public var account: String
        public var arn: String
        public var userId: String?
        enum CodingKeys: String, CodingKey { case account = "Account", arn = "Arn", userId = "UserId" }
    }

    public struct AssumeRoleInput: AWSInput {
        public var roleArn: String
        public var roleSessionName: String
        public var durationSeconds: Int?
        public var externalId: String?
        public init(roleArn: String, roleSessionName: String, durationSeconds: Int? = nil, externalId: String? = nil) {
            self.roleArn = roleArn
            self.roleSessionName = roleSessionName
            self.durationSeconds = durationSeconds
            self.externalId = externalId
        }
        enum CodingKeys: String, CodingKey {
            case roleArn = "RoleArn", roleSessionName = "RoleSessionName", durationSeconds = "DurationSeconds"
            case externalId = "ExternalId"
        }
    }

    public struct AssumeRoleOutput: AWSOutput {
        public struct Credentials: Decodable, Sendable {
            public var accessKeyId: String
            public var secretAccessKey: String
            public var sessionToken: String
            public var expiration: Date
            enum CodingKeys: String, CodingKey {
                case accessKeyId = "AccessKeyId", secretAccessKey = "SecretAccessKey", sessionToken = "SessionToken"
                case expiration = "Expiration"
            }
        }
        public struct AssumedRoleUser: Decodable, Sendable {
            public var arn: String
            public var assumedRoleId: String?
            enum CodingKeys: String, CodingKey { case arn = "Arn", assumedRoleId = "AssumedRoleId" }
        }
        public var credentials: Credentials
        public var assumedRoleUser: AssumedRoleUser?
        enum CodingKeys: String, CodingKey { case credentials = "Credentials", assumedRoleUser = "AssumedRoleUser" }
    }
}

/// Credentials of an assumed role (cross-account scanning), fetched with `base` credentials through STS and
/// refreshed five minutes before they expire.
public struct AssumeRoleCredentialProvider: AWSCredentialProvider {
    private let refreshing: RefreshingCredentialProvider

    /// - Parameter client: the client whose credentials call `AssumeRole` (its region picks the STS endpoint).
    public init(
        roleArn: String, sessionName: String, externalId: String? = nil, duration: Int = 3600, client: AWSClient,
        refreshMargin: TimeInterval = 300
    ) {
        let input = STS.AssumeRoleInput(
            roleArn: roleArn, roleSessionName: sessionName, durationSeconds: duration, externalId: externalId)
        refreshing = RefreshingCredentialProvider(refreshMargin: refreshMargin, clock: client.configuration.clock) {
            let output = try await client.call(STS.assumeRole, input)
            let c = output.credentials
            return AWSCredentials(
                accessKeyID: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken,
                expiration: c.expiration)
        }
    }

    public func credentials() async throws -> AWSCredentials { try await refreshing.credentials() }
}
