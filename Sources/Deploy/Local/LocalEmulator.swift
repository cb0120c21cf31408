import Foundation

/// The local AWS: a moto server started through `tools/moto-launcher.py` on a free loopback port, detached, with
/// its state in `<root>/local/`: `endpoint` (the URL other commands read), `pid`, `moto.log`, and `lambda-events/`
/// (`<function>.jsonl`: each event an EventBridge rule delivered to that function, which moto cannot run itself).
public struct LocalEmulator: Sendable {
    public var directory: URL
    /// The launcher script (in the repository's `tools/`).
    public var launcher: URL
    public var python: String

    public init(root: URL = StackWorkspace.defaultRoot, launcher: URL, python: String = "python3") {
        directory = root.appendingPathComponent("local")
        self.launcher = launcher
        self.python = python
    }

    public var endpointFile: URL { directory.appendingPathComponent("endpoint") }
    public var pidFile: URL { directory.appendingPathComponent("pid") }
    public var logFile: URL { directory.appendingPathComponent("moto.log") }
    /// Where the launcher appends the events that rules deliver to Lambda targets (`INFRAGEN_LAMBDA_EVENTS`).
    public var lambdaEventsDirectory: URL { directory.appendingPathComponent("lambda-events") }

    public enum Status: Sendable, Equatable {
        case running(endpoint: String, pid: Int32)
        /// Not running; `stale` when files of a dead server were left behind.
        case stopped(stale: Bool)
    }

    /// Running means: a pid file whose process is alive and an endpoint file.
    public func status() -> Status {
        let read = { (url: URL) in
            (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let pid = read(pidFile).flatMap { Int32($0) }
        let endpoint = read(endpointFile)
        if let pid, let endpoint, Self.isAlive(pid) { return .running(endpoint: endpoint, pid: pid) }
        return .stopped(stale: pid != nil || endpoint != nil)
    }

    /// The endpoint of a running emulator, or nil.
    public func runningEndpoint() -> String? {
        if case .running(let endpoint, _) = status() { return endpoint }
        return nil
    }

    /// Installs moto's server with pip when `import moto.server` fails, saying so first.
    public func ensureMoto(log: (String) -> Void) throws(DeployError) {
        let runner = ProcessCommandRunner()
        if try runner.run([python, "-c", "import moto.server, flask"], directory: nil).status == 0 { return }
        log("infragen: moto's server is not installed; installing it with `\(python) -m pip install 'moto[server]'`")
        let install = try runner.run([python, "-m", "pip", "install", "-q", "moto[server]"], directory: nil)
        guard install.status == 0 else {
            throw DeployError(.commandFailed, "pip could not install moto[server] (status \(install.status)):\n"
                + install.stderr + "\ninstall it yourself (`\(python) -m pip install 'moto[server]'`) and retry")
        }
    }

    /// True while the process exists and has not exited. A detached server is reparented to PID 1, which in some
    /// containers never reaps it, so an exited server lingers as a zombie that `kill(pid, 0)` still finds.
    public static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        // After "pid (comm) " comes the state letter; Z is a zombie, X dead.
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    /// Starts the server unless one is running; returns its endpoint.
    public func up(log: (String) -> Void) throws(DeployError) -> String {
        if let endpoint = runningEndpoint() { return endpoint }
        try ensureMoto(log: log)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            // A new server starts empty: the events an earlier one recorded no longer describe it.
            for file in [endpointFile, pidFile, lambdaEventsDirectory]
            where FileManager.default.fileExists(atPath: file.path) {
                try FileManager.default.removeItem(at: file)
            }
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        } catch {
            throw DeployError(.io, "cannot prepare \(directory.path): \(error)")
        }
        // MOTO_DETACH=1: the launcher starts its own session (outliving this command and a terminal's Ctrl-C) and
        // does not wait for stdin to close. env execs python, so the pid is the server's.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, launcher.path]
        var environment = ProcessInfo.processInfo.environment
        environment["MOTO_DETACH"] = "1"
        environment["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
        environment["INFRAGEN_LAMBDA_EVENTS"] = lambdaEventsDirectory.path
        process.environment = environment
        guard let logHandle = try? FileHandle(forWritingTo: logFile) else {
            throw DeployError(.io, "cannot open \(logFile.path)")
        }
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DeployError(.commandFailed, "cannot start \(launcher.path): \(error)")
        }
        try? logHandle.close()
        // The launcher prints `PORT n` once moto listens.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }),
               let port = Int(line.dropFirst(5).trimmingCharacters(in: .whitespaces)) {
                let endpoint = "http://127.0.0.1:\(port)"
                do {
                    try Data("\(process.processIdentifier)\n".utf8).write(to: pidFile, options: .atomic)
                    try Data("\(endpoint)\n".utf8).write(to: endpointFile, options: .atomic)
                } catch {
                    throw DeployError(.io, "cannot write \(directory.path): \(error)")
                }
                return endpoint
            }
            if !process.isRunning {
                throw DeployError(.commandFailed, "moto exited (status \(process.terminationStatus)) before "
                    + "listening; its log, \(logFile.path):\n" + text.suffix(2000))
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        kill(process.processIdentifier, SIGTERM)
        throw DeployError(.commandFailed, "moto did not start listening within 60 s; see \(logFile.path)")
    }

    /// Stops the server (SIGTERM, then SIGKILL after 10 s) and removes the endpoint and pid files.
    /// Returns false when none was running.
    @discardableResult
    public func down() throws(DeployError) -> Bool {
        var stopped = false
        if case .running(_, let pid) = status() {
            kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while Self.isAlive(pid) && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            if Self.isAlive(pid) {
                kill(pid, SIGKILL)
                let killed = Date().addingTimeInterval(5)
                while Self.isAlive(pid) && Date() < killed { Thread.sleep(forTimeInterval: 0.05) }
            }
            stopped = true
        }
        for file in [endpointFile, pidFile] { try? FileManager.default.removeItem(at: file) }
        return stopped
    }
}
