import Foundation

/// The parts of an HTTP request that SigV4 covers.
///
/// `encodedPath` is the path exactly as it goes on the wire (already percent-encoded); `query` holds *decoded*
/// name/value pairs, which the signer encodes (send `URIEncoding.canonicalQuery(query)` so both agree).
/// `headers` may repeat a name; order among repeats is kept.
public struct SigningRequest: Sendable {
    public var method: String
    /// The `Host` header value: host, plus `:port` when it is not the scheme's default.
    public var host: String
    public var encodedPath: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(
        method: String, host: String, encodedPath: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: Data = Data()
    ) {
        self.method = method
        self.host = host
        self.encodedPath = encodedPath
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// What signing adds to a request, plus the intermediate strings (tests and debugging compare them with
/// botocore's; never log them for real requests, they are harmless but noisy).
public struct SigV4Signature: Sendable {
    /// Headers to add to the request, in order: `X-Amz-Date`, then `X-Amz-Security-Token` and
    /// `X-Amz-Content-SHA256` when they apply, then `Authorization`.
    public var headers: [(name: String, value: String)]
    public var canonicalRequest: String
    public var stringToSign: String
    public var signature: String

    /// The `Authorization` header value.
    public var authorization: String { headers.last { $0.name == "Authorization" }?.value ?? "" }
}
