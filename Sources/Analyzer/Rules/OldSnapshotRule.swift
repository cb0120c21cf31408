import Foundation
import Inventory

/// `idle.ebs-snapshot.old`: a snapshot at least `SNAPSHOT_MAX_AGE_DAYS` old (default 90, Steampipe Thrifty's
/// `ebs_snapshot_max_age`), excluding snapshots behind a registered AMI (Cloud Custodian `skip-ami-snapshots`).
/// Saving: source volume size × snapshot GB-month price — an upper bound, since snapshots are incremental.
public struct OldSnapshotRule: Rule {
    public let id = FindingID.snapshotOld
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        let maxAge = context.configuration.snapshotMaxAgeDays
        return context.snapshots.compactMap { item, snapshot in
            guard context.atLeast(maxAge, daysSince: snapshot.startTime),
                  !context.snapshotsOfImages.contains(snapshot.snapshotID)
            else { return nil }
            let tier = snapshot.storageTier ?? "standard"
            var evidence = "taken \(Evidence.day(snapshot.startTime)) (\(context.days(since: snapshot.startTime)) days "
                + "old, threshold \(maxAge)), \(snapshot.volumeSizeGiB) GiB source volume, \(tier) tier"
            if let source = snapshot.sourceVolumeID,
               !context.volumeIDs.isEmpty, !context.volumeIDs.contains(source) {
                evidence += "; its source volume \(source) no longer exists"
            }
            let saving = context.prices.snapshotGBMonth[tier].map { $0 * Double(snapshot.volumeSizeGiB) }
            return Finding(id: id, severity: .low, item: item, evidence: evidence,
                           recommendation: "Delete the snapshot if no restore needs it, or move it to the archive tier",
                           monthlySavingUSD: saving)
        }
    }
}
