import Foundation

/// Runs the server's handler tasks on one dedicated thread instead of the global cooperative pool.
///
/// Why: tests often block pool threads (synchronous socket reads, `Subprocess.run`); on a 2-core machine the pool
/// has two threads, so a handler scheduled there could wait forever for the very test that waits for it.
@available(macOS 15.0, *)
final class LoopbackExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: `jobs` and `stopped` are only touched while holding `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false
    /// Handler tasks started and not yet finished: the thread outlives `shutdown()` until they are done, so a
    /// suspended handler is never stranded without a thread to resume on.
    private var outstanding = 0

    init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.withLock {
            jobs.append(unowned)
            condition.signal()
        }
    }

    /// Runs `body` as a task on this executor and blocks the calling (non-pool) thread until it returns.
    func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        condition.withLock { outstanding += 1 }
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: self) {
            box.value = await body()
            done.signal()
        }
        done.wait()
        condition.withLock {
            outstanding -= 1
            condition.signal()
        }
        return box.value!
    }

    /// Lets the thread finish once no handler task is left.
    func shutdown() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty && !(stopped && outstanding == 0) { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Hands a task's result to the thread waiting on the semaphore (the semaphore orders the write before the read).
final class ResultBox<T: Sendable>: @unchecked Sendable {
    var value: T?
}
