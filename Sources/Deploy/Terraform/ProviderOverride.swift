import Foundation

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

/// Points terraform's AWS provider at a custom endpoint without touching the rendered `main.tf.json`: the endpoint
/// through the environment (`environment(endpoint:inherited:)`), the settings an emulator needs in
/// `endpoint_override.tf.json` (terraform merges `*_override.tf.json` files into the configuration).
///
/// Why not the provider's `endpoints` block: AWS provider 5.100 spends about 3 s validating the provider
/// configuration whenever that block is present (one service or eight alike; 0.16 s without it), in every plan and
/// apply, 6 s of a 30 s deploy to the local AWS (measured from the provider's own request log). The provider takes
/// the same endpoint from `AWS_ENDPOINT_URL`, the AWS SDKs' standard variable, at no cost.
public enum ProviderOverride {
    public static let fileName = "endpoint_override.tf.json"

    /// The override's JSON text (sorted keys, stable bytes). It names the endpoint in a comment (`//`) for whoever
    /// runs terraform in the working directory by hand.
    public static func contents(endpoint: CustomEndpoint) -> String {
        var provider: [String: Any] = [
            "//": "endpoint: infragen runs terraform with AWS_ENDPOINT_URL=\(endpoint.url.absoluteString); "
                + "export it before running terraform here yourself",
            "skip_credentials_validation": true, "skip_requesting_account_id": true, "skip_metadata_api_check": true,
            "s3_use_path_style": true,
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

    /// terraform's (and so the provider's) environment for `endpoint`: `AWS_ENDPOINT_URL` for every service, every
    /// per-service `AWS_ENDPOINT_URL_<SERVICE>` already in `inherited` pointed at it too (those would win over the
    /// general one), and the SDKs' switch that ignores these variables turned off.
    public static func environment(endpoint: CustomEndpoint, inherited: [String: String]) -> [String: String] {
        var environment = ["AWS_ENDPOINT_URL": endpoint.url.absoluteString]
        for name in inherited.keys where name.hasPrefix("AWS_ENDPOINT_URL_") {
            environment[name] = endpoint.url.absoluteString
        }
        if inherited["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] != nil {
            environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "false"
        }
        return environment
    }

    /// Writes the override for an endpoint, or removes a stale one when deploying to AWS itself.
    public static func write(into directory: URL, endpoint: CustomEndpoint?) throws(DeployError) {
        let url = directory.appendingPathComponent(fileName)
        do {
            if let endpoint {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(contents(endpoint: endpoint).utf8).write(to: url, options: .atomic)
            } else if FileManager.default.fileExists(atPath: url.path) {
                try FileManager.default.removeItem(at: url)
            }
        } catch {
            throw DeployError(.io, "cannot write \(url.path): \(error)")
        }
    }
}
