import Foundation
import Inventory

/// What changed since the previous analysis: findings that appeared or went away, and the resource count.
public struct AnalysisDelta: Sendable, Hashable {
    /// The previous analysis' scan.
    public var previousScan: ScanKey
    public var previousResourceCount: Int
    public var resourceCount: Int
    /// How many findings are present now and not before.
    public var newCount: Int
    /// The first `listLimit` of them, in report order.
    public var newFindings: [Finding]
    /// How many findings (keys `<finding id>|<resource id>`) were present before and not now.
    public var resolvedCount: Int
    /// The first `listLimit` of their keys, in the previous report's order.
    public var resolvedKeys: [String]
    /// Previous findings not seen now whose service failed in this scan's region: not re-checked, so neither
    /// counted as resolved nor forgotten.
    public var uncheckedCount: Int

    public var resourceDelta: Int { resourceCount - previousResourceCount }

    /// Compares the current findings (in report order, with their `keys`) with the previous analysis; nil when
    /// there is none. Only counts and the first `listLimit` entries are kept: the report lists no more.
    /// `failedServices` holds `service:region` of what failed in this scan (`ScanSummary.ServiceError.key`).
    public init?(previous: AnalysisSummary?, findings: [Finding], keys: [String], resourceCount: Int,
                 failedServices: Set<String> = [], listLimit: Int = 250) {
        guard let previous else { return nil }
        precondition(keys.count == findings.count, "one key per finding")
        // One hash table (previous key → position) and a "still present" flag per previous key.
        var before = [String: Int](minimumCapacity: previous.findingKeys.count)
        for (position, key) in previous.findingKeys.enumerated() { before[key] = position }
        var present = [Bool](repeating: false, count: previous.findingKeys.count)
        var newCount = 0
        var new: [Finding] = []
        for (index, key) in keys.enumerated() {
            if let position = before[key] {
                present[position] = true
            } else {
                newCount += 1
                if new.count < listLimit { new.append(findings[index]) }
            }
        }
        var resolvedCount = 0, uncheckedCount = 0
        var resolved: [String] = []
        for (position, key) in previous.findingKeys.enumerated() where !present[position] {
            if !failedServices.isEmpty, let scope = Self.serviceScope(ofKey: key),
               failedServices.contains(scope.service + ":" + scope.region) {
                uncheckedCount += 1
                continue
            }
            resolvedCount += 1
            if resolved.count < listLimit { resolved.append(key) }
        }
        self.uncheckedCount = uncheckedCount
        previousScan = previous.scan
        previousResourceCount = previous.resourceCount
        self.resourceCount = resourceCount
        self.newCount = newCount
        newFindings = new
        self.resolvedCount = resolvedCount
        resolvedKeys = resolved
    }

    /// The service and region of a finding key's ARN (`<id>|arn:aws:<service>:<region>:…`); S3 ARNs have no
    /// region and map to `global`.
    static func serviceScope(ofKey key: String) -> (service: String, region: String)? {
        guard let bar = key.firstIndex(of: "|") else { return nil }
        let parts = key[key.index(after: bar)...].split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] == "arn" else { return nil }
        return (String(parts[2]), parts[3].isEmpty ? "global" : String(parts[3]))
    }
}
