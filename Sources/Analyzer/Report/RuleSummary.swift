import Foundation

/// The summary paragraph written from the facts alone: the fallback whenever Bedrock is disabled or fails.
public enum RuleSummary {
    public static func text(_ facts: AnalysisFacts) -> String {
        guard facts.findingCount > 0 else {
            return "No findings across \(Evidence.plural(facts.resourceCount, "resource")) scanned."
                + (facts.scanComplete ? "" : " The scan was incomplete, so some resources may not have been checked.")
        }
        var sentences: [String] = []
        let severities = Severity.allCases.compactMap { severity in
            facts.findingsBySeverity[severity].map { "\($0) \(severity.rawValue)" }
        }
        sentences.append("\(Evidence.plural(facts.findingCount, "finding")) across "
            + "\(Evidence.plural(facts.resourceCount, "resource")) (\(severities.joined(separator: ", "))).")
        let urgent = facts.urgentRules.prefix(3).filter { $0.totals.worst >= .high }
        if !urgent.isEmpty {
            sentences.append("Most urgent: " + urgent.map { "\($0.id.title) (\($0.totals.count))" }
                .joined(separator: "; ") + ".")
        }
        if facts.totalMonthlySavingUSD > 0 {
            let top = facts.rankedRules.prefix(3).filter { $0.totals.monthlySavingUSD > 0 }
            sentences.append("Estimated savings of about \(Evidence.usd(facts.totalMonthlySavingUSD)) per month, "
                + "mostly from " + top.map { "\($0.id.title) (\(Evidence.usd($0.totals.monthlySavingUSD)))" }
                    .joined(separator: ", ") + ".")
        }
        if let new = facts.newFindings, let resolved = facts.resolvedFindings {
            sentences.append("Since the previous scan: \(new) new, \(resolved) resolved.")
        }
        if !facts.scanComplete {
            sentences.append("The scan was incomplete"
                + (facts.failedServices.isEmpty ? "" : " (\(facts.failedServices.joined(separator: ", ")) failed)")
                + ", so these results may understate the estate.")
        }
        return sentences.joined(separator: " ")
    }
}
