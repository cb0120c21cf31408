import Inventory

/// `cost.ebs.gp2`: a gp2 volume (Steampipe Thrifty `gp2_volumes`). Saving: gp2 cost − the cost of a gp3 volume
/// with the same size and the gp2 volume's baseline IOPS (3 IOPS/GiB, 100…16,000), which is 0.02 × size up to
/// 1 TiB and less above it.
public struct GP2VolumeRule: Rule {
    public let id = FindingID.ebsGP2
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.volumes.compactMap { item, volume in
            guard volume.volumeType == "gp2" else { return nil }
            let baselineIOPS = min(16_000, max(100, 3 * volume.sizeGiB))
            let gp2 = context.prices.ebsMonthlyCost(type: "gp2", sizeGiB: volume.sizeGiB, iops: nil,
                                                    throughputMiBps: nil)
            let gp3 = context.prices.ebsMonthlyCost(type: "gp3", sizeGiB: volume.sizeGiB,
                                                    iops: max(3_000, baselineIOPS), throughputMiBps: 125)
            let saving = gp2.flatMap { old in gp3.map { max(0, old - $0) } }
            return Finding(id: id, severity: .low, item: item,
                           evidence: "\(volume.sizeGiB) GiB gp2 volume (baseline \(baselineIOPS) IOPS)",
                           recommendation: "Modify the volume to gp3 in place (no downtime), keeping "
                               + "\(max(3_000, baselineIOPS)) IOPS", monthlySavingUSD: saving)
        }
    }
}
