import Inventory

/// One problem with one resource.
public struct Finding: Sendable, Hashable {
    /// The stable id of the rule that found it.
    public var id: FindingID
    public var severity: Severity
    /// The resource's `resource_id` (ARN).
    public var resourceID: String
    public var resourceType: ResourceType
    public var region: String
    public var accountID: String
    /// The resource's name, if it has one (shown in the report; never sent to Bedrock).
    public var resourceName: String?
    /// What was observed, e.g. "stopped for 42 days (since 2026-10-18, from StateTransitionReason)".
    public var evidence: String
    /// What to do about it.
    public var recommendation: String
    /// Estimated monthly saving in USD at list prices, when it can be computed.
    public var monthlySavingUSD: Double?

    public init(id: FindingID, severity: Severity, item: InventoryItem, evidence: String, recommendation: String,
                monthlySavingUSD: Double? = nil) {
        self.init(id: id, severity: severity, resourceID: item.resourceID, resourceType: item.resourceType,
                  region: item.region, accountID: item.accountID, resourceName: item.name, evidence: evidence,
                  recommendation: recommendation, monthlySavingUSD: monthlySavingUSD)
    }

    public init(id: FindingID, severity: Severity, resourceID: String, resourceType: ResourceType, region: String,
                accountID: String, resourceName: String? = nil, evidence: String, recommendation: String,
                monthlySavingUSD: Double? = nil) {
        self.id = id
        self.severity = severity
        self.resourceID = resourceID
        self.resourceType = resourceType
        self.region = region
        self.accountID = accountID
        self.resourceName = resourceName
        self.evidence = evidence
        self.recommendation = recommendation
        self.monthlySavingUSD = monthlySavingUSD
    }

    /// The identity used for "new" and "resolved" between scans: `<finding id>|<resource id>`.
    public var key: String { id.rawValue + "|" + resourceID }

    /// Report order: severity, then saving (largest first), then id and resource for stability.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        let left = lhs.monthlySavingUSD ?? -1, right = rhs.monthlySavingUSD ?? -1
        if left != right { return left > right }
        if lhs.id != rhs.id { return lhs.id < rhs.id }
        return lhs.resourceID < rhs.resourceID
    }
}
