import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes SIGINT, SIGTERM and SIGHUP clean up what infragen started (the reattached provider) before infragen exits.
///
/// While a tool runs in the foreground (`whileChildRuns`), a signal is only recorded: at a terminal, Ctrl-C reaches
/// terraform too, which then stops its work gracefully and still needs its provider. When the tool returns, the
/// caller sees `pending` and unwinds; the code that owns the cleanup runs it and then calls `reraisePending()`, so
/// infragen still ends by the signal. A signal that arrives while no tool runs (at the confirmation prompt, between
/// commands) runs the cleanups at once and re-raises.
///
/// Handlers are real functions (restored to the default in every child at exec), not `SIG_IGN`, which children
/// would inherit: terraform must keep reacting to Ctrl-C.
public final class InterruptGuard: Sendable {
    public static let shared = InterruptGuard()
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private struct State {
        var cleanups: [Int: @Sendable () -> Void] = [:]
        var nextToken = 0
        var children = 0
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

    /// After the cleanups ran on the normal path: ends the process by the pending signal, if there is one.
    public func reraisePending() {
        guard let signal = pending else { return }
        Self.die(by: signal)
    }

    /// Called on the guard's thread for each signal received.
    func received(_ signal: Int32) {
        let cleanups: [@Sendable () -> Void]? = state.withLock { state in
            // With nothing to clean up, infragen ends at once, as without the guard.
            if state.children > 0 && !state.cleanups.isEmpty {
                if state.pending == nil { state.pending = signal }
                return nil
            }
            defer { state.cleanups.removeAll() }
            return state.cleanups.sorted { $0.key > $1.key }.map(\.value)
        }
        guard let cleanups else { return }
        cleanups.forEach { $0() }
        Self.die(by: signal)
    }

    static func die(by signal: Int32) {
        Foundation.signal(signal, SIG_DFL)
        raise(signal)
        exit(128 + signal)
    }

    // MARK: - Handlers

    /// A signal handler may only do async-signal-safe things: it writes the signal's number to a pipe, and a
    /// thread reads it.
    private static func installHandlers(_ guard: InterruptGuard) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        signalPipe = ends[1]
        let reader = ends[0]
        Thread.detachNewThread {
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

/// The pipe's write end, set once before any handler is installed.
private nonisolated(unsafe) var signalPipe: Int32 = -1

private func forwardSignal(_ signal: Int32) {
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipe, &byte, 1)
}
