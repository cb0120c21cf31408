import Foundation

/// Runs `operation` with a deadline that holds even when the operation is slow to notice cancellation (a
/// `URLSession` task may only stop when the server finally answers): on timeout the caller gets its error at once
/// and the operation is cancelled in the background instead of being waited for.
enum Deadline {
    static func run<T: Sendable>(
        within limit: Duration, executor: (any TaskExecutor)? = nil, timeoutError: @escaping @Sendable () -> Error,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let gate = ResumeOnce<T>()
        let work = Task(executorPreference: executor) { () -> Void in
            do { gate.resume(with: .success(try await operation())) } catch { gate.resume(with: .failure(error)) }
        }
        let timer = Task(executorPreference: executor) {
            try? await Task.sleep(for: limit)
            gate.resume(with: .failure(timeoutError()))
            work.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in gate.install(continuation) }
        } onCancel: {
            work.cancel()
            timer.cancel()
            gate.resume(with: .failure(CancellationError()))
        }
    }
}

/// Resumes a continuation exactly once, whichever of several racers gets there first (also before the
/// continuation exists: the first result is kept until `install`).
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    // @unchecked: all state is behind `lock`.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Error>?
    private var result: Result<T, Error>?
    private var done = false

    func install(_ continuation: CheckedContinuation<T, Error>) {
        let ready: Result<T, Error>? = lock.withLock {
            if let result, !done {
                done = true
                return result
            }
            self.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    func resume(with result: Result<T, Error>) {
        let target: CheckedContinuation<T, Error>? = lock.withLock {
            guard !done, self.result == nil else { return nil }
            guard let continuation else {
                self.result = result
                return nil
            }
            done = true
            self.continuation = nil
            return continuation
        }
        target?.resume(with: result)
    }
}
