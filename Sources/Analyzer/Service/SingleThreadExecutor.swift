import Foundation

/// A `TaskExecutor` that runs every job on one dedicated thread, in the order the jobs arrive.
///
/// The analysis prefers it (`AnalyzerService.handle`), so its concurrent steps — the next Query page read while
/// this one is decoded, the previous analysis read beside the items, several `PutItem`s in flight — still overlap
/// their waits but never run on two cores at once. Measured with AnalyzerBench on 2 idle cores: on the global pool
/// the same run took more wall time *and* about 40 % more CPU than pinned to one core, because both threads then
/// allocate through the analyzer's single malloc arena (kept for its 256 MB) and hand reference-counted objects
/// between cores (docs/analyzer.md). A 256 MB Lambda has a fraction of one vCPU anyway.
public final class SingleThreadExecutor: TaskExecutor, @unchecked Sendable {
    // `@unchecked Sendable`: `queue` is only touched under `condition`'s lock.
    private let condition = NSCondition()
    private var queue: [UnownedJob] = []

    /// Starts the thread; it lives as long as the process (executors are shared, like the global pool).
    public init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            swap(&batch, &queue)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
