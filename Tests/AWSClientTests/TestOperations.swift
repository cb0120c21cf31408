import Foundation

@testable import AWSClient

/// A made-up service per protocol, so the client's encoding can be tested without AWSServices.
enum TestService {
    static func service(_ wire: AWSProtocol, signingName: String = "test") -> AWSService {
        AWSService(
            modelName: signingName, environmentName: signingName.uppercased(), apiVersion: "2020-01-01",
            wireProtocol: wire, targetPrefix: wire.jsonVersion == nil ? nil : "Test_20200101")
    }

    struct Filter: Encodable, Sendable {
        var name: String
        var values: [String]
        enum CodingKeys: String, CodingKey { case name = "Name", values = "Value" }
    }

    struct ListInput: AWSInput {
        var filters: [Filter]?
        var maxResults: Int?
        var token: String?
        var flag: Bool?
        enum CodingKeys: String, CodingKey {
            case filters = "Filter", maxResults = "MaxResults", token = "NextToken", flag = "Flag"
        }
    }

    struct ListOutput: AWSOutput {
        var items: [String]?
        var next: String?
        enum CodingKeys: String, CodingKey { case items = "Items", next = "NextToken" }
    }

    struct PathInput: AWSInput {
        var bucket: String
        var key: String
        var marker: String?
        var httpBindings: HTTPBindings {
            var bindings = HTTPBindings(path: ["Bucket": bucket, "Key": key], headers: [("x-amz-meta-x", "1")])
            bindings.query("marker", marker)
            return bindings
        }
        func encode(to encoder: any Encoder) throws {}
    }

    static func list(_ wire: AWSProtocol) -> AWSOperation<ListInput, ListOutput> {
        AWSOperation(service: service(wire), name: "ListThings", iamAction: "test:ListThings", resourceARN: nil)
    }
}
