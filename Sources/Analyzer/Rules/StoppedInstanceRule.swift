import Foundation
import Inventory

/// `idle.ec2.stopped`: every stopped instance, as the seed reports them. Days stopped come from
/// `StateTransitionReason`'s date, else from the inventory's history. Severity rises to medium at
/// `STOPPED_MAX_DAYS` (AWS Config `ec2-stopped-instance`, default 30 days). Saving: its attached volumes' storage.
public struct StoppedInstanceRule: Rule {
    public let id = FindingID.ec2Stopped
    public init() {}

    /// Shared by every finding of the rule (one string, not one per finding).
    static let recommendation = "Terminate the instance if it is no longer needed (snapshot or create an "
        + "AMI first), or start it again if it is"

    public func evaluate(in context: RuleContext) -> [Finding] {
        let threshold = context.configuration.stoppedMaxDays
        return context.instances.compactMap { item, instance in
            guard item.state == "stopped" else { return nil }
            var since: (date: Date, source: String)?
            if let date = instance.stateTransitionTime {
                since = (date, "StateTransitionReason")
            } else if let date = context.history.since(item.resourceID, state: "stopped") {
                since = (date, "first scan that saw it stopped")
            }
            let volumes = context.volumesByInstance[instance.instanceID] ?? []
            let costs = volumes.map {
                context.prices.ebsMonthlyCost(type: $0.volumeType, sizeGiB: $0.sizeGiB, iops: $0.iops,
                                              throughputMiBps: $0.throughputMiBps)
            }
            let saving: Double? = costs.contains { $0 == nil } ? nil : costs.reduce(0) { $0 + ($1 ?? 0) }
            var evidence = "\(instance.instanceType) stopped"
            let severity: Severity
            if let since {
                evidence += " for \(Evidence.plural(context.days(since: since.date), "day")) "
                    + "(since \(Evidence.day(since.date)), from \(since.source))"
                severity = context.atLeast(threshold, daysSince: since.date) ? .medium : .low
            } else {
                evidence += " (stopped since an unknown date)"
                severity = .low
            }
            evidence += "; \(Evidence.plural(volumes.count, "attached volume")) totalling "
                + "\(volumes.reduce(0) { $0 + $1.sizeGiB }) GiB still billed"
            return Finding(id: id, severity: severity, item: item, evidence: evidence,
                           recommendation: Self.recommendation, monthlySavingUSD: saving)
        }
    }
}
