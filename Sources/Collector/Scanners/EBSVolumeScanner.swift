import AWSClient
import AWSServices
import Inventory

/// EBS volumes (`ec2:DescribeVolumes`).
public struct EBSVolumeScanner: ResourceScanner {
    public let service = "ec2"
    public let resourceType = ResourceType.ebsVolume
    public init() {}

    public func scan(_ client: AWSClient, scope: ScanScope) async throws -> ScanResult {
        var items: [InventoryItem] = []
        let pages = client.paginate(EC2.describeVolumes, .init(maxResults: scope.pageSizes.ec2),
                                    inputToken: \.nextToken, outputToken: \.nextToken)
        for try await page in pages {
            for volume in page.volumes ?? [] {
                let tags = tagMap(volume.tags, key: \.key, value: \.value)
                let details = EBSVolume(
                    volumeID: volume.volumeId, volumeType: volume.volumeType ?? "standard", sizeGiB: volume.size ?? 0,
                    iops: volume.iops, throughputMiBps: volume.throughput,
                    attachedInstanceIDs: (volume.attachments ?? []).compactMap(\.instanceId),
                    encrypted: volume.encrypted ?? false, createTime: volume.createTime)
                items.append(scope.item(resourceID: scope.arn("ec2", "volume/" + volume.volumeId), name: tags["Name"],
                                        state: volume.state, tags: tags, details: .ebsVolume(details)))
            }
        }
        return ScanResult(items: items)
    }
}
