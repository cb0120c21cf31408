import Inventory

/// `cmp.rds.multi-az`: a DB instance without Multi-AZ (AWS Config `rds-multi-az-support`, which excludes Aurora,
/// whose availability is configured on the cluster).
public struct RDSMultiAZRule: Rule {
    public let id = FindingID.rdsMultiAZ
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.databases.compactMap { item, database in
            guard !database.multiAZ, !database.engine.hasPrefix("aurora"), !database.engine.hasPrefix("docdb"),
                  !database.engine.hasPrefix("neptune")
            else { return nil }
            return Finding(id: id, severity: .medium, item: item,
                           evidence: "\(database.engine) \(database.instanceClass) runs in a single Availability Zone",
                           recommendation: "Enable Multi-AZ for production databases")
        }
    }
}
