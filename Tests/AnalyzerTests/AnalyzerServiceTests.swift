import Foundation
import Inventory
import Testing
@testable import Analyzer

/// An in-memory `InventoryStore` holding stored *attribute maps*, so the service is exercised through the
/// schema's encode/decode as the DynamoDB store will be.
actor MemoryStore: InventoryStore {
    var summaries: [AttributeMap] = []
    var resources: [AttributeMap] = []
    var analysisPages: [AttributeMap] = []

    init(scans: [(ScanSummary, [InventoryItem])]) {
        summaries = scans.map(\.0.attributes)
        resources = scans.flatMap { $0.1.map(\.attributes) }
    }

    func latestCompleteScan() async throws -> ScanSummary? {
        let all = try summaries.map(ScanSummary.init(attributes:)).sorted { $0.scan > $1.scan }
        return all.first { $0.complete } ?? all.first
    }

    func scanSummary(id: String) async throws -> ScanSummary? {
        try summaries.map(ScanSummary.init(attributes:)).first { $0.scan.id == id }
    }

    func items(forScan scan: ScanKey) async throws -> [InventoryItem] {
        try resources.filter { $0["scan_date"] == .string(scan.scanDate) }.map(InventoryItem.init(attributes:))
    }

    func previousAnalysis(before scan: ScanKey) async throws -> AnalysisSummary? {
        let heads = analysisPages.filter { $0["page"] == .number(0) }
        let candidates = try heads.compactMap { head -> (String, Date)? in
            guard let start = try head.date("timestamp"), start < scan.startedAt else { return nil }
            return (try head.requiredString("scan_id"), start)
        }
        guard let latest = candidates.max(by: { $0.1 < $1.1 }) else { return nil }
        return try AnalysisSummary(pages: analysisPages.filter { $0["scan_id"] == .string(latest.0) })
    }

    func saveAnalysisPage(_ page: AttributeMap) async throws {
        // PutItem semantics: the same key replaces the item.
        analysisPages.removeAll { $0["resource_id"] == page["resource_id"] && $0["timestamp"] == page["timestamp"] }
        analysisPages.append(page)
    }
}

actor RecordingPublisher: ReportPublisher {
    var messages: [(subject: String, message: String)] = []
    func publish(subject: String, message: String) async throws { messages.append((subject, message)) }
}

struct FixedClock: AnalyzerClock { var now: Date }

@Suite struct AnalyzerServiceTests {
    static func scan(_ daysAgo: Double, complete: Bool, items: [InventoryItem]) -> (ScanSummary, [InventoryItem]) {
        let key = ScanKey.derived(from: Fixture.daysAgo(daysAgo))
        let moved = items.map { item -> InventoryItem in var copy = item; copy.scan = key; return copy }
        return (ScanSummary(scan: key, complete: complete, counts: [.ec2Instance: ["us-east-1": moved.count]]), moved)
    }

    @Test func emptyEventAnalysesTheLatestCompleteScanAndPublishes() async throws {
        let store = MemoryStore(scans: [
            Self.scan(2, complete: true, items: Estate.items),
            Self.scan(1, complete: true, items: Array(Estate.items.prefix(5))),
            Self.scan(0.5, complete: false, items: []),
        ])
        let publisher = RecordingPublisher()
        let service = AnalyzerService(configuration: AnalyzerConfiguration(), store: store, publisher: publisher,
                                      summaryWriter: nil, clock: FixedClock(now: Fixture.now))
        let output = try await service.handle(AnalyzerEvent())
        #expect(output.response.body.resourcesAnalyzed == 5)
        let messages = await publisher.messages
        #expect(messages.count == 1 && messages[0].subject == "AWS Inventory Alert - 5 Resources Scanned")
        #expect(await store.analysisPages.count == 1)
    }

    @Test func eventScanIDAndSecondRunDelta() async throws {
        let first = Self.scan(2, complete: true, items: Estate.items)
        let second = Self.scan(1, complete: true, items: Array(Estate.items.dropLast()))
        let store = MemoryStore(scans: [first, second])
        let service = AnalyzerService(configuration: AnalyzerConfiguration(), store: store, publisher: nil,
                                      summaryWriter: nil, clock: FixedClock(now: Fixture.now))
        _ = try await service.handle(AnalyzerEvent(scanID: first.0.scan.id))
        let output = try await service.handle(AnalyzerEvent(scanID: second.0.scan.id))
        #expect(output.report.message.contains("- Previous scan: \(first.0.scan.id)"))
        #expect(output.report.message.contains("(-1)"))
        #expect(output.report.message.contains("- Resolved findings: 1\n  - [cmp.tags.missing]"))
        // Re-running the first scan compares with nothing earlier, not with itself.
        let rerun = try await service.handle(AnalyzerEvent(scanID: first.0.scan.id))
        #expect(rerun.report.message.contains("first run"))
    }

