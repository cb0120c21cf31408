import Foundation
import Inventory
import Testing
@testable import Analyzer

@Suite struct HistoryTests {
    static func scan(_ daysAgo: Double) -> ScanKey { ScanKey.derived(from: Fixture.daysAgo(daysAgo)) }

    static func volume(attached: Bool, in scan: ScanKey) -> InventoryItem {
        var item = Fixture.volume("vol-1", attachedTo: attached ? ["i-1"] : [])
        item.scan = scan
        return item
    }

    @Test func sinceIsTheFirstScanInTheState() {
        let history = ResourceHistory.build(from: [
            (Self.scan(30), true, [Self.volume(attached: true, in: Self.scan(30))]),
            (Self.scan(20), true, [Self.volume(attached: false, in: Self.scan(20))]),
            (Self.scan(10), true, [Self.volume(attached: false, in: Self.scan(10))]),
        ])
        let id = Self.volume(attached: false, in: Self.scan(0)).resourceID
        #expect(history.since(id, state: "unattached") == Self.scan(20).startedAt)
        #expect(history.since(id, state: "stopped") == nil)
    }

    @Test func reattachingResetsAndDisappearingDrops() {
        let id = Self.volume(attached: false, in: Self.scan(0)).resourceID
        var history = ResourceHistory.build(from: [
            (Self.scan(30), true, [Self.volume(attached: false, in: Self.scan(30))]),
            (Self.scan(20), true, [Self.volume(attached: true, in: Self.scan(20))]),
            (Self.scan(10), true, [Self.volume(attached: false, in: Self.scan(10))]),
        ])
        #expect(history.since(id, state: "unattached") == Self.scan(10).startedAt)
        history = history.advanced(with: [], scan: Self.scan(5), complete: false)
        #expect(history.since(id, state: "unattached") == Self.scan(10).startedAt, "incomplete scans keep records")
        history = history.advanced(with: [], scan: Self.scan(1), complete: true)
        #expect(history.records.isEmpty)
    }

    @Test func recordsRoundTripThroughTheAnalysisSummary() throws {
        let history = ResourceHistory.build(
            from: [(Self.scan(3), true, [Self.volume(attached: false, in: Self.scan(3))])])
        let summary = AnalysisSummary(scan: Self.scan(3), analyzedAt: Fixture.now, resourceCount: 1,
                                      summarySource: "rules", findingKeys: [], findingsJSON: [],
                                      history: Array(history.records.values))
        let back = try AnalysisSummary(pages: summary.pages())
        #expect(ResourceHistory(records: back.history) == history)
    }
}
