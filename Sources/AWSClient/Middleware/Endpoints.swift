import Foundation

/// Where a service lives: scheme, host and port, and whether the caller chose it.
public struct AWSEndpoint: Sendable, Equatable {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// Set from `AWS_ENDPOINT_URL*` or configuration (moto, LocalStack): S3 then uses path-style addressing.
    public var isCustom: Bool
    /// A path prefix of a custom endpoint (`http://proxy/aws`), without a trailing slash.
    public var basePath: String

    /// The `Host` header value (port only when not the scheme's default).
    public var hostHeader: String {
        guard let port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) else { return host }
        return "\(host):\(port)"
    }

    public var urlPrefix: String { "\(scheme)://\(hostHeader)\(basePath)" }
}

/// How S3 buckets are addressed.
public enum S3AddressingStyle: Sendable {
    /// Virtual-hosted (`bucket.s3.region.amazonaws.com`) on AWS when the bucket name allows it, path style on a
    /// custom endpoint.
    case automatic
    case path
    case virtual
}

/// Finds the endpoint for a service and region: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the
/// standard regional endpoint of the region's partition.
public struct EndpointResolver: Sendable {
    public var environment: [String: String]
    public var s3Addressing: S3AddressingStyle

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        s3Addressing: S3AddressingStyle = .automatic
    ) {
        self.environment = environment
        self.s3Addressing = s3Addressing
    }

    public func endpoint(for service: AWSService, region: String) throws -> AWSEndpoint {
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true" {
            for variable in ["AWS_ENDPOINT_URL_\(service.environmentName)", "AWS_ENDPOINT_URL"] {
                if let value = environment[variable], !value.isEmpty {
                    return try Self.parse(value, variable: variable)
                }
            }
        }
        guard !region.isEmpty, region.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw AWSClientError(.endpoint, "invalid region \(region.debugDescription)")
        }
        let suffix = Self.dnsSuffix(region: region)
        if let global = service.globalEndpoint {
            return AWSEndpoint(scheme: "https", host: global, port: nil, isCustom: false, basePath: "")
        }
        var host = "\(service.endpointPrefix).\(region).\(suffix)"
        if service.isS3 && region == "us-east-1" { host = "s3.amazonaws.com" }
        return AWSEndpoint(scheme: "https", host: host, port: nil, isCustom: false, basePath: "")
    }

    /// The partition's DNS suffix.
    static func dnsSuffix(region: String) -> String {
        if region.hasPrefix("cn-") { return "amazonaws.com.cn" }
        if region.hasPrefix("us-iso-") { return "c2s.ic.gov" }
        if region.hasPrefix("us-isob-") { return "sc2s.sgov.gov" }
        return "amazonaws.com"
    }

    /// The partition name for ARNs.
    public static func partition(region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    static func parse(_ value: String, variable: String) throws -> AWSEndpoint {
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw AWSClientError(.endpoint, "\(variable) is not an http(s) URL: \(value.debugDescription)")
        }
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        return AWSEndpoint(scheme: scheme, host: host, port: components.port, isCustom: true, basePath: basePath)
    }

    /// Whether `bucket` can be a DNS label of a virtual-hosted URL (no dots over TLS: the certificate is a wildcard).
    public static func isVirtualHostable(_ bucket: String) -> Bool {
        guard (3...63).contains(bucket.count), !bucket.contains("."), !bucket.contains("--") else { return false }
        guard let first = bucket.first, let last = bucket.last, first.isLetter || first.isNumber,
            last.isLetter || last.isNumber
        else { return false }
        return bucket.allSatisfy { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" }
    }
}
