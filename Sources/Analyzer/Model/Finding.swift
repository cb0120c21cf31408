import Inventory

/// One problem with one resource.
///
/// The fields live in a copy-on-write box, as `InventoryItem`'s do: a run makes 100,000 findings and copies each
/// several times (out of the rules, through the sort, into pages), and a copy is then one reference count instead
/// of one per string field. Setters copy the box first when it is shared, so findings behave as plain structs.
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

    /// `@unchecked Sendable`: mutated only through `update`, i.e. while one finding value owns it.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private mutating func update(_ change: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        change(&box.fields)
    }

    /// The stable id of the rule that found it.
    public var id: FindingID {
        get { box.fields.id }
        set { update { $0.id = newValue } }
    }
    public var severity: Severity {
        get { box.fields.severity }
        set { update { $0.severity = newValue } }
    }
    /// The resource's `resource_id` (ARN).
    public var resourceID: String {
        get { box.fields.resourceID }
        set { update { $0.resourceID = newValue } }
    }
    public var resourceType: ResourceType {
        get { box.fields.resourceType }
        set { update { $0.resourceType = newValue } }
    }
    public var region: String {
        get { box.fields.region }
        set { update { $0.region = newValue } }
    }
    public var accountID: String {
        get { box.fields.accountID }
        set { update { $0.accountID = newValue } }
    }
    /// The resource's name, if it has one (shown in the report; never sent to Bedrock).
    public var resourceName: String? {
        get { box.fields.resourceName }
        set { update { $0.resourceName = newValue } }
    }
    /// What was observed, e.g. "stopped for 42 days (since 2026-10-18, from StateTransitionReason)".
    public var evidence: String {
        get { box.fields.evidence }
        set { update { $0.evidence = newValue } }
    }
    /// What to do about it.
    public var recommendation: String {
        get { box.fields.recommendation }
        set { update { $0.recommendation = newValue } }
    }
    /// Estimated monthly saving in USD at list prices, when it can be computed.
    public var monthlySavingUSD: Double? {
        get { box.fields.monthlySavingUSD }
        set { update { $0.monthlySavingUSD = newValue } }
    }

    public static func == (lhs: Finding, rhs: Finding) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
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
        box = Box(Fields(id: id, severity: severity, resourceID: resourceID, resourceType: resourceType,
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
