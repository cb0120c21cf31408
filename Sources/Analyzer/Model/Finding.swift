import Inventory

/// One problem with one resource.
///
/// The fields live in a `CopyOnWrite` box, as `InventoryItem`'s do: a run makes 100,000 findings and copies each
/// several times (out of the rules, through the sort, into pages).
public struct Finding: Sendable, Hashable {
    struct Fields: Sendable, Hashable {
        var id: FindingID
        var severity: Severity
        var resourceID: String
        var resourceType: ResourceType
        var region: String
        var accountID: String
        var resourceName: String?
        var evidence: String
        var recommendation: String
        var monthlySavingUSD: Double?
    }

    private var fields: CopyOnWrite<Fields>

    /// The stable id of the rule that found it.
    public var id: FindingID {
        get { fields.value.id }
        set { fields.update { $0.id = newValue } }
    }
    public var severity: Severity {
        get { fields.value.severity }
        set { fields.update { $0.severity = newValue } }
    }
    /// The resource's `resource_id` (ARN).
    public var resourceID: String {
        get { fields.value.resourceID }
        set { fields.update { $0.resourceID = newValue } }
    }
    public var resourceType: ResourceType {
        get { fields.value.resourceType }
        set { fields.update { $0.resourceType = newValue } }
    }
    public var region: String {
        get { fields.value.region }
        set { fields.update { $0.region = newValue } }
    }
    public var accountID: String {
        get { fields.value.accountID }
        set { fields.update { $0.accountID = newValue } }
    }
    /// The resource's name, if it has one (shown in the report; never sent to Bedrock).
    public var resourceName: String? {
        get { fields.value.resourceName }
        set { fields.update { $0.resourceName = newValue } }
    }
    /// What was observed, e.g. "stopped for 42 days (since 2026-10-18, from StateTransitionReason)".
    public var evidence: String {
        get { fields.value.evidence }
        set { fields.update { $0.evidence = newValue } }
    }
    /// What to do about it.
    public var recommendation: String {
        get { fields.value.recommendation }
        set { fields.update { $0.recommendation = newValue } }
    }
    /// Estimated monthly saving in USD at list prices, when it can be computed.
    public var monthlySavingUSD: Double? {
        get { fields.value.monthlySavingUSD }
        set { fields.update { $0.monthlySavingUSD = newValue } }
    }

    public init(id: FindingID, severity: Severity, item: InventoryItem, evidence: String, recommendation: String,
                monthlySavingUSD: Double? = nil) {
        self.init(id: id, severity: severity, resourceID: item.resourceID, resourceType: item.resourceType,
                  region: item.region, accountID: item.accountID, resourceName: item.name, evidence: evidence,
                  recommendation: recommendation, monthlySavingUSD: monthlySavingUSD)
    }

    public init(id: FindingID, severity: Severity, resourceID: String, resourceType: ResourceType, region: String,
                accountID: String, resourceName: String? = nil, evidence: String, recommendation: String,
                monthlySavingUSD: Double? = nil) {
        fields = CopyOnWrite(Fields(id: id, severity: severity, resourceID: resourceID, resourceType: resourceType,
                         region: region, accountID: accountID, resourceName: resourceName, evidence: evidence,
                         recommendation: recommendation, monthlySavingUSD: monthlySavingUSD))
    }

    /// The identity used for "new" and "resolved" between scans: `<finding id>|<resource id>`.
    public var key: String {
        var key = id.rawValue
        key.reserveCapacity(key.utf8.count + 1 + resourceID.utf8.count)
        key += "|"
        key += resourceID
        return key
    }

    /// The findings in report order: severity (critical first), estimated saving to the cent (largest first, none
    /// last), catalogue order of the finding id; ties keep their input order (rules emit in the scan's item order),
    /// so the order is deterministic. Sorts small keys rather than the findings themselves (at 100,000 findings,
    /// moving the structs through a sort dominated the run).
    public static func sortedForReport(_ findings: [Finding]) -> [Finding] {
        var sorted = findings
        sortForReport(&sorted)
        return sorted
    }

    /// Sorts in place into report order (see `sortedForReport`), without a second array of findings.
    public static func sortForReport(_ findings: inout [Finding]) {
        // One integer per finding orders severity, then saving (to the cent, largest first, none last), then id.
        var keys: [(key: UInt64, index: Int)] = []
        keys.reserveCapacity(findings.count)
        findings.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                let maxCents: UInt64 = 1 << 41
                let cents = buffer[index].monthlySavingUSD.map {
                    min(UInt64(max(0, ($0 * 100).rounded())), maxCents - 1)
                }
                let inverted = cents.map { maxCents - 1 - $0 } ?? maxCents
                let key = UInt64(buffer[index].severity.rank) << 48 | inverted << 5 | UInt64(buffer[index].id.ordinal)
                keys.append((key, index))
            }
        }
        keys.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        // Apply the permutation by following its cycles with swaps: position i receives the finding at source[i].
        var source = keys.map(\.index)
        keys = []
        for start in source.indices where source[start] != start {
            var position = start
            while source[position] != start {
                let next = source[position]
                findings.swapAt(position, next)
                source[position] = position
                position = next
            }
            source[position] = position
        }
    }
}
