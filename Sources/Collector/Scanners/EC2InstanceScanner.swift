import AWSClient
import AWSServices
import Inventory

/// EC2 instances (`ec2:DescribeInstances`, every reservation of every page).
public struct EC2InstanceScanner: ResourceScanner {
    public let service = "ec2"
    public let resourceType = ResourceType.ec2Instance
    public init() {}

    public func scan(_ client: AWSClient, scope: ScanScope) async throws -> ScanResult {
        var items: [InventoryItem] = []
        let pages = client.paginate(EC2.describeInstances, .init(maxResults: scope.pageSizes.ec2),
                                    inputToken: \.nextToken, outputToken: \.nextToken)
        for try await page in pages {
            for instance in (page.reservations ?? []).flatMap({ $0.instances ?? [] }) {
                items.append(Self.item(instance, scope: scope))
            }
        }
        return ScanResult(items: items)
    }

    static func item(_ instance: EC2.Instance, scope: ScanScope) -> InventoryItem {
        let tags = tagMap(instance.tags, key: \.key, value: \.value)
        let reason = instance.stateTransitionReason.flatMap { $0.isEmpty ? nil : $0 }
        // `Platform` is only ever `windows`; `PlatformDetails` says the same for instances launched from Windows.
        let platform = instance.platform ?? (instance.platformDetails?.hasPrefix("Windows") == true ? "windows" : nil)
        let details = EC2Instance(
            instanceID: instance.instanceId, instanceType: instance.instanceType ?? "unknown",
            launchTime: instance.launchTime, stateTransitionTime: StateTransitionReason.date(in: reason),
            stateTransitionReason: reason, platform: platform, imageID: instance.imageId)
        return scope.item(resourceID: scope.arn("ec2", "instance/" + instance.instanceId), name: tags["Name"],
                          state: instance.state?.name, tags: tags, details: .ec2Instance(details))
    }
}
