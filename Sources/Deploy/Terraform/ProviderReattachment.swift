import Foundation

/// When infragen starts the terraform providers once per command (`ReattachSession`) instead of letting every
/// terraform command start them again.
///
/// Default: only against a loopback endpoint (the local AWS), where the saving is the largest share of a deploy and
/// nothing real is at stake. Elsewhere the default is terraform's own behaviour: a reattached provider is one
/// terraform did not verify itself (infragen verifies its `h1:` hash instead) and runs in go-plugin's test mode.
/// `INFRAGEN_TF_REATTACH=1` turns it on for any endpoint (real AWS too), `=0` off everywhere.
public enum ProviderReattachment: Sendable, Equatable {
    case on, off

    /// The environment variable that overrides the default.
    public static let variable = "INFRAGEN_TF_REATTACH"

    /// The choice for a deployment to `endpoint` (nil: AWS itself).
    public static func resolve(endpoint: CustomEndpoint?,
                               environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(DeployError) -> ProviderReattachment
    {
        switch environment[variable]?.lowercased() {
        case nil, "", "auto": return endpoint?.isLoopback == true ? .on : .off
        case "1", "on", "true", "yes": return .on
        case "0", "off", "false", "no": return .off
        case let other?:
            throw DeployError(.usage, "\(variable)=\(other): expected 1 (on), 0 (off) or auto (on for a loopback "
                + "endpoint)")
        }
    }
}

extension ProviderReattachment {
    /// The environment for a provider infragen starts: what terraform would pass on to it (the inherited
    /// environment with terraform's own settings over it), or nil when the provider cannot serve several commands.
    ///
    /// Why `AWS_CA_BUNDLE` matters: AWS provider 5.100 configures its HTTP client once per `ConfigureProvider`, and
    /// with a custom CA bundle the second configuration in the same process fails ("unable to add custom RootCAs
    /// HTTPClient, has no WithTransportOptions, *http.Client"; observed here, where the machine sets the variable).
    /// Against a plain `http://` loopback endpoint no certificate is ever checked, so the variable is left out;
    /// anywhere else the bundle is needed and the providers are not shared.
    public static func providerEnvironment(inherited: [String: String], terraform: [String: String],
                                           endpoint: CustomEndpoint?) -> [String: String]? {
        var environment = inherited.merging(terraform) { _, new in new }
        environment.removeValue(forKey: ReattachConfig.variable)
        guard environment["AWS_CA_BUNDLE"]?.isEmpty == false else { return environment }
        guard let endpoint, endpoint.isLoopback, endpoint.url.scheme == "http" else { return nil }
        environment.removeValue(forKey: "AWS_CA_BUNDLE")
        return environment
    }
}
