import AWSClient
import AWSSigV4
import Foundation

/// A shared-config profile that assumes a role, as the CLI reads it:
///
/// ```ini
/// [profile scanner]
/// role_arn = arn:aws:iam::111122223333:role/inventory-scanner
/// source_profile = default
/// external_id = optional
/// role_session_name = optional
/// ```
///
/// The source profile's keys call STS `AssumeRole` (in the profile's region, else `us-east-1`); the role's
/// credentials are cached and refreshed before they expire. Profiles without `role_arn` use their own keys.
public struct ProfileRoleCredentialProvider: AWSCredentialProvider {
    private let provider: any AWSCredentialProvider

    /// - Parameter configuration: transport, endpoints and retry policy for the STS client (its region and
    ///   credentials are replaced).
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, profile: String? = nil,
        configuration: AWSClientConfiguration? = nil
    ) throws {
        let files = ProfileCredentialProvider(environment: environment, profile: profile)
        let settings = files.settings()
        guard let roleArn = settings["role_arn"] else {
            provider = files
            return
        }
        guard let source = settings["source_profile"] else {
            throw AWSClientError(
                .credentials, "profile \(files.profile.debugDescription) has role_arn but no source_profile")
        }
        guard source != files.profile else {
            throw AWSClientError(.credentials, "profile \(files.profile.debugDescription) is its own source_profile")
        }
        var stsConfiguration = configuration ?? AWSClientConfiguration(
            region: "us-east-1", credentials: files, endpoints: EndpointResolver(environment: environment))
        stsConfiguration.region = settings["region"] ?? files.region() ?? stsConfiguration.region
        stsConfiguration.credentials = files.withProfile(source)
        provider = AssumeRoleCredentialProvider(
            roleArn: roleArn,
            sessionName: settings["role_session_name"] ?? "infragen-\(Int(Date().timeIntervalSince1970))",
            externalId: settings["external_id"], client: AWSClient(stsConfiguration))
    }

    public func credentials() async throws -> AWSCredentials { try await provider.credentials() }
}
