import AWSClient
import AWSServices
import Inventory

/// AMIs owned by the account (`ec2:DescribeImages` with `Owners=self`).
public struct MachineImageScanner: ResourceScanner {
    public let service = "ec2"
    public let resourceType = ResourceType.ami
    public init() {}

    public func scan(_ client: AWSClient, scope: ScanScope) async throws -> ScanResult {
        var items: [InventoryItem] = []
        let pages = client.paginate(EC2.describeImages, .init(owners: ["self"], maxResults: scope.pageSizes.ec2),
                                    inputToken: \.nextToken, outputToken: \.nextToken)
        for try await page in pages {
            for image in page.images ?? [] {
                let tags = tagMap(image.tags, key: \.key, value: \.value)
                let details = MachineImage(
                    imageID: image.imageId, creationDate: AWSDateText.parse(image.creationDate),
                    deprecationTime: AWSDateText.parse(image.deprecationTime),
                    snapshotIDs: (image.blockDevices ?? []).compactMap { $0.ebs?.snapshotId })
                items.append(scope.item(
                    resourceID: scope.arn("ec2", "image/" + image.imageId, account: false),
                    name: tags["Name"] ?? image.name, state: image.state, tags: tags, details: .ami(details)))
            }
        }
        return ScanResult(items: items)
    }
}
