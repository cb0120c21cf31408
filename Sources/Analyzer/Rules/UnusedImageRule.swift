import Foundation
import Inventory

/// `idle.ami.unused`: an available AMI that no instance of the scan was launched from (Cloud Custodian `ami`
/// `unused`; CloudQuery `images_unused.sql`). Not reported in a region where the EC2 scan failed, where missing
/// instances would make every AMI look unused. Saving: the storage of its snapshots found in the scan.
public struct UnusedImageRule: Rule {
    public let id = FindingID.amiUnused
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.images.compactMap { item, image in
            guard item.state == nil || item.state == "available", !context.imagesInUse.contains(image.imageID),
                  !context.failedServices.contains("ec2:" + item.region)
            else { return nil }
            let snapshots = image.snapshotIDs.compactMap { context.snapshotsByID[$0] }
            let gib = snapshots.reduce(0) { $0 + $1.volumeSizeGiB }
            var evidence = "no instance in the scan uses it"
            if let created = image.creationDate {
                evidence += "; created \(Evidence.day(created)) (\(context.days(since: created)) days ago)"
            }
            evidence += "; \(Evidence.plural(image.snapshotIDs.count, "backing snapshot"))"
            if !snapshots.isEmpty { evidence += " (\(gib) GiB)" }
            let saving: Double? = snapshots.isEmpty || snapshots.count != image.snapshotIDs.count
                ? nil : Double(gib) * (context.prices.snapshotGBMonth["standard"] ?? 0)
            return Finding(id: id, severity: .low, item: item, evidence: evidence,
                           recommendation: "Deregister the AMI and delete its snapshots if it is no longer needed",
                           monthlySavingUSD: saving)
        }
    }
}
