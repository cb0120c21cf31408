import Analyzer
import Foundation
import Inventory
import Synchronization

/// Wall and CPU seconds.
struct Spent: Sendable {
    var wall = 0.0
    var cpu = 0.0

    static func + (lhs: Spent, rhs: Spent) -> Spent { Spent(wall: lhs.wall + rhs.wall, cpu: lhs.cpu + rhs.cpu) }
    static func - (lhs: Spent, rhs: Spent) -> Spent { Spent(wall: lhs.wall - rhs.wall, cpu: lhs.cpu - rhs.cpu) }

    /// The process' CPU time (every thread) and the monotonic wall clock, now.
    static func now() -> Spent {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Spent(wall: Double(DispatchTime.now().uptimeNanoseconds) / 1e9,
                     cpu: Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9)
    }
}

/// Time spent per stage, summed over calls; shared by the timed boundaries of one run.
final class StageTimes: Sendable {
    private let times = Mutex<[String: Spent]>([:])

    func add(_ stage: String, _ spent: Spent) {
        times.withLock { $0[stage] = ($0[stage] ?? Spent()) + spent }
    }
    func reset() { times.withLock { $0 = [:] } }
    var snapshot: [String: Spent] { times.withLock { $0 } }

    func timed<T>(_ stage: String, _ work: () async throws -> T) async rethrows -> T {
        let start = Spent.now()
        defer { add(stage, Spent.now() - start) }
        return try await work()
    }
}

/// The analyzer's store with the time of each read and write recorded; otherwise exactly the wrapped store.
struct TimedStore: InventoryStore {
    var store: any InventoryStore
    var times: StageTimes

    func latestCompleteScan() async throws -> ScanSummary? {
        try await times.timed(Stage.readSummaries) { try await store.latestCompleteScan() }
    }

    func scanSummary(id: String) async throws -> ScanSummary? {
        try await times.timed(Stage.readSummaries) { try await store.scanSummary(id: id) }
    }

    func items(forScan scan: ScanKey) async throws -> [InventoryItem] {
        try await times.timed(Stage.readItems) { try await store.items(forScan: scan) }
    }

    func previousAnalysis(before scan: ScanKey) async throws -> AnalysisSummary? {
        try await times.timed(Stage.readSummaries) { try await store.previousAnalysis(before: scan) }
    }

    func saveAnalysisPage(_ page: AttributeMap) async throws {
        try await times.timed(Stage.write) { try await store.saveAnalysisPage(page) }
    }
}

/// The publisher with its time recorded.
struct TimedPublisher: ReportPublisher {
    var publisher: any ReportPublisher
    var times: StageTimes

    func publish(subject: String, message: String) async throws {
        try await times.timed(Stage.write) { try await publisher.publish(subject: subject, message: message) }
    }
}

/// The stages the benchmark reports; "analysis" is the rest of `AnalyzerService.handle`.
enum Stage {
    static let readItems = "read the scan's items (Query pages → items)"
    static let readSummaries = "read scan summary + previous analysis"
    static let analysis = "analyse (rules, delta, report, pages)"
    static let write = "write (PutItem pages, SNS Publish)"
    static let all = [readItems, readSummaries, analysis, write]
}
