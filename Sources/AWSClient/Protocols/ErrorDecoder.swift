import Foundation

/// The error fields every protocol carries, read from an error response.
public struct AWSErrorFields: Sendable, Equatable {
    public var code: String
    public var message: String
    public var requestID: String?
}

/// Reads the AWS error code, message and request id from an error response of any protocol.
///
/// JSON protocols put the code in `__type` (`com.amazonaws.dynamodb.v20120810#ResourceNotFoundException`), `code`
/// or the `X-Amzn-ErrorType` header (`ResourceNotFoundException:http://...`); XML protocols in `<Error><Code>`
/// (query, S3) or `<Errors><Error><Code>` (EC2). A JSON service may still answer XML (moto does for auth errors)
/// or no body at all (S3 HEAD), so each decoder falls back to the other form and then to the HTTP status.
public enum ErrorDecoder {
    public static func decode(_ response: HTTPResponse, protocol wireProtocol: AWSProtocol) -> AWSErrorFields {
        let requestID = requestID(from: response)
        let trimmed = response.body.first { !$0.isWhitespace }
        var fields: AWSErrorFields?
        if trimmed == UInt8(ascii: "<") {
            fields = fromXML(response.body)
        } else if trimmed == UInt8(ascii: "{") {
            fields = fromJSON(response.body, headerType: response.header("x-amzn-errortype"))
        }
        if fields == nil, let headerType = response.header("x-amzn-errortype") {
            fields = AWSErrorFields(code: sanitize(headerType), message: "", requestID: nil)
        }
        var result = fields ?? AWSErrorFields(code: statusCode(response.status), message: "", requestID: nil)
        if result.message.isEmpty {
            result.message = String(decoding: response.body.prefix(300), as: UTF8.self)
            if result.message.isEmpty { result.message = "HTTP \(response.status) with no error body" }
        }
        result.requestID = result.requestID ?? requestID
        return result
    }

    static func fromJSON(_ body: Data, headerType: String?) -> AWSErrorFields? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        let rawCode =
            headerType ?? (object["__type"] as? String) ?? (object["code"] as? String)
            ?? (object["Code"] as? String)
        guard let rawCode else { return nil }
        let message =
            (object["message"] as? String) ?? (object["Message"] as? String)
            ?? (object["errorMessage"] as? String) ?? ""
        return AWSErrorFields(code: sanitize(rawCode), message: message, requestID: nil)
    }

    static func fromXML(_ body: Data) -> AWSErrorFields? {
        guard let root = try? XMLNode.parse(body) else { return nil }
        let code = root.name == "Code" ? root : root.find("Code")
        guard let code else { return nil }
        let message = root.find("Message")?.text ?? root.find("message")?.text ?? ""
        let requestID = root.find("RequestId")?.text ?? root.find("RequestID")?.text
        return AWSErrorFields(
            code: XMLElementDecoder.trimmed(code.text), message: message, requestID: requestID)
    }

    /// `ns#Code:http://...` → `Code`.
    static func sanitize(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingCharacters(in: .whitespaces)
    }

    static func requestID(from response: HTTPResponse) -> String? {
        response.header("x-amzn-requestid") ?? response.header("x-amz-request-id")
            ?? response.header("x-amzn-request-id")
    }

    static func statusCode(_ status: Int) -> String {
        switch status {
        case 400: return "BadRequest"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 429: return "TooManyRequests"
        case 500: return "InternalServerError"
        case 503: return "ServiceUnavailable"
        default: return "HTTP\(status)"
        }
    }
}

extension UInt8 {
    fileprivate var isWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
