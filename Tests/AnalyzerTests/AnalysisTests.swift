import Foundation
import InfragenTestSupport
import Inventory
import Testing
@testable import Analyzer

@Suite struct AnalysisTests {
    @Test func everyFindingIDFiresOnTheEstateAndCleanResourcesStayClean() async throws {
        let output = await Analysis.run(Estate.input(), summaryWriter: nil)
        #expect(Set(output.findings.map(\.id)) == Set(FindingID.allCases))
        let clean = ["i-running", "vol-attached", "snap-new", "bucket-good", "db-good", "fn-new", "eks-new"]
        for name in clean {
            let hits = output.findings.filter { $0.resourceName == name }.map(\.id.rawValue)
            #expect(hits.isEmpty, "\(name) should be clean, got \(hits)")
        }
        #expect(output.findings.filter { $0.id == .amiUnused }.compactMap(\.resourceName) == ["ami-idle"])
    }

    @Test func reportLayoutAndSubject() async throws {
        let output = await Analysis.run(Estate.input(), summaryWriter: nil)
        let message = output.report.message
        #expect(output.report.subject == "AWS Inventory Alert - \(Estate.items.count) Resources Scanned")
        let sections = ["SUMMARY:", "SUMMARY (source: rules):", "CRITICAL FINDINGS:", "TOP RECOMMENDATIONS:",
                        "CRITICAL ISSUES:", "CHANGE SINCE PREVIOUS SCAN:", "ALL FINDINGS BY SEVERITY:",
                        "SCAN COMPLETENESS:", "DATA:"]
        var cursor = message.startIndex
        for section in sections {
            let range = try #require(message.range(of: "\n" + section + "\n", range: cursor..<message.endIndex),
                                     "missing or out of order: \(section)")
            cursor = range.upperBound
        }
        #expect(message.contains("- Stopped EC2 Instances: 1"))
        #expect(message.contains("Stopped EC2: i-stopped"))
        #expect(message.contains("INCOMPLETE"))
        #expect(message.contains("rds in eu-west-1: AccessDenied"))
        #expect(message.contains("End-of-support table as of 2026-11-29 (0 days old)"))
        #expect(message.contains("every saving is an estimate"))
        #expect(message.contains("first run"))
        try Golden.check(message, against: "Tests/AnalyzerTests/Golden/estate-report.txt")
    }

    @Test func findingsJSONHasTheContractFields() async throws {
        let output = await Analysis.run(Estate.input(), summaryWriter: nil)
        let records = try JSONDecoder().decode([FindingRecord].self, from: Data(output.findingsJSON.utf8))
        #expect(records.count == output.findings.count)
        let raw = try #require(JSONSerialization.jsonObject(with: Data(output.findingsJSON.utf8)) as? [[String: Any]])
        for object in raw {
            for key in ["finding_id", "resource_id", "resource_type", "region", "severity", "monthly_saving_usd",
                        "detail"] {
                #expect(object.keys.contains(key), "missing \(key)")
            }
        }
        #expect(raw.contains { $0["monthly_saving_usd"] is NSNull })
        let stopped = try #require(records.first { $0.findingID == "idle.ec2.stopped" })
        #expect(stopped.monthlySavingUSD == 0.8)
        #expect(stopped.severity == "medium")
    }

    @Test func storedPagesCarryTheFindingsJSON() async throws {
        let output = await Analysis.run(Estate.input(), summaryWriter: nil)
        var iterator = output.analysisPages(maxPageBytes: 2_000)
        var pages: [AttributeMap] = []
        while let page = iterator.next() { pages.append(page) }
        #expect(pages.count > 2)
        for page in pages { #expect(page.approximateSize <= 2_000 + 1_024) }
        let stored = try AnalysisSummary(pages: pages)
        #expect(stored.findingKeys == output.findings.map(\.key))
        #expect(stored.findingsJSON == output.findings.map(FindingsJSON.object))
        let records = try stored.findingsJSON.map { try JSONDecoder().decode(FindingRecord.self, from: Data($0.utf8)) }
        #expect(records.map(\.findingID) == output.findings.map(\.id.rawValue))
        // Read back without the bulky findings (a projection), the keys and history still check out.
        let projected = pages.map { page -> AttributeMap in var copy = page; copy["findings"] = nil; return copy }
        #expect(try AnalysisSummary(pages: projected).findingKeys == stored.findingKeys)
        // A missing last page is detected.
        #expect(throws: InventoryError.self) { try AnalysisSummary(pages: Array(pages.dropLast())) }
    }

    @Test(arguments: [(16.0, "16"), (2.5, "2.5"), (0.16, "0.16"), (0.05, "0.05"), (1.006, "1.01"), (0.0, "0"),
                      (292.0, "292"), (1_234_567.891, "1234567.89")])
    func savingsAreWrittenInCents(amount: Double, text: String) {
        #expect(FindingsJSON.centsText(amount) == text)
    }

    @Test func jsonEscaping() throws {
        var finding = Estate.items.first.map {
            Finding(id: .tagsMissing, severity: .low, item: $0,
                    evidence: "quote \" slash \\ newline \n tab \t bell \u{7}",
                    recommendation: "ünïcødé ✓")
        }!
        finding.monthlySavingUSD = 1.005
        let record = try JSONDecoder().decode(FindingRecord.self, from: Data(FindingsJSON.object(finding).utf8))
        #expect(record.detail == finding.evidence && record.recommendation == finding.recommendation)
    }

    @Test func deltaAgainstThePreviousAnalysis() async throws {
        let first = await Analysis.run(Estate.input(), summaryWriter: nil)
        var previous = first.analysisSummary
        previous.scan = ScanKey.derived(from: Fixture.daysAgo(1))
        previous.resourceCount = Estate.items.count + 3
        previous.findingKeys = Array(previous.findingKeys.dropFirst(2)) + ["idle.ebs.unattached|arn:gone"]
        let second = await Analysis.run(Estate.input(previous: previous), summaryWriter: nil)
        let message = second.report.message
        #expect(message.contains("- Resources: \(Estate.items.count) (-3)"))
        #expect(message.contains("- New findings: 2"))
        #expect(message.contains("- Resolved findings: 1\n  - [idle.ebs.unattached] arn:gone"))
    }

    @Test func findingsOfAFailedServiceAreNotCountedAsResolved() async throws {
        let first = await Analysis.run(Estate.input(), summaryWriter: nil)
        var previous = first.analysisSummary
        previous.scan = ScanKey.derived(from: Fixture.daysAgo(1))
        previous.findingKeys += ["cmp.rds.multi-az|arn:aws:rds:eu-west-1:123456789012:db:gone",
                                 "cmp.rds.multi-az|arn:aws:rds:us-east-1:123456789012:db:gone"]
        // Estate.summary says rds failed in eu-west-1: that finding is unchecked, the us-east-1 one resolved.
        let second = await Analysis.run(Estate.input(previous: previous), summaryWriter: nil)
        let message = second.report.message
        #expect(message.contains("- Resolved findings: 1\n  - [cmp.rds.multi-az] arn:aws:rds:us-east-1:"))
        #expect(message.contains("- Not re-checked (their service failed in this scan): 1\n"))
    }

    @Test func historyCarriesAcrossRuns() async throws {
        // Scan 1 (20 days ago) sees vol-free unattached; scan 2 (now) again: age comes from the stored history.
        let earlier = ScanKey.derived(from: Fixture.daysAgo(20))
        let oldItems = Estate.items.map { item -> InventoryItem in var copy = item; copy.scan = earlier; return copy }
        let first = await Analysis.run(Analysis.Input(scan: earlier, items: oldItems, scanSummary: nil, previous: nil,
                                                      configuration: AnalyzerConfiguration(),
                                                      now: Fixture.daysAgo(20)), summaryWriter: nil)
        let stored = try AnalysisSummary(pages: first.analysisSummary.pages())
        let second = await Analysis.run(Estate.input(previous: stored), summaryWriter: nil)
        let volume = try #require(second.findings.first { $0.id == .ebsUnattached })
        #expect(volume.evidence.contains("at least 20 days"))
    }

    @Test func responseShape() throws {
        let response = AnalysisResponse(resourcesAnalyzed: 9, findings: 4, summarySource: .bedrock)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(response), as: UTF8.self)
        #expect(json == #"{"body":{"findings":4,"message":"Analysis complete","resources_analyzed":9,"#
            + #""summary_source":"bedrock"},"statusCode":200}"#)
    }

    @Test(arguments: [
        (#"{}"#, nil as String?),
        (#"{"source":"inventory.collector","detail-type":"Inventory Scan Completed","#
            + #""detail":{"scan_id":"scan-1","counts":{}}}"#, "scan-1"),
        (#"{"scan_id":"scan-2"}"#, "scan-2"),
        (#"{"detail":{}}"#, nil),
    ])
    func events(json: String, scanID: String?) throws {
        #expect(try JSONDecoder().decode(AnalyzerEvent.self, from: Data(json.utf8)).scanID == scanID)
    }
}

@Suite struct SummaryFallbackTests {
    struct Throttled: Error {}

    @Test func bedrockTextIsUsedWhenGood() async {
        let writer = ScriptedWriter(.text("  Estate is mostly healthy; two urgent items.  "))
        let output = await Analysis.run(Estate.input(), summaryWriter: writer)
        #expect(output.report.summarySource == .bedrock)
        #expect(output.response.body.summarySource == .bedrock)
        #expect(output.report.message.contains(
            "SUMMARY (source: bedrock):\nEstate is mostly healthy; two urgent items.\n"))
        #expect(output.analysisSummary.summarySource == "bedrock")
    }

    @Test(arguments: [
        ScriptedWriter.Reply.failure(Throttled()), .text(""), .text("   \n"),
        .text(String(repeating: "x", count: 5_000)),
        .text("bad \u{0} control"),
    ])
    func anyFailureFallsBackToRules(reply: ScriptedWriter.Reply) async {
        let output = await Analysis.run(Estate.input(), summaryWriter: ScriptedWriter(reply))
        #expect(output.report.summarySource == .rules)
        #expect(output.report.message.contains("SUMMARY (source: rules):\n"))
        #expect(output.report.message.contains("findings across"))
    }

    /// No wall-clock bound here: under a loaded test run the cooperative pool can be starved for minutes, and
    /// a timed assertion would test the machine. A writer that was awaited instead of cancelled would hang 600 s.
    @Test func aWriterThatDoesNotAnswerTimesOut() async {
        let output = await Analysis.run(Estate.input(), summaryWriter: ScriptedWriter(.hang),
                                        summaryTimeout: .milliseconds(50))
        #expect(output.report.summarySource == .rules)
    }

    @Test func emptyModelIDDisablesBedrock() async throws {
        let writer = ScriptedWriter(.text("unused"))
        let config = try AnalyzerConfiguration(environment: ["MODEL_ID": ""])
        let output = await Analysis.run(Estate.input(configuration: config), summaryWriter: writer)
        #expect(writer.prompts.isEmpty)
        #expect(output.report.summarySource == .rules)
    }

    @Test func promptIsAggregatedAndFreeOfIdentifiersAndTagValues() async throws {
        let writer = ScriptedWriter(.text("ok"))
        _ = await Analysis.run(Estate.input(), summaryWriter: writer)
        let prompt = try #require(writer.prompts.first)
        let message = prompt.userMessage()
        for secret in ["SECRET-TAG-VALUE", "SECRET-NAME-TAG", "arn:", "i-stopped", "123456789012", "bucket-bad"] {
            #expect(!message.contains(secret), "prompt leaks \(secret)")
        }
        #expect(prompt.resourcesAnalyzed == Estate.items.count)
        #expect(prompt.rules.count == FindingID.allCases.count)
        #expect(prompt.failedServices == ["rds:eu-west-1"])
        let decoded = try JSONDecoder().decode(SummaryPrompt.self,
                                               from: Data(message.drop { $0 != "{" }.utf8))
        #expect(decoded == prompt)
    }
}
