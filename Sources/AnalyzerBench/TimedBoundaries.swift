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

/// When each boundary call of one run started and ended; shared by the timed boundaries of one run. Calls may
/// overlap (the service reads the scan's items and the previous analysis concurrently, and writes several pages at
/// once), so the run is split into phases at the calls' boundaries rather than by summing call times.
final class StageTimes: Sendable {
    struct Call: Sendable {
        var stage: String
        var start: Spent
        var end: Spent
    }

    private let calls = Mutex<[Call]>([])

    func reset() { calls.withLock { $0 = [] } }
    var snapshot: [Call] { calls.withLock { $0 } }

    func timed<T>(_ stage: String, _ work: () async throws -> T) async rethrows -> T {
        let start = Spent.now()
        defer {
            let end = Spent.now()
            calls.withLock { $0.append(Call(stage: stage, start: start, end: end)) }
        }
        return try await work()
    }

    /// The run from `start` to `end` in three consecutive phases: reading (until the last read returns),
    /// analysing (until the first write starts), writing (to the end). CPU is the process' over each phase.
    func phases(start: Spent, end: Spent) -> [String: Spent] {
        let calls = snapshot
        let readEnd = calls.filter { $0.stage == Stage.read }.map(\.end).max { $0.wall < $1.wall } ?? start
        let writeStart = calls.filter { $0.stage == Stage.write }.map(\.start).min { $0.wall < $1.wall } ?? end
        return [Stage.read: readEnd - start, Stage.analysis: writeStart - readEnd, Stage.write: end - writeStart]
    }
}

/// The analyzer's store with the time of each read and write recorded; otherwise exactly the wrapped store.
struct TimedStore: InventoryStore {
    var store: any InventoryStore
    var times: StageTimes

    func latestCompleteScan() async throws -> ScanSummary? {
        try await times.timed(Stage.read) { try await store.latestCompleteScan() }
    }

    func scanSummary(id: String) async throws -> ScanSummary? {
        try await times.timed(Stage.read) { try await store.scanSummary(id: id) }
    }

    func items(forScan scan: ScanKey) async throws -> [InventoryItem] {
        try await times.timed(Stage.read) { try await store.items(forScan: scan) }
    }

    func previousAnalysis(before scan: ScanKey) async throws -> AnalysisSummary? {
        try await times.timed(Stage.read) { try await store.previousAnalysis(before: scan) }
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

/// The phases the benchmark reports, in order.
enum Stage {
    static let read = "read (scan summary, then items ∥ previous analysis)"
    static let analysis = "analyse (rules, history, delta, report)"
    static let write = "write (pages built and PutItem'd, SNS Publish)"
    static let all = [read, analysis, write]
}
