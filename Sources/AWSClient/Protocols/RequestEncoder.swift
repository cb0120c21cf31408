import AWSSigV4
import Foundation

/// A request before endpoint and signature: method, encoded path, decoded query pairs, headers and body.
public struct EncodedRequest: Sendable {
    public var method: HTTPMethod
    public var encodedPath: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: Data
}

/// Turns an operation and its input into an `EncodedRequest` according to the service's protocol.
public enum RequestEncoder {
    static let jsonEncoder = JSONBodyEncoder()

    public static func encode<I: AWSInput, O: AWSOutput>(
        _ input: I, for operation: AWSOperation<I, O>
    ) throws -> EncodedRequest {
        let service = operation.service
        switch service.wireProtocol {
        case .awsJson1_0, .awsJson1_1:
            guard let prefix = service.targetPrefix, let version = service.wireProtocol.jsonVersion else {
                throw AWSClientError(.invalidRequest, "\(service.modelName) lacks a JSON target prefix")
            }
            return EncodedRequest(
                method: .post, encodedPath: "/", query: [],
                headers: [
                    ("Content-Type", "application/x-amz-json-\(version)"),
                    ("X-Amz-Target", "\(prefix).\(operation.name)"),
                ],
                body: try jsonEncoder.encode(input))
        case .query, .ec2Query:
            var parameters: [(name: String, value: String)] = [
                ("Action", operation.name), ("Version", service.apiVersion),
            ]
            parameters += try QueryParameterEncoder(style: service.wireProtocol == .ec2Query ? .ec2 : .query)
                .encode(input)
            let body = URIEncoding.formBody(parameters)
            return EncodedRequest(
                method: .post, encodedPath: "/", query: [],
                headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                body: Data(body.utf8))
        case .restJson1, .restXml:
            let bindings = input.httpBindings
            var request = try restRequest(bindings, operation.descriptor)
            if let payload = bindings.payload {
                request.body = try payloadBody(payload, wire: service.wireProtocol, operation: operation.name)
            } else if service.wireProtocol == .restXml {
                // restXml sends a body only through a payload member (every S3 body is one); a member left in
                // the body would be dropped without a word, so refuse instead.
                guard try jsonEncoder.encode(input) == Data("{}".utf8) else {
                    throw AWSClientError(
                        .invalidRequest, "\(operation.name): restXml members must be bound to the URI, headers or "
                            + "the payload")
                }
            } else if operation.method == .post || operation.method == .put {
                request.headers.append(("Content-Type", "application/json"))
                request.body = try jsonEncoder.encode(input)
            }
            return request
        }
    }

    static let xmlEncoder = XMLBodyEncoder()

    /// The body of a payload member: a blob as it is, a structure as an XML element (restXml only).
    static func payloadBody(_ payload: HTTPPayload, wire: AWSProtocol, operation: String) throws -> Data {
        switch payload {
        case .blob(let data):
            return data
        case .xml(let value, let root, let namespace):
            guard wire == .restXml else {
                throw AWSClientError(.invalidRequest, "\(operation): an XML payload needs the restXml protocol")
            }
            return try xmlEncoder.encode(value, root: root, namespace: namespace)
        }
    }

    /// Path labels, the request URI's fixed query and the input's bound query and headers.
    static func restRequest(_ bindings: HTTPBindings, _ operation: AWSOperationDescriptor) throws -> EncodedRequest {
        let uri = operation.requestURI
        let pathTemplate: Substring
        var query: [(name: String, value: String)] = []
        if let mark = uri.firstIndex(of: "?") {
            pathTemplate = uri[..<mark]
            for pair in uri[uri.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                query.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : ""))
            }
        } else {
            pathTemplate = Substring(uri)
        }
        var path = ""
        var rest = pathTemplate
        while let open = rest.firstIndex(of: "{") {
            path += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            var label = String(rest[rest.index(after: open)..<close])
            let greedy = label.hasSuffix("+")
            if greedy { label.removeLast() }
            guard let value = bindings.path[label], !value.isEmpty else {
                throw AWSClientError(
                    .invalidRequest, "\(operation): missing value for the path label {\(label)}")
            }
            path += URIEncoding.encode(value, keepSlash: greedy)
            rest = rest[rest.index(after: close)...]
        }
        path += rest
        query += bindings.query
        return EncodedRequest(
            method: operation.method, encodedPath: path, query: query, headers: bindings.headers, body: Data())
    }
}

extension URIEncoding {
    /// `application/x-www-form-urlencoded` body in parameter order (order does not matter to AWS), encoded as
    /// botocore encodes it (Python's `quote_plus`: space as `+`). AWS accepts `%20` too, but moto verifies the
    /// signature over a body it re-encodes from the parsed form, so anything else fails there.
    static func formBody(_ parameters: [(name: String, value: String)]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(parameters.count * 32)
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            formEncode(parameter.name, into: &out)
            out.append(UInt8(ascii: "="))
            formEncode(parameter.value, into: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Python's `quote_plus`: unreserved bytes as they are, space as `+`, everything else `%XX`.
    static func formEncode(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
    }
}
