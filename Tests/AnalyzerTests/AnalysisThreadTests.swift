import Foundation
import Inventory
import Synchronization
import Testing
@testable import Analyzer

#if canImport(Glibc)
import Glibc
#endif

/// The thread a call runs on (pthread ids compare by value on Linux).
func currentThreadID() -> UInt { UInt(pthread_self()) }

/// A store whose every call — and every resumption after its await — is noted with the thread it ran on, to check
/// that an analysis stays on `AnalyzerService.executor` even where it is concurrent (items ∥ previous analysis, page
/// writes in flight together). Nonisolated: an actor would pin its methods to its own executor.
final class ThreadRecordingStore: InventoryStore {
    let inner: MemoryStore
    let threads = Mutex<Set<UInt>>([])
    let calls = Mutex(0)

    init(inner: MemoryStore) { self.inner = inner }

    private func note<T>(_ call: () async throws -> T) async rethrows -> T {
        threads.withLock { _ = $0.insert(currentThreadID()) }
        calls.withLock { $0 += 1 }
        let result = try await call()
        threads.withLock { _ = $0.insert(currentThreadID()) }
        return result
    }

    func latestCompleteScan() async throws -> ScanSummary? { try await note { try await inner.latestCompleteScan() } }
    func scanSummary(id: String) async throws -> ScanSummary? { try await note { try await inner.scanSummary(id: id) } }
    func items(forScan scan: ScanKey) async throws -> [InventoryItem] {
        try await note { try await inner.items(forScan: scan) }
    }
    func previousAnalysis(before scan: ScanKey) async throws -> AnalysisSummary? {
        try await note { try await inner.previousAnalysis(before: scan) }
    }
    func saveAnalysisPage(_ page: AttributeMap) async throws { try await note { try await inner.saveAnalysisPage(page) } }
}

@Suite struct AnalysisThreadTests {
    /// Called from a task on the global pool, the whole analysis (including the previous analysis read beside the
    /// items) runs on the analysis thread, and only there.
    @Test func everyStepRunsOnTheAnalysisThread() async throws {
        let analysisThread = await withTaskExecutorPreference(AnalyzerService.executor) { currentThreadID() }
        let first = AnalyzerServiceTests.scan(2, complete: true, items: Estate.items)
        let second = AnalyzerServiceTests.scan(1, complete: true, items: Estate.items)
        let store = ThreadRecordingStore(inner: MemoryStore(scans: [first, second]))
        let service = AnalyzerService(configuration: AnalyzerConfiguration(), store: store, publisher: nil,
                                      summaryWriter: nil, clock: FixedClock(now: Fixture.now))
        // Detached: started from the global pool, as the Lambda runtime's loop calls the handler.
        _ = try await Task.detached { try await service.handle(AnalyzerEvent(scanID: first.0.scan.id)) }.value
        _ = try await Task.detached { try await service.handle(AnalyzerEvent(scanID: second.0.scan.id)) }.value
        #expect(store.calls.withLock { $0 } >= 6)  // summaries, items, previous analyses, pages
        #expect(store.threads.withLock { $0 } == [analysisThread])
    }
}
