import AWSClient
import Foundation

/// Lambda (restJson1).
public enum Lambda {
    public static let listFunctions = AWSOperation<ListFunctionsInput, ListFunctionsOutput>(
        service: .lambda, name: "ListFunctions", method: .get, requestURI: "/2015-03-31/functions",
        iamAction: "lambda:ListFunctions", resourceARN: nil)

    static let all = [listFunctions.descriptor]

    public struct ListFunctionsInput: AWSInput {
        public var marker: String?
        public var maxItems: Int?
        public init(marker: String? = nil, maxItems: Int? = nil) {
            self.marker = marker
            self.maxItems = maxItems
        }
        public var httpBindings: HTTPBindings {
            var bindings = HTTPBindings()
            bindings.query("Marker", marker)
            bindings.query("MaxItems", maxItems)
            return bindings
        }
        /// Every member is bound to the URI; there is no body.
        public func encode(to encoder: any Encoder) throws {}
    }

    public struct ListFunctionsOutput: AWSOutput {
        public var functions: [Function]?
        public var nextMarker: String?
        enum CodingKeys: String, CodingKey { case functions = "Functions", nextMarker = "NextMarker" }
    }

    public struct Function: Decodable, Sendable {
        public var name: String
        public var arn: String?
        /// Absent for container-image functions.
        public var runtime: String?
        public var memorySize: Int?
        public var timeout: Int?
        public var codeSize: Int64?
        /// ISO 8601 text (`2026-11-29T04:05:06.000+0000`).
        public var lastModified: String?
        public var packageType: String?
        public var architectures: [String]?
        enum CodingKeys: String, CodingKey {
            case name = "FunctionName", arn = "FunctionArn", runtime = "Runtime", memorySize = "MemorySize"
            case timeout = "Timeout", codeSize = "CodeSize", lastModified = "LastModified"
            case packageType = "PackageType", architectures = "Architectures"
        }
    }
}
