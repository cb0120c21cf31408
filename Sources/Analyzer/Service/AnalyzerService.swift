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

    /// Analyses the event's scan (or the latest complete one) and returns the output with the response.
    public func handle(_ event: AnalyzerEvent) async throws -> Analysis.Output {
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
        let items = try await store.items(forScan: summary.scan)
        let previous = try await store.previousAnalysis(before: summary.scan)
        let input = Analysis.Input(scan: summary.scan, items: items, scanSummary: summary, previous: previous,
                                   configuration: configuration, now: clock.now)
        let output = await Analysis.run(input, summaryWriter: summaryWriter)
        var pages = output.analysisPages()
        while let page = pages.next() { try await store.saveAnalysisPage(page) }
        if let publisher { try await publisher.publish(subject: output.report.subject, message: output.report.message) }
        return output
    }
}
