import Foundation
import Inventory

/// `cost.ec2.commitment`: an instance running continuously for at least `COMMITMENT_MIN_DAYS` (default 30) — a
/// candidate for a Savings Plan or Reserved Instance. EC2 resets `LaunchTime` on every start, so a running
/// instance has run without a stop since then. No saving: the discount depends on term and payment option.
public struct CommitmentRule: Rule {
    public let id = FindingID.ec2Commitment
    public init() {}

    /// Shared by every finding of the rule (one string, not one per finding).
    static let recommendation = "Cover steady usage like this with a Compute Savings Plan or a Reserved "
        + "Instance; check Cost Explorer's recommendations for the term"

    public func evaluate(in context: RuleContext) -> [Finding] {
        let minimum = context.configuration.commitmentMinDays
        return context.instances.compactMap { item, instance in
            guard item.state == "running", let launched = instance.launchTime,
                  context.atLeast(minimum, daysSince: launched)
            else { return nil }
            let hourly = context.prices.ec2Hourly[instance.instanceType]
            var evidence = "\(instance.instanceType) running without a stop since \(Evidence.day(launched)) "
                + "(\(context.days(since: launched)) days)"
            if let hourly {
                evidence += "; on-demand \(Evidence.usd(hourly * context.prices.hoursPerMonth))/month"
            }
            return Finding(id: id, severity: .low, item: item, evidence: evidence,
                           recommendation: Self.recommendation)
        }
    }
}
