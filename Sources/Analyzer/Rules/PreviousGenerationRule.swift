import Inventory

/// `cost.ec2.previous-generation`: an instance of a previous-generation family (Steampipe Thrifty
/// `ec2_instance_older_generation`). Saving, for running instances whose type and successor are priced:
/// (price − successor price) × 730 hours.
public struct PreviousGenerationRule: Rule {
    public let id = FindingID.ec2PreviousGeneration
    public init() {}

    /// Families AWS lists as previous generation.
    public static let previousFamilies: Set<String> = [
        "t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4", "r3", "r4", "i2", "d2", "g2", "g3", "p2", "x1", "x1e",
        "cr1", "cc2", "hs1", "a1",
    ]

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.instances.compactMap { item, instance in
            let type = instance.instanceType
            guard let dot = type.firstIndex(of: ".") else { return nil }
            let parts = [String(type[..<dot]), String(type[type.index(after: dot)...])]
            guard Self.previousFamilies.contains(parts[0]) else { return nil }
            let successorFamily = context.prices.ec2SuccessorFamily[parts[0]]
            let successor = successorFamily.map { $0 + "." + parts[1] }
            var saving: Double?
            if item.state == "running", let successor, let old = context.prices.ec2Hourly[instance.instanceType],
               let new = context.prices.ec2Hourly[successor] {
                saving = max(0, old - new) * context.prices.hoursPerMonth
            }
            let target = successor ?? "a current-generation type"
            return Finding(id: id, severity: .low, item: item,
                           evidence: "\(instance.instanceType) is a previous-generation type "
                               + "(\(item.state ?? "state unknown"))",
                           recommendation: "Move to \(target) at the next maintenance window", monthlySavingUSD: saving)
        }
    }
}
