import Foundation
import Inventory

/// What changed since the previous analysis: findings that appeared or went away, and the resource count.
public struct AnalysisDelta: Sendable, Hashable {
    /// The previous analysis' scan.
    public var previousScan: ScanKey
    public var previousResourceCount: Int
    public var resourceCount: Int
    /// Findings present now and not before.
    public var newFindings: [Finding]
    /// Keys (`<finding id>|<resource id>`) present before and not now.
    public var resolvedKeys: [String]

    public var resourceDelta: Int { resourceCount - previousResourceCount }

    /// Compares the current findings with the previous analysis; nil when there is none.
    public init?(previous: AnalysisSummary?, findings: [Finding], resourceCount: Int) {
        guard let previous else { return nil }
        let before = Set(previous.findingKeys)
        var now = Set<String>()
        now.reserveCapacity(findings.count)
        var new: [Finding] = []
        for finding in findings {
            let key = finding.key
            now.insert(key)
            if !before.contains(key) { new.append(finding) }
        }
        previousScan = previous.scan
        previousResourceCount = previous.resourceCount
        self.resourceCount = resourceCount
        newFindings = new
        resolvedKeys = previous.findingKeys.filter { !now.contains($0) }.sorted()
    }
}
