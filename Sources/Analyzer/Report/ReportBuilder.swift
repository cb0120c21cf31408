import Foundation
import Inventory

/// Writes the email body in the seed's layout (SUMMARY, CRITICAL FINDINGS, TOP RECOMMENDATIONS, CRITICAL ISSUES),
/// extended with the summary paragraph and its source, every finding by severity, the change since the previous
/// scan, scan completeness and the age of the bundled data — always under the SNS message limit.
public struct ReportBuilder: Sendable {
    /// What the report is built from.
    public struct Input: Sendable {
        /// Findings in report order (`Finding.sortedForReport`, as `Analysis.evaluate` returns them).
        public var findings: [Finding]
        public var facts: AnalysisFacts
        public var scan: ScanKey
        public var scanSummary: ScanSummary?
        public var delta: AnalysisDelta?
        public var summaryText: String
        public var summarySource: SummarySource
        public var eolDataAsOf: Date
        public var pricesAsOf: Date
        public var pricesRegion: String
        /// How many EKS versions / RDS engine majors had live dates in the scan summary.
        public var liveLifecycleEntries: Int
        public var tableName: String
        public var now: Date
    }

    /// The body's budget in UTF-8 bytes; below SNS's 262,144 with room for the subject and attributes.
    public var maxMessageBytes = 250_000
    /// Findings listed per severity before "… and K more" (reduced automatically to fit the budget).
    public var findingsPerSeverity = 250
    /// New/resolved findings listed in the change section.
    public var deltaLines = 50
    /// Longest line of one finding.
    public var maxLineCharacters = 500

    public init() {}

    public func build(_ input: Input) -> Report {
        // The same layout with ever shorter lists until it fits; the lists are the only unbounded part.
        var limit = findingsPerSeverity
        var deltaLimit = deltaLines
        let groups = Groups(input.findings)
        while true {
            let body = render(input, groups, perSeverity: limit, deltaLimit: deltaLimit)
            if body.utf8.count <= maxMessageBytes || (limit == 0 && deltaLimit == 0) {
                return Report(subject: Report.subject(resourceCount: input.facts.resourceCount),
                              message: Self.cut(body, toBytes: maxMessageBytes), summarySource: input.summarySource)
            }
            limit /= 2
            deltaLimit /= 2
        }
    }

    /// Indices of the findings each section lists, computed once (the render may run several times).
    struct Groups {
        var bySeverity: [Severity: [Int]] = [:]
        var stopped: [Int] = []

        init(_ findings: [Finding]) {
            // By index, not `for finding in findings`: iterating would copy every finding.
            for index in findings.indices {
                bySeverity[findings[index].severity, default: []].append(index)
                if findings[index].id == .ec2Stopped { stopped.append(index) }
            }
        }
    }

