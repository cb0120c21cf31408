import AWSClient
import Foundation

/// EKS (restJson1, lower-camel member names).
public enum EKS {
    public static let listClusters = AWSOperation<ListClustersInput, ListClustersOutput>(
        service: .eks, name: "ListClusters", method: .get, requestURI: "/clusters", iamAction: "eks:ListClusters",
        resourceARN: nil)
    public static let describeCluster = AWSOperation<DescribeClusterInput, DescribeClusterOutput>(
        service: .eks, name: "DescribeCluster", method: .get, requestURI: "/clusters/{name}",
        iamAction: "eks:DescribeCluster",
        resourceARN: "arn:${Partition}:eks:${Region}:${Account}:cluster/${ClusterName}")
    public static let describeClusterVersions = AWSOperation<
        DescribeClusterVersionsInput, DescribeClusterVersionsOutput
    >(
        service: .eks, name: "DescribeClusterVersions", method: .get, requestURI: "/cluster-versions",
        iamAction: "eks:DescribeClusterVersions", resourceARN: nil)

    static let all = [listClusters.descriptor, describeCluster.descriptor, describeClusterVersions.descriptor]

    public struct ListClustersInput: AWSInput {
        public var maxResults: Int?
        public var nextToken: String?
        public init(maxResults: Int? = nil, nextToken: String? = nil) {
            self.maxResults = maxResults
            self.nextToken = nextToken
        }
        public var httpBindings: HTTPBindings {
            var bindings = HTTPBindings()
            bindings.query("maxResults", maxResults)
            bindings.query("nextToken", nextToken)
            return bindings
        }
        /// Every member is bound to the URI; there is no body.
        public func encode(to encoder: any Encoder) throws {}
    }

    public struct ListClustersOutput: AWSOutput {
        public var clusters: [String]?
        public var nextToken: String?
    }

    public struct DescribeClusterInput: AWSInput {
        public var name: String
        public init(name: String) { self.name = name }
        public var httpBindings: HTTPBindings { HTTPBindings(path: ["name": name]) }
        /// Every member is bound to the URI; there is no body.
        public func encode(to encoder: any Encoder) throws {}
    }

    public struct DescribeClusterOutput: AWSOutput {
        public struct Cluster: Decodable, Sendable {
            public var name: String
            public var arn: String?
            public var version: String?
            public var platformVersion: String?
            public var status: String?
            public var createdAt: Date?
            public var tags: [String: String]?
        }
        public var cluster: Cluster
    }

    public struct DescribeClusterVersionsInput: AWSInput {
        public var clusterVersions: [String]?
        public var includeAll: Bool?
        public var maxResults: Int?
        public var nextToken: String?
        public init(
            clusterVersions: [String]? = nil, includeAll: Bool? = nil, maxResults: Int? = nil, nextToken: String? = nil
        ) {
            self.clusterVersions = clusterVersions
            self.includeAll = includeAll
            self.maxResults = maxResults
            self.nextToken = nextToken
        }
        public var httpBindings: HTTPBindings {
            var bindings = HTTPBindings()
            for version in clusterVersions ?? [] { bindings.query.append(("clusterVersions", version)) }
            bindings.query("includeAll", includeAll)
            bindings.query("maxResults", maxResults)
            bindings.query("nextToken", nextToken)
            return bindings
        }
        /// Every member is bound to the URI; there is no body.
        public func encode(to encoder: any Encoder) throws {}
    }

    public struct DescribeClusterVersionsOutput: AWSOutput {
        public struct Version: Decodable, Sendable {
            public var clusterVersion: String
            public var releaseDate: Date?
            public var endOfStandardSupportDate: Date?
            public var endOfExtendedSupportDate: Date?
            public var versionStatus: String?
        }
        public var clusterVersions: [Version]?
        public var nextToken: String?
    }
}
