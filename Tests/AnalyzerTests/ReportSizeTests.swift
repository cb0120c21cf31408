import Foundation
import Inventory
import Testing
@testable import Analyzer

@Suite struct ReportSizeTests {
    static func findings(_ count: Int) -> [Finding] {
        (0..<count).map { index in
            let id = FindingID.allCases[index % FindingID.allCases.count]
            return Finding(id: id, severity: Severity.allCases[index % 4],
                           resourceID: "arn:aws:ec2:us-east-1:123456789012:volume/vol-"
                               + String(repeating: "0", count: 40) + String(index),
                           resourceType: .ebsVolume, region: "us-east-1", accountID: "123456789012",
                           resourceName: "name-" + String(repeating: "n", count: 200),
                           evidence: String(repeating: "evidence ", count: 60), recommendation: "fix it",
                           monthlySavingUSD: index % 3 == 0 ? Double(index) : nil)
        }
    }

    @Test func fiftyThousandFindingsStayUnderTheSNSLimit() throws {
        let findings = Finding.sortedForReport(Self.findings(50_000))
        let facts = AnalysisFacts(items: [], findings: findings, scanSummary: nil, delta: nil)
        let previous = AnalysisSummary(scan: ScanKey.derived(from: Fixture.daysAgo(1)), analyzedAt: Fixture.now,
                                       resourceCount: 10, summarySource: "rules",
                                       findingKeys: (0..<50_000).map { "cmp.tags.missing|arn:old-\($0)" },
                                       findingsJSON: [], history: [])
        let delta = AnalysisDelta(previous: previous, findings: findings, keys: findings.map(\.key),
                                  resourceCount: 50_000)
        let report = ReportBuilder().build(ReportBuilder.Input(
            findings: findings, facts: facts, scan: Fixture.scan, scanSummary: nil, delta: delta,
            summaryText: "s", summarySource: .rules, eolDataAsOf: Fixture.now, pricesAsOf: Fixture.now,
            pricesRegion: "us-east-1", liveLifecycleEntries: 0, tableName: "aws-inventory", now: Fixture.now))
        let bytes = report.message.utf8.count
        #expect(bytes < Report.snsMessageLimitBytes)
        #expect(bytes > 100_000, "the budget should be used, not wasted (\(bytes) bytes)")
        #expect(report.message.contains("more\n"))
        #expect(report.message.contains("CRITICAL (12500):"))
        #expect(!report.message.contains("report truncated"), "lists shrink before the hard cut")
        #expect(report.subject.count <= Report.maxSubjectCharacters)
    }

    @Test func subjectIsCappedAt100Characters() {
        #expect(Report.subject(resourceCount: Int.max).count <= 100)
        #expect(Report.subject(resourceCount: 2) == "AWS Inventory Alert - 2 Resources Scanned")
    }

    @Test func hardCutKeepsCharactersWhole() {
        let text = String(repeating: "é✓", count: 1_000)
        let cut = ReportBuilder.cut(text, toBytes: 501)
        #expect(cut.utf8.count <= 501)
        #expect(cut.hasSuffix("limit)\n"))
    }
}

@Suite struct ReportOrderTests {
    @Test func inPlaceSortMatchesANaiveStableSort() {
        var findings = ReportSizeTests.findings(5_000)
        findings.shuffle()
        let naive = findings.enumerated().sorted { lhs, rhs in
            let (l, r) = (lhs.element, rhs.element)
            if l.severity != r.severity { return l.severity > r.severity }
            let (ls, rs) = (l.monthlySavingUSD ?? -1, r.monthlySavingUSD ?? -1)
            if ls != rs { return ls > rs }
            if l.id != r.id { return l.id.ordinal < r.id.ordinal }
            return lhs.offset < rhs.offset
        }.map(\.element)
        #expect(Finding.sortedForReport(findings) == naive)
    }
}
