import Crypto
import Foundation

/// AWS Signature Version 4 for request headers, matching `botocore.auth.SigV4Auth` / `S3SigV4Auth`.
///
/// Pure computation: no clock, no I/O. The caller passes the signing time, so tests are deterministic.
public struct SigV4Signer: Sendable {
    /// How the canonical URI is formed from the wire path.
    public enum PathRules: Sendable {
        /// Every service but S3: remove dot segments and empty segments, then percent-encode the (already
        /// encoded) path once more.
        case standard
        /// S3: the wire path as it is, no normalisation and no second encoding.
        case s3
    }

    /// How the body enters the signature.
    public enum Payload: Sendable, Equatable {
        /// SHA-256 of the body.
        case signed
        /// The literal `UNSIGNED-PAYLOAD` (S3 over TLS only; AWS rejects it elsewhere).
        case unsigned
    }

    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Headers never signed: hop-by-hop headers a proxy may change, and ones HTTP clients rewrite.
    static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The name the service signs as (`s3`, `dynamodb`, `bedrock` for Bedrock Runtime, `eks`, ...).
    public var service: String
    public var region: String
    public var pathRules: PathRules
    /// Whether to send `X-Amz-Content-SHA256` (S3 requires it; other services accept it).
    public var sendsContentSHA256: Bool
    /// Derived keys, shared by every signer given the same cache (a client keeps one).
    public var keyCache: SigningKeyCache?

    public init(
        service: String, region: String, pathRules: PathRules = .standard, sendsContentSHA256: Bool = false,
        keyCache: SigningKeyCache? = nil
    ) {
        self.service = service
        self.region = region
        self.pathRules = pathRules
        self.sendsContentSHA256 = sendsContentSHA256
        self.keyCache = keyCache
    }

    /// Signs `request` as of `date` and returns the headers to add.
    public func sign(
        _ request: SigningRequest, credentials: AWSCredentials, date: Date, payload: Payload = .signed
    ) -> SigV4Signature {
        let (timestamp, day) = AmzDate.format(date)
        let payloadHash: String
        switch payload {
        case .unsigned: payloadHash = Self.unsignedPayload
        case .signed:
            payloadHash = request.body.isEmpty ? Self.emptyPayloadHash : Self.hex(SHA256.hash(data: request.body))
        }

        var added: [(name: String, value: String)] = [("X-Amz-Date", timestamp)]
        if let token = credentials.sessionToken { added.append(("X-Amz-Security-Token", token)) }
        if sendsContentSHA256 || payload == .unsigned { added.append(("X-Amz-Content-SHA256", payloadHash)) }

        let (canonicalHeaders, signedHeaders) = canonicalize(headers: request.headers + added, host: request.host)
        let canonicalPath: String
        switch pathRules {
        case .standard:
            canonicalPath = URIEncoding.encode(URIEncoding.normalizePath(request.encodedPath), keepSlash: true)
        case .s3: canonicalPath = request.encodedPath.isEmpty ? "/" : request.encodedPath
        }
        var canonicalRequest = ""
        canonicalRequest.reserveCapacity(canonicalHeaders.utf8.count + canonicalPath.utf8.count + 256)
        canonicalRequest += request.method.uppercased()
        canonicalRequest += "\n"
        canonicalRequest += canonicalPath
        canonicalRequest += "\n"
        canonicalRequest += URIEncoding.canonicalQuery(request.query)
        canonicalRequest += "\n"
        canonicalRequest += canonicalHeaders
        canonicalRequest += "\n"
        canonicalRequest += signedHeaders
        canonicalRequest += "\n"
        canonicalRequest += payloadHash

        let scope = "\(day)/\(region)/\(service)/aws4_request"
        var canonicalBytes = canonicalRequest
        var hasher = SHA256()
        canonicalBytes.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let canonicalHash = hasher.finalize()
        let stringToSign = "AWS4-HMAC-SHA256\n\(timestamp)\n\(scope)\n" + Self.hex(canonicalHash)
        let signature: String
        if let keyCache {
            let cacheKey = SigningKeyCache.Key(
                secret: credentials.secretAccessKey, day: day, region: region, service: service)
            let hmac = keyCache.hmac(for: cacheKey) { signingKey(secret: credentials.secretAccessKey, day: day) }
            signature = Self.hex(hmac.authenticate(stringToSign))
        } else {
            let key = signingKey(secret: credentials.secretAccessKey, day: day)
            signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        }
        added.append(
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), "
                    + "Signature=\(signature)"
            ))
        return SigV4Signature(
            headers: added, canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature)
    }

    /// The derived key `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")`.
    func signingKey(secret: String, day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + secret).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key))
        }
        return key
    }

    /// Canonical header block (with its trailing blank line) and the signed-header list. Names are lower-cased;
    /// values are trimmed with inner whitespace runs collapsed; repeated names join their values with `,`.
    func canonicalize(headers: [(name: String, value: String)], host: String) -> (String, String) {
        var entries: [(name: String, value: String)] = []
        entries.reserveCapacity(headers.count + 1)
        var hasHost = false
        for (name, value) in headers {
            let lower = Self.lowercaseASCII(name)
            if Self.unsignedHeaders.contains(lower) { continue }
            if lower == "host" { hasHost = true }
            entries.append((lower, Self.trimAll(value)))
        }
        if !hasHost { entries.append(("host", host)) }
        // Stable sort by name keeps repeated headers in their original order.
        let sorted = entries.enumerated().sorted {
            $0.element.name == $1.element.name ? $0.offset < $1.offset : $0.element.name < $1.element.name
        }.map(\.element)
        var block = ""
        block.reserveCapacity(256)
        var names = ""
        names.reserveCapacity(96)
        var index = 0
        while index < sorted.count {
            let name = sorted[index].name
            if !names.isEmpty { names += ";" }
            names += name
            block += name
            block += ":"
            block += sorted[index].value
            index += 1
            while index < sorted.count, sorted[index].name == name {
                block += ","
                block += sorted[index].value
                index += 1
            }
            block += "\n"
        }
        return (block, names)
    }

    static func lowercaseASCII(_ name: String) -> String {
        var hasUpper = false
        for byte in name.utf8 where byte >= 65 && byte <= 90 {
            hasUpper = true
            break
        }
        return hasUpper ? name.lowercased() : name
    }

    /// Trims and collapses whitespace runs (space, tab, CR, LF, VT, FF) to one space, like Python's `split()`/`join`.
    static func trimAll(_ value: String) -> String {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var simple = true
        var previousSpace = true
        for byte in value.utf8 {
            let space = isSpace(byte)
            if space && (previousSpace || byte != 0x20) { simple = false; break }
            previousSpace = space
        }
        if simple && !previousSpace { return value }
        return value.utf8.split(whereSeparator: isSpace).map { String(decoding: $0, as: UTF8.self) }
            .joined(separator: " ")
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
