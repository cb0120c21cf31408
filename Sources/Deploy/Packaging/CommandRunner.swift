import Foundation

/// A finished command.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs external tools (swift build, strip, readelf); the seam tests and the CLI replace.
public protocol CommandRunner: Sendable {
    /// Runs `arguments[0]` found on PATH in `directory` and waits.
    func run(_ arguments: [String], directory: URL?) throws(DeployError) -> CommandResult
}

/// `Process`-based runner; output is collected in temporary files so a chatty build cannot fill a pipe and stall.
public struct ProcessCommandRunner: CommandRunner {
    public var environment: [String: String]?

    public init(environment: [String: String]? = nil) { self.environment = environment }

    public func run(_ arguments: [String], directory: URL?) throws(DeployError) -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let scratch = FileManager.default.temporaryDirectory
        let out = scratch.appendingPathComponent("infragen-cmd-\(UUID().uuidString).out")
        let err = scratch.appendingPathComponent("infragen-cmd-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        do {
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
            defer {
                try? outHandle.close()
                try? errHandle.close()
            }
            process.standardOutput = outHandle
            process.standardError = errHandle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            // A signal infragen defers while a tool runs is passed on to it (`InterruptGuard`).
            InterruptGuard.shared.started(process.processIdentifier)
            process.waitUntilExit()
            InterruptGuard.shared.finished(process.processIdentifier)
        } catch {
            throw DeployError(.commandFailed, "cannot run \(arguments.joined(separator: " ")): \(error)")
        }
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return CommandResult(status: process.terminationStatus, stdout: read(out), stderr: read(err))
    }
}
