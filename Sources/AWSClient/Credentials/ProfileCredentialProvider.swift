import AWSSigV4
import Foundation

/// The shared files `~/.aws/credentials` and `~/.aws/config` (or `AWS_SHARED_CREDENTIALS_FILE`,
/// `AWS_CONFIG_FILE`), profile from `AWS_PROFILE` or `default`. Keys in the credentials file win over the config
/// file, as in the CLI. Profiles that assume a role (`role_arn` + `source_profile`) need STS: see
/// `ProfileRoleCredentialProvider` in AWSServices.
public struct ProfileCredentialProvider: AWSCredentialProvider {
    public var profile: String
    public var credentialsFile: URL
    public var configFile: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, profile: String? = nil) {
        let home =
            environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        self.profile = profile ?? environment["AWS_PROFILE"] ?? "default"
        credentialsFile =
            environment["AWS_SHARED_CREDENTIALS_FILE"].map { URL(fileURLWithPath: $0) }
            ?? home.appendingPathComponent(".aws/credentials")
        configFile =
            environment["AWS_CONFIG_FILE"].map { URL(fileURLWithPath: $0) }
            ?? home.appendingPathComponent(".aws/config")
    }

    public func credentials() async throws -> AWSCredentials {
        let fromCredentials = Self.section(profile, in: credentialsFile, configStyle: false)
        let fromConfig = Self.section(profile, in: configFile, configStyle: true)
        let values = fromConfig.merging(fromCredentials) { _, credentials in credentials }
        guard let key = values["aws_access_key_id"], let secret = values["aws_secret_access_key"] else {
            throw AWSClientError(
                .credentials,
                "profile \(profile.debugDescription) has no access keys in \(credentialsFile.path) "
                    + "or \(configFile.path)")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }

    /// The profile's settings: the config file's section overlaid with the credentials file's.
    public func settings() -> [String: String] {
        Self.section(profile, in: configFile, configStyle: true)
            .merging(Self.section(profile, in: credentialsFile, configStyle: false)) { _, credentials in credentials }
    }

    /// The same files, another profile (for `source_profile`).
    public func withProfile(_ name: String) -> ProfileCredentialProvider {
        var copy = self
        copy.profile = name
        return copy
    }

    /// The region the profile sets in the config file, if any.
    public func region() -> String? {
        Self.section(profile, in: configFile, configStyle: true)["region"]
    }

    /// The key/value pairs of one profile. The config file names profiles `[profile name]` (except `[default]`).
    static func section(_ profile: String, in file: URL, configStyle: Bool) -> [String: String] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [:] }
        return parseINI(text)[configStyle && profile != "default" ? "profile \(profile)" : profile]
            ?? (configStyle ? parseINI(text)[profile] ?? [:] : [:])
    }

    /// A small INI reader: `[section]`, `key = value`, `#`/`;` comments; keys lower-cased.
    static func parseINI(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                current = name.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            sections[current, default: [:]][key] = value
        }
        return sections
    }
}
