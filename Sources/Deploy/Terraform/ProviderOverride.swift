import Foundation
import InfraModel

/// The endpoint of an AWS-compatible emulator (moto, LocalStack) that a deploy targets instead of AWS.
public struct CustomEndpoint: Sendable, Equatable {
    public var url: URL

    /// Accepts `http(s)://host[:port]`; anything else is a usage error.
    public init(_ text: String) throws(DeployError) {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
              url.host != nil
        else {
            throw DeployError(.usage, "--endpoint must be an http(s) URL such as http://127.0.0.1:4566, not \(text)")
        }
        self.url = url
    }

    /// True for 127.0.0.0/8, ::1 and localhost: only then does infragen supply dummy credentials, so a remote
    /// endpoint never receives made-up keys and a real one never receives anything but the user's own.
    public var isLoopback: Bool {
        let host = (url.host ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// moto's dummy credentials; anything is accepted while it does not enforce IAM.
    public static let dummyCredentials = [
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
    ]

    /// What a client process (aws CLI, a runtime) needs to talk to this endpoint.
    public func clientEnvironment(region: String) -> [String: String] {
        var environment = ["AWS_ENDPOINT_URL": url.absoluteString, "AWS_REGION": region, "AWS_DEFAULT_REGION": region]
        if isLoopback { environment.merge(Self.dummyCredentials) { _, new in new } }
        return environment
    }
}

/// `moto_override.tf.json`: points the AWS provider at a custom endpoint without touching the rendered
/// `main.tf.json` (terraform merges `*_override.tf.json` files into the configuration).
public enum ProviderOverride {
    public static let fileName = "endpoint_override.tf.json"

    /// The provider `endpoints` keys for the services a stack's resources use, plus STS (the provider calls it).
    public static func services(for stack: Stack) -> [String] {
        var services: Set<String> = ["sts"]
        if !stack.tables.isEmpty { services.insert("dynamodb") }
        if !stack.functions.isEmpty { services.insert("lambda") }
        if !stack.roles.isEmpty { services.insert("iam") }
        if !stack.logGroups.isEmpty { services.insert("cloudwatchlogs") }
        if !stack.rules.isEmpty { services.insert("cloudwatchevents") }
        if !stack.topics.isEmpty { services.insert("sns") }
        if !stack.keys.isEmpty { services.insert("kms") }
        return services.sorted()
    }

    /// The override's JSON text (sorted keys, stable bytes).
    public static func contents(for stack: Stack, endpoint: CustomEndpoint) -> String {
        var provider: [String: Any] = [
            "skip_credentials_validation": true, "skip_requesting_account_id": true, "skip_metadata_api_check": true,
            "s3_use_path_style": true,
            "endpoints": [
                Dictionary(uniqueKeysWithValues: services(for: stack).map { ($0, endpoint.url.absoluteString) }),
            ],
        ]
        if endpoint.isLoopback {
            provider["access_key"] = CustomEndpoint.dummyCredentials["AWS_ACCESS_KEY_ID"]
            provider["secret_key"] = CustomEndpoint.dummyCredentials["AWS_SECRET_ACCESS_KEY"]
        }
        let object: [String: Any] = ["provider": ["aws": provider]]
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: options)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Writes the override for an endpoint, or removes a stale one when deploying to AWS itself.
    public static func write(into directory: URL, stack: Stack, endpoint: CustomEndpoint?) throws(DeployError) {
        let url = directory.appendingPathComponent(fileName)
        do {
            if let endpoint {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(contents(for: stack, endpoint: endpoint).utf8).write(to: url, options: .atomic)
            } else if FileManager.default.fileExists(atPath: url.path) {
                try FileManager.default.removeItem(at: url)
            }
        } catch {
            throw DeployError(.io, "cannot write \(url.path): \(error)")
        }
    }
}
