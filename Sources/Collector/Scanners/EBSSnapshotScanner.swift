import AWSClient
import AWSServices
import Foundation
import Inventory

/// EBS snapshots owned by the account (`ec2:DescribeSnapshots` with `OwnerIds=self`; public and shared snapshots
/// are not the account's cost).
public struct EBSSnapshotScanner: ResourceScanner {
    public let service = "ec2"
    public let resourceType = ResourceType.ebsSnapshot
    public init() {}

    public func scan(_ client: AWSClient, scope: ScanScope) async throws -> ScanResult {
        var items: [InventoryItem] = []
        let pages = client.paginate(EC2.describeSnapshots, .init(ownerIds: ["self"], maxResults: scope.pageSizes.ec2),
                                    inputToken: \.nextToken, outputToken: \.nextToken)
        for try await page in pages {
            for snapshot in page.snapshots ?? [] {
                let tags = tagMap(snapshot.tags, key: \.key, value: \.value)
                let details = EBSSnapshot(
                    snapshotID: snapshot.snapshotId, volumeSizeGiB: snapshot.volumeSize ?? 0,
                    startTime: snapshot.startTime ?? scope.scan.startedAt,
                    sourceVolumeID: snapshot.volumeId.flatMap { $0 == "vol-ffffffff" ? nil : $0 },
                    encrypted: snapshot.encrypted ?? false, storageTier: snapshot.storageTier)
                items.append(scope.item(
                    resourceID: scope.arn("ec2", "snapshot/" + snapshot.snapshotId, account: false),
                    name: tags["Name"], state: snapshot.state, tags: tags, details: .ebsSnapshot(details)))
            }
        }
        return ScanResult(items: items)
    }
}