    @Test func unknownScanAndEmptyTableAreClearErrors() async throws {
        let service = AnalyzerService(configuration: AnalyzerConfiguration(), store: MemoryStore(scans: []),
                                      publisher: nil, summaryWriter: nil, clock: FixedClock(now: Fixture.now))
        let unknown = await #expect(throws: AnalyzerError.self) {
            try await service.handle(AnalyzerEvent(scanID: "nope"))
        }
        #expect(unknown?.code == .unknownScan && unknown?.message.contains("nope") == true)
        let empty = await #expect(throws: AnalyzerError.self) { try await service.handle(AnalyzerEvent()) }
        #expect(empty?.code == .noScan)
    }
}

/// A store that records when each analysis-page write starts and ends (and may fail one), over `MemoryStore`.
actor PageWriteRecorder: InventoryStore {
    let base: MemoryStore
    let failingPage: Int?
    var events: [(page: Int, start: Bool)] = []
    private var inFlight = 0
    var mostInFlight = 0

    init(base: MemoryStore, failingPage: Int? = nil) {
        self.base = base
        self.failingPage = failingPage
    }

    func latestCompleteScan() async throws -> ScanSummary? { try await base.latestCompleteScan() }
    func scanSummary(id: String) async throws -> ScanSummary? { try await base.scanSummary(id: id) }
    func items(forScan scan: ScanKey) async throws -> [InventoryItem] { try await base.items(forScan: scan) }
    func previousAnalysis(before scan: ScanKey) async throws -> AnalysisSummary? {
        try await base.previousAnalysis(before: scan)
    }

    struct WriteFailed: Error {}

    func saveAnalysisPage(_ page: AttributeMap) async throws {
        let number = try page.requiredInt("page")
        events.append((number, true))
        inFlight += 1
        mostInFlight = max(mostInFlight, inFlight)
        defer { inFlight -= 1 }
        try await Task.sleep(for: .milliseconds(200))  // a round trip, long enough that writes overlap
        if number == failingPage { throw WriteFailed() }
        try await base.saveAnalysisPage(page)
        events.append((number, false))
    }
}

@Suite struct AnalysisPageWriteTests {
    /// Enough findings for several analysis pages: 3,000 instances without the required tags.
    static func largeScan() -> (ScanSummary, [InventoryItem]) {
        AnalyzerServiceTests.scan(1, complete: true, items: (0..<3_000).map { index in
            Fixture.item("i-\(index)",
                         .ec2Instance(EC2Instance(instanceID: "i-\(index)", instanceType: "t3.micro")),
                         state: "running", tags: [:])
        })
    }

    @Test func pageZeroIsWrittenFirstThenTheRestConcurrentlyAndEveryPageLands() async throws {
        let base = MemoryStore(scans: [Self.largeScan()])
        let store = PageWriteRecorder(base: base)
        let service = AnalyzerService(configuration: AnalyzerConfiguration(), store: store, publisher: nil,
                                      summaryWriter: nil, clock: FixedClock(now: Fixture.now))
        let output = try await service.handle(AnalyzerEvent())
        let events = await store.events
        let pageCount = events.filter(\.start).count
        #expect(pageCount >= 3)
        // Page 0 (the totals the others are checked against) ends before any other page starts.
        #expect(events.prefix(2).map(\.page) == [0, 0] && events[1].start == false)
        let mostInFlight = await store.mostInFlight
        #expect(mostInFlight > 1 && mostInFlight <= AnalyzerService.concurrentPageWrites)
        #expect(Set(events.filter { !$0.start }.map(\.page)) == Set(0..<pageCount))
        // What was written reads back as the analysis (every page, in order).
        let stored = try #require(try await base.previousAnalysis(before: ScanKey.derived(from: Fixture.now)))
        #expect(stored.findingKeys == output.analysisSummary.findingKeys)
    }

    @Test func aFailedPageWriteFailsTheRun() async throws {
        let store = PageWriteRecorder(base: MemoryStore(scans: [Self.largeScan()]), failingPage: 2)
        let service = AnalyzerService(configuration: AnalyzerConfiguration(), store: store, publisher: nil,
                                      summaryWriter: nil, clock: FixedClock(now: Fixture.now))
        await #expect(throws: PageWriteRecorder.WriteFailed.self) { try await service.handle(AnalyzerEvent()) }
    }
}
