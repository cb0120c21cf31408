import Foundation

/// How terraform reaches a provider that is already running: one entry of `TF_REATTACH_PROVIDERS`, as a provider
/// started with `-debug` prints it (go-plugin's `ReattachConfig`).
public struct ReattachConfig: Codable, Sendable, Equatable {
    public struct Address: Codable, Sendable, Equatable {
        /// `unix` (a socket path) or `tcp`.
        public var network: String
        public var string: String

        enum CodingKeys: String, CodingKey {
            case network = "Network", string = "String"
        }
    }

    /// `grpc` for every current provider.
    public var `protocol`: String
    public var protocolVersion: Int
    public var pid: Int32
    /// go-plugin's test mode. Must be true: only then does terraform leave the provider running when a command ends
    /// (`plugin.Client.Kill` does not kill a test-mode plugin), so the next command can reattach.
    public var test: Bool
    public var address: Address

    enum CodingKeys: String, CodingKey {
        case `protocol` = "Protocol", protocolVersion = "ProtocolVersion", pid = "Pid", test = "Test", address = "Addr"
    }

    /// The environment variable terraform reads.
    public static let variable = "TF_REATTACH_PROVIDERS"

    /// The configurations in a provider's `-debug` output. It prints, among its log lines,
    /// `\tTF_REATTACH_PROVIDERS='{"registry.terraform.io/hashicorp/aws":{"Protocol":"grpc",…}}'`
    /// (the shell form differs by platform: quoted or not, `export` or `set`); nil until that line is complete.
    public static func parse(output: String) throws(DeployError) -> [String: ReattachConfig]? {
        for line in output.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard let marker = line.range(of: "\(variable)=") else { continue }
            var value = line[marker.upperBound...].trimmingCharacters(in: .whitespaces)
            if value.hasSuffix("\"") { value.removeLast() }  // Windows' `set "TF_REATTACH_PROVIDERS=…"`
            if value.count >= 2, value.first == "'", value.last == "'" { value = String(value.dropFirst().dropLast()) }
            let configs: [String: ReattachConfig]
            do {
                configs = try JSONDecoder().decode([String: ReattachConfig].self, from: Data(value.utf8))
            } catch {
                throw DeployError(.unexpectedOutput, "the provider printed a \(variable) value infragen cannot read "
                    + "(\(error)): \(value.prefix(300))")
            }
            guard !configs.isEmpty else {
                throw DeployError(.unexpectedOutput, "the provider printed an empty \(variable) value")
            }
            for (address, config) in configs where !config.test {
                throw DeployError(.unexpectedOutput, "\(address) was not started in test mode (\"Test\":false), so "
                    + "terraform would stop it after the first command")
            }
            return configs
        }
        return nil
    }

    /// The value of `TF_REATTACH_PROVIDERS` for several running providers: one JSON object, keys sorted.
    public static func environmentValue(_ configs: [String: ReattachConfig]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        return String(decoding: (try? encoder.encode(configs)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
