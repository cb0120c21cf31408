import AWSClient
import AWSServices
import Inventory

/// EKS clusters (`eks:ListClusters`, then `eks:DescribeCluster` for each: the listing has names only).
public struct EKSClusterScanner: ResourceScanner {
    public let service = "eks"
    public let resourceType = ResourceType.eksCluster
    public init() {}

    public func scan(_ client: AWSClient, scope: ScanScope) async throws -> ScanResult {
        var names: [String] = []
        let pages = client.paginate(EKS.listClusters, .init(maxResults: scope.pageSizes.eks),
                                    inputToken: \.nextToken, outputToken: \.nextToken)
        for try await page in pages { names += page.clusters ?? [] }
        var items: [InventoryItem] = []
        for name in names {
            let cluster = try await client.call(EKS.describeCluster, .init(name: name)).cluster
            let details = EKSCluster(kubernetesVersion: cluster.version ?? "unknown",
                                     platformVersion: cluster.platformVersion, createdAt: cluster.createdAt)
            items.append(scope.item(
                resourceID: cluster.arn ?? scope.arn("eks", "cluster/" + name), name: cluster.name,
                state: cluster.status, tags: cluster.tags ?? [:], details: .eksCluster(details)))
        }
        return ScanResult(items: items)
    }
}
