import Foundation
import Inventory

/// Aggregates of one analysis — counts and sums only, no resource ids, names or tag values. The report's summary
/// lines, the rule-based summary and the Bedrock prompt are all built from it.
public struct AnalysisFacts: Sendable, Hashable {
    /// Totals for one finding id.
    public struct RuleTotals: Sendable, Hashable {
        public var count = 0
        public var bySeverity: [Severity: Int] = [:]
        public var monthlySavingUSD = 0.0
        /// Findings of this id that have a computed saving.
        public var withSaving = 0
        /// The highest severity among them.
        public var worst: Severity = .low
    }

    public var resourceCount: Int
    public var resourcesByType: [ResourceType: Int]
    public var resourcesByRegion: [String: Int]
    public var findingCount: Int
    public var findingsBySeverity: [Severity: Int]
    public var byRule: [FindingID: RuleTotals]
    public var totalMonthlySavingUSD: Double
    public var scanComplete: Bool
    /// `service:region` of what failed during the scan.
    public var failedServices: [String]
    public var newFindings: Int?
    public var resolvedFindings: Int?
    public var resourceDelta: Int?

    public init(items: [InventoryItem], findings: [Finding], scanSummary: ScanSummary?, delta: AnalysisDelta?) {
        resourceCount = items.count
        var byType: [ResourceType: Int] = [:], byRegion: [String: Int] = [:]
        for item in items {
            byType[item.resourceType, default: 0] += 1
            byRegion[item.region, default: 0] += 1
        }
        resourcesByType = byType
        resourcesByRegion = byRegion
        findingCount = findings.count
        // Array-indexed tallies: one pass, no hashing or copy-on-write per finding.
        var severityCounts = [Int](repeating: 0, count: Severity.allCases.count)
        var ruleCounts = [[Int]](repeating: severityCounts, count: FindingID.allCases.count)
        var ruleSavings = [Double](repeating: 0, count: FindingID.allCases.count)
        var ruleWithSaving = [Int](repeating: 0, count: FindingID.allCases.count)
        var total = 0.0
        for index in findings.indices {  // by index: `for finding in findings` would copy every finding
            let rule = findings[index].id.ordinal, severity = findings[index].severity.rank
            severityCounts[severity] += 1
            ruleCounts[rule][severity] += 1
            if let saving = findings[index].monthlySavingUSD {
                ruleSavings[rule] += saving
                ruleWithSaving[rule] += 1
                total += saving
            }
        }
        var bySeverity: [Severity: Int] = [:], byRule: [FindingID: RuleTotals] = [:]
        for severity in Severity.allCases where severityCounts[severity.rank] > 0 {
            bySeverity[severity] = severityCounts[severity.rank]
        }
        for id in FindingID.allCases {
            let counts = ruleCounts[id.ordinal]
            let count = counts.reduce(0, +)
            guard count > 0 else { continue }
            var totals = RuleTotals()
            totals.count = count
            for severity in Severity.allCases where counts[severity.rank] > 0 {
                totals.bySeverity[severity] = counts[severity.rank]
            }
            totals.worst = Severity.allCases.first { counts[$0.rank] > 0 } ?? .low
            totals.monthlySavingUSD = ruleSavings[id.ordinal]
            totals.withSaving = ruleWithSaving[id.ordinal]
            byRule[id] = totals
        }
        findingsBySeverity = bySeverity
        self.byRule = byRule
        totalMonthlySavingUSD = total
        scanComplete = scanSummary?.complete ?? false
        failedServices = (scanSummary?.errors ?? []).map(\.key).sorted()
        newFindings = delta?.newCount
        resolvedFindings = delta?.resolvedCount
        resourceDelta = delta?.resourceDelta
    }

    /// Finding ids ranked for "top recommendations": by estimated saving, then worst severity, then count.
    public var rankedRules: [(id: FindingID, totals: RuleTotals)] {
        byRule.map { ($0.key, $0.value) }.sorted { lhs, rhs in
            if lhs.totals.monthlySavingUSD != rhs.totals.monthlySavingUSD {
                return lhs.totals.monthlySavingUSD > rhs.totals.monthlySavingUSD
            }
            if lhs.totals.worst != rhs.totals.worst { return lhs.totals.worst > rhs.totals.worst }
            if lhs.totals.count != rhs.totals.count { return lhs.totals.count > rhs.totals.count }
            return lhs.id < rhs.id
        }
    }

    /// Finding ids ranked by urgency: worst severity, then count.
    public var urgentRules: [(id: FindingID, totals: RuleTotals)] {
        byRule.map { ($0.key, $0.value) }.sorted { lhs, rhs in
            if lhs.totals.worst != rhs.totals.worst { return lhs.totals.worst > rhs.totals.worst }
            if lhs.totals.count != rhs.totals.count { return lhs.totals.count > rhs.totals.count }
            return lhs.id < rhs.id
        }
    }
}
