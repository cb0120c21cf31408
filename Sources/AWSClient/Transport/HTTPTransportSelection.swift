/// Picks the HTTP transport from `INFRAGEN_HTTP_TRANSPORT`: `async-http-client` (the default, also when unset or
/// empty) or a name the binary registered. `URLSessionTransport` lives in the `AWSClientURLSession` target, so only
/// binaries that link it (and so need libcurl) can offer `urlsession`: they pass `URLSessionTransport.selectable`.
public enum HTTPTransportSelection {
    public static let environmentVariable = "INFRAGEN_HTTP_TRANSPORT"
    public static let defaultName = "async-http-client"

    /// The transport `environment` asks for; throws `AWSClientError.Code.transport` naming the choices when the
    /// binary does not have it.
    public static func transport(
        _ environment: [String: String], available extra: [String: @Sendable () -> any HTTPTransport] = [:]
    ) throws -> any HTTPTransport {
        let name = (environment[environmentVariable] ?? "").lowercased()
        if name.isEmpty || name == defaultName { return AsyncHTTPClientTransport.shared }
        if let make = extra[name] { return make() }
        let known = ([defaultName] + extra.keys.sorted()).joined(separator: ", ")
        throw AWSClientError(
            .transport, "\(environmentVariable)=\(name): this binary has no such HTTP transport (it has: \(known))")
    }
}
