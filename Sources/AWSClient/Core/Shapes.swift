import Foundation

/// A request shape. Members travel in the body (JSON or form) by default; REST protocols move some of them to the
/// path, query string or headers through `httpBindings`, and leave them out of `CodingKeys`.
public protocol AWSInput: Encodable, Sendable {
    /// Path labels, query parameters and headers for restJson1/restXml; the default is none.
    var httpBindings: HTTPBindings { get }
}

extension AWSInput {
    public var httpBindings: HTTPBindings { HTTPBindings() }
}

/// A response shape. Decoding ignores members the shape does not declare, so a shape lists only what we use.
public protocol AWSOutput: Decodable, Sendable {}

/// An output of a JSON protocol that reads itself from the response body instead of through `JSONDecoder`: for
/// outputs large and frequent enough that `Codable` decoding dominates (DynamoDB `Query` pages of up to 1 MB of
/// items). Its `Decodable` conformance stays for every other use.
public protocol AWSJSONBodyDecodable: AWSOutput {
    /// Reads the output from a JSON response body (never empty: an empty body is passed as `{}`).
    init(jsonBody: Data) throws
}

/// For XML shapes, adopted by the shape's `CodingKeys`: member names whose lists are *flattened* (repeated
/// elements with no wrapper, like S3's `<Rule>`), instead of wrapped (`<Buckets><Bucket>..</Bucket></Buckets>`,
/// EC2's `<item>`, query's `<member>`).
public protocol AWSXMLFlattenedLists {
    static var flattenedXMLKeys: Set<String> { get }
}

/// Where REST members go on the wire.
public struct HTTPBindings: Sendable {
    /// Values for `{Label}` placeholders of the request URI (encoded as one segment; `{Label+}` keeps `/`).
    public var path: [String: String]
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    /// The body, when the input's shape names a `payload` member in botocore's model (restXml sends a body only
    /// this way; restJson1 sends the remaining members as JSON when there is none).
    public var payload: HTTPPayload?

    public init(
        path: [String: String] = [:], query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], payload: HTTPPayload? = nil
    ) {
        self.path = path
        self.query = query
        self.headers = headers
        self.payload = payload
    }

    /// Adds a header when `value` is present.
    public mutating func header(_ name: String, _ value: (some CustomStringConvertible)?) {
        if let value { headers.append((name, value.description)) }
    }

    /// Adds a query parameter when `value` is present.
    public mutating func query(_ name: String, _ value: (some CustomStringConvertible)?) {
        if let value { query.append((name, value.description)) }
    }
}

/// The body of a REST request: botocore's `payload` member of the input shape.
public enum HTTPPayload: Sendable {
    /// A blob member sent as the body, byte for byte (S3 `PutObject`'s streaming `Body`).
    case blob(Data)
    /// A structure member sent as one XML element named `root` (the member's `locationName`) with the member's
    /// `xmlNamespace` (S3 `CreateBucket`'s `CreateBucketConfiguration`); restXml only.
    case xml(any Encodable & Sendable, root: String, namespace: String?)
}

/// An output with members bound to response headers (botocore `location: header` / `headers`), such as S3's HEAD
/// responses, which have no body. The body's members are decoded first; then the headers are read.
public protocol AWSHeaderBoundOutput: AWSOutput {
    /// Reads the header-bound members from the response (header names are lower-cased).
    mutating func readHeaders(_ response: HTTPResponse)
}

/// An empty input or output.
public struct AWSEmpty: AWSInput, AWSOutput, Equatable {
    public init() {}
}
