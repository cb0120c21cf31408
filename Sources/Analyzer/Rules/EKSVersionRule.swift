import Foundation
import Inventory

/// `eos.eks.version`: a cluster past end of extended support (critical: auto-upgraded), past end of standard
/// support (high: extended-support billing), or within `EOL_WARNING_DAYS` of it (medium). Live dates from
/// `eks:DescribeClusterVersions` win over the bundled table. Versions are compared as integers, never decimals
/// (`1.9` < `1.19`). Saving in extended support: (extended − standard cluster-hour price) × 730.
public struct EKSVersionRule: Rule {
    public let id = FindingID.eksVersion
    public init() {}

    /// Shared by every finding of the rule (one string, not one per finding).
    static let recommendation = "Upgrade the cluster (control plane, then node groups and add-ons) to a version in "
        + "standard support"

    public func evaluate(in context: RuleContext) -> [Finding] {
        let oldestKnown = context.lifecycles.bundled.eksVersions.keys.compactMap(Self.parse).min { $0 < $1 }
        return context.clusters.compactMap { item, cluster in
            let version = cluster.kubernetesVersion
            guard let support = context.lifecycles.eks(version: version),
                  let standardEnd = support.endOfStandardSupport
            else {
                if let parsed = Self.parse(version), let oldestKnown, parsed < oldestKnown {
                    return finding(item, .critical, "Kubernetes \(version) is older than every version in the "
                        + "support calendar (oldest \(oldestKnown.0).\(oldestKnown.1)): long past end of support", nil)
                }
                return nil
            }
            let source = "dates: \(support.source.rawValue)"
            if let extendedEnd = support.endOfExtendedSupport, extendedEnd <= context.now {
                return finding(item, .critical, "Kubernetes \(version): extended support ended "
                    + "\(Evidence.day(extendedEnd)); EKS upgrades the control plane automatically (\(source))", nil)
            }
            if standardEnd <= context.now {
                var evidence = "Kubernetes \(version): standard support ended \(Evidence.day(standardEnd)); billed at "
                    + "the extended-support rate"
                if let extendedEnd = support.endOfExtendedSupport {
                    evidence += " until \(Evidence.day(extendedEnd))"
                }
                let saving = (context.prices.eksClusterHourlyExtended - context.prices.eksClusterHourlyStandard)
                    * context.prices.hoursPerMonth
                return finding(item, .high, evidence + " (\(source))", saving)
            }
            guard context.within(context.configuration.eolWarningDays, daysOf: standardEnd) else { return nil }
            return finding(item, .medium, "Kubernetes \(version): standard support ends \(Evidence.day(standardEnd)) "
                + "(in \(context.days(until: standardEnd)) days; \(source))", nil)
        }
    }

    private func finding(_ item: InventoryItem, _ severity: Severity, _ evidence: String,
                         _ saving: Double?) -> Finding {
        Finding(id: id, severity: severity, item: item, evidence: evidence,
                recommendation: Self.recommendation, monthlySavingUSD: saving)
    }

    /// `1.31` → (1, 31); nil when not two integers.
    static func parse(_ version: String) -> (Int, Int)? {
        let parts = version.split(separator: ".")
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        return (major, minor)
    }
}
