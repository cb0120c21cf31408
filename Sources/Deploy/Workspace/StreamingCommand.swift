import Foundation

/// Runs a tool with its output going straight to this process's terminal (terraform's progress, the aws CLI's
/// waiters), so nothing is buffered away from the user; returns the exit status.
public protocol StreamingCommandRunner: Sendable {
    func stream(_ arguments: [String], directory: URL?, environment: [String: String]) throws(DeployError) -> Int32
}

/// `Process` with inherited standard output and error; standard input is closed so no tool can prompt.
public struct InheritingCommandRunner: StreamingCommandRunner {
    public init() {}

    public func stream(_ arguments: [String], directory: URL?, environment: [String: String])
        throws(DeployError) -> Int32
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DeployError(.commandFailed, "cannot run \(arguments[0]): \(error) (is it installed and on PATH?)")
        }
        InterruptGuard.shared.started(process.processIdentifier)
        process.waitUntilExit()
        InterruptGuard.shared.finished(process.processIdentifier)
        return process.terminationStatus
    }
}

extension ProcessCommandRunner {
    /// A runner whose children see this process's environment plus `extra`.
    public static func with(_ extra: [String: String]) -> ProcessCommandRunner {
        ProcessCommandRunner(environment: ProcessInfo.processInfo.environment.merging(extra) { _, new in new })
    }
}