    func render(_ input: Input, _ groups: Groups, perSeverity: Int, deltaLimit: Int) -> String {
        let facts = input.facts
        let findings = input.findings
        var out = "AWS Infrastructure Inventory Alert\n\n\nAWS Infrastructure Analysis Report\n"
        out += "Generated: \(Self.minute(input.now))\n"
        out += "Scan: \(input.scan.id) (started \(Self.minute(input.scan.startedAt)))"
        out += completenessLine(input) + "\n\n"

        out += "SUMMARY:\n"
        out += "- Total Resources: \(facts.resourceCount)\n"
        out += "- Resource Types: " + Self.counts(facts.resourcesByType.map { ($0.key.label, $0.value) }) + "\n"
        out += "- Regions: " + Self.counts(facts.resourcesByRegion.map { ($0.key, $0.value) }) + "\n"
        let severityCounts = Severity.allCases.map { "\($0.rawValue) \(facts.findingsBySeverity[$0] ?? 0)" }
        out += "- Findings: \(facts.findingCount) (\(severityCounts.joined(separator: ", ")))\n"
        out += "- Estimated monthly savings: \(Evidence.usd(facts.totalMonthlySavingUSD)) (estimate from "
            + "\(input.pricesRegion) list prices of \(Timestamp.formatDay(input.pricesAsOf)))\n\n"

        out += "SUMMARY (source: \(input.summarySource.rawValue)):\n\(input.summaryText)\n\n"

        out += "CRITICAL FINDINGS:\n"
        out += "- Stopped EC2 Instances: \(facts.byRule[.ec2Stopped]?.count ?? 0)\n"
        out += "- S3 Buckets without Lifecycle: \(facts.byRule[.s3NoLifecycle]?.count ?? 0)\n"
        let eos = FindingID.allCases.filter { $0.category == "eos" }.reduce(0) { $0 + (facts.byRule[$1]?.count ?? 0) }
        out += "- EOS/EOL Warnings: \(eos)\n"
        out += "- Critical severity: \(facts.findingsBySeverity[.critical] ?? 0), high: "
            + "\(facts.findingsBySeverity[.high] ?? 0)\n\n"

        out += "TOP RECOMMENDATIONS:\n"
        let ranked = facts.rankedRules.prefix(5)
        if ranked.isEmpty { out += "None: no findings.\n" }
        for (index, entry) in ranked.enumerated() {
            out += "\(index + 1). \(entry.id.action(count: entry.totals.count)) [\(entry.totals.worst.rawValue)]"
            if entry.totals.monthlySavingUSD > 0 {
                out += " - est. \(Evidence.usd(entry.totals.monthlySavingUSD))/month"
            }
            out += "\n"
        }
        out += "\n"

        out += "CRITICAL ISSUES:\n"
        let stopped = groups.stopped
        if !stopped.isEmpty {
            let shown = stopped.prefix(max(perSeverity, 1)).map { findings[$0].resourceName ?? findings[$0].resourceID }
            out += "Stopped EC2: " + shown.joined(separator: ", ")
            out += stopped.count > shown.count ? " … and \(stopped.count - shown.count) more\n" : "\n"
        }
        out += list(findings, groups.bySeverity[.critical] ?? [], limit: perSeverity,
                    empty: stopped.isEmpty ? "None.\n" : "")
        out += "\n"

        out += "CHANGE SINCE PREVIOUS SCAN:\n"
        if let delta = input.delta {
            let sign = delta.resourceDelta >= 0 ? "+" : ""
            out += "- Previous scan: \(delta.previousScan.id) (started \(Self.minute(delta.previousScan.startedAt)))\n"
            out += "- Resources: \(delta.resourceCount) (\(sign)\(delta.resourceDelta))\n"
            out += "- New findings: \(delta.newCount)\n"
            out += list(delta.newFindings, Array(delta.newFindings.indices.prefix(deltaLimit)),
                        total: delta.newCount, limit: deltaLimit, empty: "")
            out += "- Resolved findings: \(delta.resolvedCount)\n"
            for key in delta.resolvedKeys.prefix(deltaLimit) {
                out += "  - [" + key.replacingOccurrences(of: "|", with: "] ") + "\n"
            }
            if delta.resolvedCount > deltaLimit {
                out += "  … and \(delta.resolvedCount - deltaLimit) more\n"
            }
            if delta.uncheckedCount > 0 {
                out += "- Not re-checked (their service failed in this scan): \(delta.uncheckedCount)\n"
            }
        } else {
            out += "- No previous analysis to compare with (first run).\n"
        }
        out += "\n"

        out += "ALL FINDINGS BY SEVERITY:\n"
        for severity in Severity.allCases {
            let group = groups.bySeverity[severity] ?? []
            out += "\(severity.label) (\(group.count)):\n"
            out += list(findings, group, limit: perSeverity, empty: "  none\n")
        }
        out += "\n"

        out += "SCAN COMPLETENESS:\n" + completenessDetail(input) + "\n"

        out += "DATA:\n"
        out += "- Summary source: \(input.summarySource.rawValue)\n"
        out += "- End-of-support table as of \(Timestamp.formatDay(input.eolDataAsOf)) "
            + "(\(Evidence.plural(max(0, Timestamp.wholeDays(from: input.eolDataAsOf, to: input.now)), "day")) old)"
            + (input.liveLifecycleEntries > 0
                ? "; live AWS lifecycle dates for \(input.liveLifecycleEntries) EKS/RDS versions took precedence\n"
                : "\n")
        out += "- Prices as of \(Timestamp.formatDay(input.pricesAsOf)) "
            + "(\(Evidence.plural(max(0, Timestamp.wholeDays(from: input.pricesAsOf, to: input.now)), "day")) old), "
            + "\(input.pricesRegion) on-demand list prices; every saving is an estimate\n\n"

        out += "View full details in DynamoDB table: \(input.tableName)\n"
        out += "Scan Date: \(Self.minute(input.scan.startedAt))\n"
        return out
    }

