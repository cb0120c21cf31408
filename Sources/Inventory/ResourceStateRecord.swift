import Foundation

/// What the inventory's history knows about one resource: since when it has been in its current state.
///
/// AWS does not expose how long a volume has been unattached or (often) since when an instance is stopped; the
/// analyzer derives it from its own history, carried from one analysis to the next in `AnalysisSummary`.
public struct ResourceStateRecord: Sendable, Hashable {
    /// The resource's `resource_id`.
    public var resourceID: String
    /// The state tracked (`stopped`, `unattached`, `running`, …).
    public var state: String
    /// The start of the first scan that saw the resource in this state (without a gap since).
    public var since: Date
    /// The start of the first scan that saw the resource at all.
    public var firstSeen: Date

    public init(resourceID: String, state: String, since: Date, firstSeen: Date) {
        self.resourceID = resourceID
        self.state = state
        self.since = since
        self.firstSeen = firstSeen
    }

    /// The stored form, one string of the `history` list: `since<TAB>first seen<TAB>state<TAB>resource id`.
    public var encoded: String {
        Timestamp.format(since) + "\t" + Timestamp.format(firstSeen) + "\t" + state + "\t" + resourceID
    }

    /// Reads the stored form.
    public init(encoded: String) throws {
        let parts = encoded.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let since = Timestamp.parse(String(parts[0])),
              let firstSeen = Timestamp.parse(String(parts[1]))
        else {
            throw InventoryError(.wrongType, attribute: "history", "malformed history entry '\(encoded)'")
        }
        self.init(resourceID: String(parts[3]), state: String(parts[2]), since: since, firstSeen: firstSeen)
    }
}
