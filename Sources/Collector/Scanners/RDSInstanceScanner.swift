import AWSClient
import AWSServices
import Inventory

/// RDS DB instances (`rds:DescribeDBInstances`; tags come with the listing).
public struct RDSInstanceScanner: ResourceScanner {
    public let service = "rds"
    public let resourceType = ResourceType.rdsInstance
    public init() {}

    public func scan(_ client: AWSClient, scope: ScanScope) async throws -> ScanResult {
        var items: [InventoryItem] = []
        let pages = client.paginate(RDS.describeDBInstances, .init(maxRecords: scope.pageSizes.rds),
                                    inputToken: \.marker, outputToken: \.marker)
        for try await page in pages {
            for db in page.dbInstances ?? [] {
                let tags = tagMap(db.tags, key: \.key, value: \.value)
                let details = RDSInstance(
                    engine: db.engine ?? "unknown", engineVersion: db.engineVersion ?? "unknown",
                    instanceClass: db.instanceClass ?? "unknown", multiAZ: db.multiAZ ?? false,
                    backupRetentionDays: db.backupRetentionPeriod ?? 0, storageEncrypted: db.storageEncrypted ?? false,
                    storageType: db.storageType, allocatedStorageGiB: db.allocatedStorage)
                items.append(scope.item(
                    resourceID: db.arn ?? scope.arn("rds", "db:" + db.identifier), name: tags["Name"] ?? db.identifier,
                    state: db.status, tags: tags, details: .rdsInstance(details)))
            }
        }
        return ScanResult(items: items)
    }
}