    /// Lines for `findings[indices]` up to `limit`, then "… and K more" (of `total`, default `indices.count`).
    private func list(_ findings: [Finding], _ indices: [Int], total: Int? = nil, limit: Int,
                      empty: String) -> String {
        let total = total ?? indices.count
        guard total > 0 else { return empty }
        var out = ""
        for index in indices.prefix(limit) {
            let finding = findings[index]
            var line = "  - [\(finding.id.rawValue)] \(finding.resourceID)"
            if let name = finding.resourceName, !finding.resourceID.hasSuffix(name) { line += " (\(name))" }
            line += ": \(finding.evidence). \(finding.recommendation)."
            if let saving = finding.monthlySavingUSD, saving > 0 { line += " Est. \(Evidence.usd(saving))/month." }
            if line.count > maxLineCharacters { line = String(line.prefix(maxLineCharacters - 1)) + "…" }
            out += line + "\n"
        }
        if total > limit { out += "  … and \(total - limit) more\n" }
        return out
    }

    private func completenessLine(_ input: Input) -> String {
        guard let summary = input.scanSummary else { return " - completeness unknown (no scan summary)" }
        guard !summary.complete else { return " - complete" }
        return " - INCOMPLETE (\(Evidence.plural(summary.errors.count, "service failure")))"
    }

    private func completenessDetail(_ input: Input) -> String {
        guard let summary = input.scanSummary else { return "- No scan summary was found; completeness unknown.\n" }
        if summary.complete && summary.errors.isEmpty { return "- Complete: every service and region was scanned.\n" }
        // A complete scan can still carry errors: the collector's lifecycle lookups (`eks-versions`, …) fail without
        // losing resources, and the bundled dates are used instead. Saying INCOMPLETE then would contradict the header.
        var out = summary.complete
            ? "- Complete: every resource was listed; these lookups failed (bundled end-of-support dates used):\n"
            : "- INCOMPLETE: resources of the services below are missing from this analysis.\n"
        for error in summary.errors.prefix(50) {
            // One line per failure: an error body (an HTML error page) must not break the email's layout.
            let first = error.message.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            out += "  - \(error.service) in \(error.region): \(first.prefix(200))\n"
        }
        if summary.errors.count > 50 { out += "  … and \(summary.errors.count - 50) more\n" }
        return out
    }

    static func minute(_ date: Date) -> String {
        let text = Timestamp.format(date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }

    static func counts(_ pairs: [(String, Int)]) -> String {
        let merged = Dictionary(pairs) { $0 + $1 }
        guard !merged.isEmpty else { return "none" }
        return merged.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key)(\($0.value))" }.joined(separator: ", ")
    }

    /// Cuts text to at most `bytes` UTF-8 bytes on a character boundary (a last resort; the lists shrink first).
    static func cut(_ text: String, toBytes bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        let marker = "\n… (report truncated to fit the SNS message limit)\n"
        var result = ""
        var used = 0
        for character in text {
            let size = character.utf8.count
            if used + size > bytes - marker.utf8.count { break }
            result.append(character)
            used += size
        }
        return result + marker
    }
}
