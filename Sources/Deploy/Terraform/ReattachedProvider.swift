import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A terraform provider that infragen starts once, in `-debug` mode, so that plan, show and apply reattach to it
/// (`TF_REATTACH_PROVIDERS`) instead of each starting the provider again: the AWS provider is a 700 MB binary that
/// rebuilds its schema in every process, about 3 s each, six times per deploy (docs/deploy.md).
///
/// The process gets its own process group, so no terminal signal reaches it: infragen asks terraform to stop first
/// (terraform still talks to the provider while it stops gracefully) and stops the provider afterwards. Its
/// standard output and error go to a log file in the working directory, never to infragen's output.
public final class ReattachedProvider: Sendable {
    /// The provider's source address (`registry.terraform.io/hashicorp/aws`).
    public let address: String
    public let executable: URL
    public let pid: pid_t
    /// What terraform needs to reach it.
    public let config: ReattachConfig
    /// Its standard output and error.
    public let logFile: URL
    private let stopped = Mutex(false)

    init(address: String, executable: URL, pid: pid_t, config: ReattachConfig, logFile: URL) {
        self.address = address
        self.executable = executable
        self.pid = pid
        self.config = config
        self.logFile = logFile
    }

    /// Starts `executable -debug` in `directory` (terraform starts providers in its working directory) with exactly
    /// `environment`, and waits until it prints its reattach configuration.
    /// - Throws: when it cannot start, exits first, prints nothing usable within `timeout`, or announces another
    ///   provider than `address`; the process is stopped before the error is thrown.
    public static func start(address: String, executable: URL, directory: URL, environment: [String: String],
                             logFile: URL, timeout: Duration = .seconds(180))
        throws(DeployError) -> ReattachedProvider
    {
        let pid = try spawn(executable: executable, arguments: ["-debug"], directory: directory,
                            environment: environment, logFile: logFile)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var offset: UInt64 = 0
        var output = ""
        while true {
            output += readNew(logFile, from: &offset)
            let configs: [String: ReattachConfig]?
            do {
                configs = try ReattachConfig.parse(output: output)
            } catch {
                terminate(pid: pid, socket: nil)
                throw error
            }
            if let configs {
                guard let config = configs[address] else {
                    terminate(pid: pid, socket: nil)
                    throw DeployError(.unexpectedOutput, "\(executable.lastPathComponent) announced "
                        + "\(configs.keys.sorted().joined(separator: ", ")), not \(address)")
                }
                return ReattachedProvider(address: address, executable: executable, pid: pid, config: config,
                                          logFile: logFile)
            }
            if let status = exitStatus(pid) {
                throw DeployError(.commandFailed, "\(executable.lastPathComponent) -debug exited (\(status)) before "
                    + "it was ready; the end of its log (\(logFile.path)):\n" + String(output.suffix(2000)))
            }
            if clock.now >= deadline {
                terminate(pid: pid, socket: nil)
                throw DeployError(.commandFailed, "\(executable.lastPathComponent) -debug printed no "
                    + "\(ReattachConfig.variable) within \(timeout); its log: \(logFile.path)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Asks the provider to stop (SIGINT: a `-debug` provider shuts its server down and removes its socket), waits
    /// up to `grace`, then kills it. Safe to call more than once and from any thread.
    public func stop(grace: Duration = .seconds(10)) {
        let first = stopped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        Self.terminate(pid: pid, socket: config.address.network == "unix" ? config.address.string : nil,
                       grace: grace)
    }

    /// True while the process exists (not yet reaped).
    public var isRunning: Bool { kill(pid, 0) == 0 }

    // MARK: - Processes

    /// SIGINT, up to `grace` for it to exit, then SIGKILL; always reaps it and removes a leftover socket.
    static func terminate(pid: pid_t, socket: String?, grace: Duration = .seconds(10)) {
        if exitStatus(pid) == nil {
            kill(pid, SIGINT)
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: grace)
            while exitStatus(pid) == nil {
                if clock.now >= deadline {
                    kill(pid, SIGKILL)
                    _ = waitForExit(pid)
                    break
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        if let socket { unlink(socket) }
    }

    /// The child's exit status once it has exited (reaping it), else nil. A pid that is not our child (already
    /// reaped) counts as exited.
    static func exitStatus(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == 0 { return nil }
        return result == pid ? status : -1
    }

    static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    /// `posix_spawn` (through `/bin/sh`, for the working directory) in a new process group, standard input from
    /// /dev/null, standard output and error appended to `logFile`, signal mask and dispositions reset. Not
    /// Foundation's `Process`: it passes on the calling thread's signal mask (a libdispatch thread blocks SIGINT, and
    /// a provider that cannot receive SIGINT cannot stop gracefully) and reaps the child itself, while `stop` needs
    /// to `waitpid` the pid the provider announced.
    static func spawn(executable: URL, arguments: [String], directory: URL, environment: [String: String],
                      logFile: URL) throws(DeployError) -> pid_t {
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logFile.path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF
                                                       | POSIX_SPAWN_SETSIGMASK))
        // `posix_spawn_file_actions_addchdir_np` is not visible to Swift here: /bin/sh changes directory and then
        // execs the provider, which keeps the pid (the one the provider announces and infragen signals).
        let shell = ["/bin/sh", "-c", #"cd -- "$0" && exec "$@""#, directory.path, executable.path]
        let argv = (shell + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw DeployError(.commandFailed, "cannot start \(executable.path): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// What was appended to `file` since `offset`.
    static func readNew(_ file: URL, from offset: inout UInt64) -> String {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return "" }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() else { return "" }
        offset += UInt64(data.count)
        return String(decoding: data, as: UTF8.self)
    }
}
