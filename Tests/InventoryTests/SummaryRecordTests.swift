import Foundation
import Testing
@testable import Inventory

@Suite struct SummaryRecordTests {
    static let scan = ScanKey.derived(from: Timestamp.parse("2026-11-29T04:07:22Z")!)

    @Test func scanSummaryRoundTrips() throws {
        let summary = ScanSummary(
            scan: Self.scan, finishedAt: Self.scan.startedAt.addingTimeInterval(42), complete: false,
            counts: [.ec2Instance: ["us-east-1": 3, "eu-west-1": 1], .s3Bucket: ["us-east-1": 2]],
            errors: [ScanSummary.ServiceError(service: "rds", region: "eu-west-1", message: "AccessDenied")],
            regions: ["us-east-1", "eu-west-1"],
            eksVersions: ["1.31": .init(endOfStandardSupport: Timestamp.parse("2025-11-26"),
                                        endOfExtendedSupport: Timestamp.parse("2026-11-26"),
                                        status: "UNSUPPORTED")],
            rdsEngineLifecycles: ["mysql:8.0": .init(endOfStandardSupport: Timestamp.parse("2026-07-31"),
                                                     endOfExtendedSupport: Timestamp.parse("2029-07-31"))])
        let map = summary.attributes
        #expect(map["resource_id"] == .string("inventory#scan-summary"))
        #expect(map["scan_date"] == nil, "summaries stay out of the scan_date index")
        #expect(map["errors"] == .map(["rds:eu-west-1": .string("AccessDenied")]))
        #expect(try ScanSummary(attributes: map) == summary)
        #expect(summary.totalResources == 6)
    }

    @Test func scanSummaryRejectsAResourceItem() throws {
        let map = AttributeMap(["resource_type": .string("ec2.instance")])
        let error = try #require(throws: InventoryError.self) { try ScanSummary(attributes: map) }
        #expect(error.code == .unknownResourceType)
    }

    static func analysis(findings: Int) -> AnalysisSummary {
        AnalysisSummary(
            scan: scan, analyzedAt: scan.startedAt.addingTimeInterval(60), resourceCount: findings * 2,
            summarySource: "rules",
            findingKeys: (0..<findings).map { "idle.ebs.unattached|arn:aws:ec2:us-east-1:1:volume/vol-\($0)" },
            findingsJSON: (0..<findings).map { "{\"finding_id\":\"idle.ebs.unattached\",\"n\":\($0)}" },
            history: (0..<findings).map {
                ResourceStateRecord(resourceID: "arn:vol-\($0)", state: "unattached", since: scan.startedAt,
                                    firstSeen: scan.startedAt)
            })
    }

    @Test func smallAnalysisIsOnePage() throws {
        let summary = Self.analysis(findings: 3)
        let pages = summary.pages()
        #expect(pages.count == 1)
        #expect(pages[0]["timestamp"] == .string("2026-11-29T04:07:22Z"))
        #expect(try AnalysisSummary(pages: pages) == summary)
    }

    @Test func largeAnalysisIsPagedUnderTheItemLimit() throws {
        let summary = Self.analysis(findings: 20_000)
        let pages = summary.pages()
        #expect(pages.count > 3)
        for page in pages {
            #expect(page.approximateSize < 400_000)
        }
        #expect(pages[1]["timestamp"] == .string("2026-11-29T04:07:22Z#0001"))
        #expect(try AnalysisSummary(pages: pages.reversed()) == summary)
    }

    @Test func missingPageIsAnError() throws {
        var pages = Self.analysis(findings: 20_000).pages()
        pages.remove(at: 1)
        let error = try #require(throws: InventoryError.self) { try AnalysisSummary(pages: pages) }
        #expect(error.code == .inconsistentPages)
    }
}
