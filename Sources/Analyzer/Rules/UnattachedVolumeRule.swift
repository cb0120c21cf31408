import Foundation
import Inventory

/// `idle.ebs.unattached`: a volume attached to nothing (`Attachments: []`; AWS Config `ec2-volume-inuse-check`).
/// How long it has been unattached comes from the inventory's history (AWS does not expose it).
/// Saving: the volume's monthly cost.
public struct UnattachedVolumeRule: Rule {
    public let id = FindingID.ebsUnattached
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.volumes.compactMap { item, volume in
            guard volume.attachedInstanceIDs.isEmpty else { return nil }
            var evidence = "\(volume.sizeGiB) GiB \(volume.volumeType) volume attached to no instance"
            if let since = context.history.since(item.resourceID, state: "unattached") {
                let days = context.days(since: since)
                evidence += days >= 1
                    ? " for at least \(Evidence.plural(days, "day")) (first seen unattached \(Evidence.day(since)))"
                    : " (first seen unattached in this scan)"
            }
            return Finding(
                id: id, severity: .medium, item: item, evidence: evidence,
                recommendation: "Snapshot the volume if its data is needed, then delete it",
                monthlySavingUSD: context.prices.ebsMonthlyCost(type: volume.volumeType, sizeGiB: volume.sizeGiB,
                                                                iops: volume.iops,
                                                                throughputMiBps: volume.throughputMiBps))
        }
    }
}
