import Inventory

/// `cmp.ebs.unencrypted`: an unencrypted EBS volume (AWS Config `encrypted-volumes`).
public struct VolumeEncryptionRule: Rule {
    public let id = FindingID.ebsUnencrypted
    public init() {}

    /// Shared by every finding of the rule (one string, not one per finding).
    static let recommendation = "Copy a snapshot with encryption, restore, swap the volume; turn on EBS "
        + "encryption by default for the region"

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.volumes.compactMap { item, volume in
            guard !volume.encrypted else { return nil }
            return Finding(id: id, severity: .medium, item: item, evidence: "volume is not encrypted at rest",
                           recommendation: Self.recommendation)
        }
    }
}
