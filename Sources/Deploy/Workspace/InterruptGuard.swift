import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes SIGINT, SIGTERM and SIGHUP clean up what infragen started (the reattached provider) before infragen exits.
///
/// While a tool runs (`whileChildRuns`), a signal is recorded and passed on to the tool as SIGINT: Foundation's
/// `Process` starts every child in a process group of its own, so a Ctrl-C at the terminal reaches infragen only,
/// and terraform must be told to stop gracefully (it then finishes the calls in flight, writes its state and exits,
/// still needing its provider). When the tool returns, the caller sees `pending` and unwinds; the code that owns the
/// cleanup runs it and then calls `reraisePending()`, so infragen still ends by the signal. A signal that arrives
/// while no tool runs (at the confirmation prompt, between commands) runs the cleanups at once and re-raises.
///
/// Handlers are real functions (restored to the default in every child at exec), not `SIG_IGN`, which children
/// would inherit: terraform must keep reacting to the SIGINT infragen passes on.
public final class InterruptGuard: Sendable {
    public static let shared = InterruptGuard()
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private struct State {
        var cleanups: [Int: @Sendable () -> Void] = [:]
        var nextToken = 0
        var children = 0
        var running: Set<Int32> = []
        var pending: Int32?
        var installed = false
    }

    private let state = Mutex(State())

    private init() {}

    /// The signal received and not yet acted on, if any.
    public var pending: Int32? { state.withLock { $0.pending } }

    /// Registers `cleanup` to run on a signal until `remove(token)`; installs the handlers on first use.
    public func add(_ cleanup: @escaping @Sendable () -> Void) -> Int {
        let (token, install) = state.withLock { state in
            state.nextToken += 1
            state.cleanups[state.nextToken] = cleanup
            defer { state.installed = true }
            return (state.nextToken, !state.installed)
        }
        if install { Self.installHandlers(self) }
        return token
    }

    public func remove(_ token: Int) {
        _ = state.withLock { $0.cleanups.removeValue(forKey: token) }
    }

    /// Runs `body` (a foreground tool) with signals deferred to the caller, which checks `pending` afterwards.
    public func whileChildRuns<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        state.withLock { $0.children += 1 }
        defer { state.withLock { $0.children -= 1 } }
        return try body()
    }

    /// A child process that started (`CommandRunner`s call this): a deferred signal is passed on to it.
    public func started(_ pid: Int32) { _ = state.withLock { $0.running.insert(pid) } }

    /// The child process ended.
    public func finished(_ pid: Int32) { _ = state.withLock { $0.running.remove(pid) } }

    /// After the cleanups ran on the normal path: ends the process by the pending signal, if there is one.
    public func reraisePending() {
        guard let signal = pending else { return }
        Self.die(by: signal)
    }

    /// Called on the guard's thread for each signal received.
    func received(_ signal: Int32) {
        enum Action { case forward([Int32]), cleanUp([@Sendable () -> Void]) }
        let action: Action = state.withLock { state in
            // With nothing to clean up, infragen ends at once, as without the guard.
            if state.children > 0 && !state.cleanups.isEmpty {
                if state.pending == nil { state.pending = signal }
                return .forward(Array(state.running))
            }
            defer { state.cleanups.removeAll() }
            return .cleanUp(state.cleanups.sorted { $0.key > $1.key }.map(\.value))
        }
        switch action {
        case .forward(let children):
            // SIGINT, whatever infragen received: terraform's graceful stop (a second one makes it hurry, as at a
            // terminal).
            for child in children { kill(child, SIGINT) }
        case .cleanUp(let cleanups):
            cleanups.forEach { $0() }
            Self.die(by: signal)
        }
    }

    static func die(by signal: Int32) {
        Foundation.signal(signal, SIG_DFL)
        raise(signal)
        exit(128 + signal)
    }

    // MARK: - Handlers

    /// A signal handler may only do async-signal-safe things: it writes the signal's number to a pipe, and a
    /// thread reads it.
    ///
    /// The three signals are also unblocked, in the calling thread (the CLI's main thread, which starts terraform:
    /// children inherit its mask) and in the reader thread: a process started from a libdispatch worker thread (a
    /// Swift program's `Process`, a test) inherits a mask that blocks them, and a blocked signal never arrives.
    private static func installHandlers(_ guard: InterruptGuard) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        signalPipe = ends[1]
        let reader = ends[0]
        unblockSignals()
        Thread.detachNewThread {
            unblockSignals()
            var byte: UInt8 = 0
            while true {
                let count = read(reader, &byte, 1)
                if count == 1 {
                    `guard`.received(Int32(byte))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        for signal in signals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = forwardSignal
            #else
            action.__sigaction_u.__sa_handler = forwardSignal
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
    }
}

private func unblockSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in InterruptGuard.signals { sigaddset(&set, signal) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
}

/// The pipe's write end, set once before any handler is installed.
private nonisolated(unsafe) var signalPipe: Int32 = -1

private func forwardSignal(_ signal: Int32) {
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipe, &byte, 1)
}
