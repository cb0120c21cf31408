import Foundation
import Inventory

/// The analyzer's handler logic over its I/O boundaries: find the scan, read it, analyse, store the analysis
/// summary, publish the report, answer. The Lambda entry point wraps `handle(_:)`.
public struct AnalyzerService: Sendable {
    public var configuration: AnalyzerConfiguration
    public var store: any InventoryStore
    public var publisher: (any ReportPublisher)?
    public var summaryWriter: (any SummaryWriter)?
    public var clock: any AnalyzerClock

    public init(configuration: AnalyzerConfiguration, store: any InventoryStore, publisher: (any ReportPublisher)?,
                summaryWriter: (any SummaryWriter)?, clock: any AnalyzerClock = SystemClock()) {
        self.configuration = configuration
        self.store = store
        self.publisher = publisher
        self.summaryWriter = summaryWriter
        self.clock = clock
    }

    /// The thread every analysis runs on (see `SingleThreadExecutor`).
    public static let executor = SingleThreadExecutor(name: "analysis")

    /// Analyses the event's scan (or the latest complete one) and returns the output with the response. Runs on
    /// `AnalyzerService.executor`, one thread, whichever thread calls it.
    public func handle(_ event: AnalyzerEvent) async throws -> Analysis.Output {
        try await withTaskExecutorPreference(Self.executor) { try await analyse(event) }
    }

    private func analyse(_ event: AnalyzerEvent) async throws -> Analysis.Output {
        let summary: ScanSummary
        if let id = event.scanID {
            guard let found = try await store.scanSummary(id: id) else {
                throw AnalyzerError(.unknownScan, "no scan summary for scan id '\(id)'")
            }
            summary = found
        } else {
            guard let latest = try await store.latestCompleteScan() else {
                throw AnalyzerError(.noScan, "the inventory holds no scan yet; run the collector first")
            }
            summary = latest
        }
        // Independent reads, so concurrent: the previous analysis arrives while the scan's pages are read.
        async let previousRead = store.previousAnalysis(before: summary.scan)
        let items = try await store.items(forScan: summary.scan)
        let previous = try await previousRead
        let input = Analysis.Input(scan: summary.scan, items: items, scanSummary: summary, previous: previous,
                                   configuration: configuration, now: clock.now)
        let output = await Analysis.run(input, summaryWriter: summaryWriter)
        try await save(output.analysisPages())
        if let publisher { try await publisher.publish(subject: output.report.subject, message: output.report.message) }
        return output
    }

    /// How many analysis pages are written at once: the next pages are built and sent while earlier `PutItem`s are
    /// in flight (a large estate has dozens of pages; one at a time, their round trips add up).
    static let concurrentPageWrites = 4

    /// Writes every page: page 0 (the totals a reader checks the others against) first, then the rest with up to
    /// `concurrentPageWrites` in flight. The first failure cancels the rest and is thrown.
    private func save(_ pages: AnalysisSummary.PageIterator) async throws {
        var pages = pages
        guard let first = pages.next() else { return }
        try await store.saveAnalysisPage(first)
        let store = self.store
        try await withThrowingTaskGroup(of: Void.self) { group in
            var inFlight = 0
            while let page = pages.next() {
                if inFlight == Self.concurrentPageWrites {
                    try await group.next()
                    inFlight -= 1
                }
                group.addTask { try await store.saveAnalysisPage(page) }
                inFlight += 1
            }
            try await group.waitForAll()
        }
    }
}
