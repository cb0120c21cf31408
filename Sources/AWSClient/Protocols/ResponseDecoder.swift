import Foundation

/// Decodes a successful response into the operation's output shape according to the service's protocol.
public enum ResponseDecoder {
    static let jsonDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = Timestamps.jsonStrategy
        return decoder
    }()

    public static func decode<I: AWSInput, O: AWSOutput>(
        _ response: HTTPResponse, for operation: AWSOperation<I, O>
    ) throws -> O {
        if O.self == AWSEmpty.self, let empty = AWSEmpty() as? O { return empty }
        var output = try decodeBody(response, for: operation)
        if var headerBound = output as? any AWSHeaderBoundOutput {
            headerBound.readHeaders(response)
            if let bound = headerBound as? O { output = bound }
        }
        return output
    }

    static func decodeBody<I: AWSInput, O: AWSOutput>(
        _ response: HTTPResponse, for operation: AWSOperation<I, O>
    ) throws -> O {
        do {
            switch operation.service.wireProtocol {
            case .awsJson1_0, .awsJson1_1, .restJson1:
                let body = response.body.isEmpty ? Data("{}".utf8) : response.body
                if let custom = O.self as? any AWSJSONBodyDecodable.Type,
                   let output = try custom.init(jsonBody: body) as? O {
                    return output
                }
                return try jsonDecoder.decode(O.self, from: body)
            case .query:
                // <OpResponse><OpResult>...</OpResult><ResponseMetadata/></OpResponse>
                let root = try XMLNode.parse(response.body)
                let result = root.child(operation.name + "Result") ?? XMLNode(name: operation.name + "Result")
                return try XMLShapeDecoder.decode(O.self, from: result)
            case .ec2Query, .restXml:
                let root = response.body.isEmpty ? XMLNode(name: "empty") : try XMLNode.parse(response.body)
                return try XMLShapeDecoder.decode(O.self, from: root)
            }
        } catch let error as AWSClientError {
            throw error
        } catch {
            throw AWSClientError(
                .invalidResponse, "cannot decode the response as \(O.self): \(error)",
                operation: operation.descriptor.description, statusCode: response.status,
                requestID: ErrorDecoder.requestID(from: response))
        }
    }
}
