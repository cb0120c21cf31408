import Foundation
import Inventory

/// Since when each resource has been in the states whose age AWS does not expose: EC2 instances `stopped` (when
/// `StateTransitionReason` carries no date) and EBS volumes `unattached`.
///
/// Built by folding scans oldest first (`build(from:)`), or advanced one scan at a time from the history the
/// previous analysis stored (`advanced(with:scan:complete:)`), so no run needs to read old scans.
public struct ResourceHistory: Sendable, Hashable {
    /// Records by `resource_id`.
    public private(set) var records: [String: ResourceStateRecord]

    public init(records: [ResourceStateRecord] = []) {
        self.records = Dictionary(records.map { ($0.resourceID, $0) }) { _, last in last }
    }

    /// The tracked state of an item, or nil when its kind/state is not tracked.
    public static func trackedState(of item: InventoryItem) -> String? {
        switch item.details {
        case .ec2Instance: item.state == "stopped" ? "stopped" : nil
        case .ebsVolume(let volume): volume.attachedInstanceIDs.isEmpty ? "unattached" : nil
        default: nil
        }
    }

    /// Since when the resource has been in `state`, according to the history.
    public func since(_ resourceID: String, state: String) -> Date? {
        guard let record = records[resourceID], record.state == state else { return nil }
        return record.since
    }

    /// The history after one more scan. A resource in a tracked state keeps its `since` if it was already in that
    /// state, or starts at this scan. Resources not seen are dropped — unless the scan was incomplete, when they
    /// may merely be missing from a failed service and are carried over unchanged.
    public func advanced(with items: [InventoryItem], scan: ScanKey, complete: Bool) -> ResourceHistory {
        var next: [String: ResourceStateRecord] = [:]
        next.reserveCapacity(records.count)
        var seen = Set<String>()
        if !complete { seen.reserveCapacity(items.count) }
        for item in items {
            if !complete { seen.insert(item.resourceID) }
            guard let state = Self.trackedState(of: item) else { continue }
            if let previous = records[item.resourceID], previous.since <= scan.startedAt {
                next[item.resourceID] = ResourceStateRecord(
                    resourceID: item.resourceID, state: state,
                    since: previous.state == state ? previous.since : scan.startedAt, firstSeen: previous.firstSeen)
            } else {
                next[item.resourceID] = ResourceStateRecord(resourceID: item.resourceID, state: state,
                                                            since: scan.startedAt, firstSeen: scan.startedAt)
            }
        }
        if !complete {
            for (id, record) in records where !seen.contains(id) { next[id] = record }
        }
        var history = ResourceHistory()
        history.records = next
        return history
    }

    /// Folds stored scans (any order) into a history.
    public static func build(from scans: [(scan: ScanKey, complete: Bool, items: [InventoryItem])]) -> ResourceHistory {
        scans.sorted { $0.scan < $1.scan }.reduce(ResourceHistory()) { history, entry in
            history.advanced(with: entry.items, scan: entry.scan, complete: entry.complete)
        }
    }
}
