import Foundation

/// A moto server on a free loopback port, started through `tools/moto-launcher.py` and stopped on `stop()` or
/// when the test process exits (the launcher watches its stdin).
public final class MotoServer: @unchecked Sendable {
    public let port: Int
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let stdin: Pipe
    /// moto's own log (werkzeug's request lines with their status codes, tracebacks of 500s), for failure messages.
    public let logFile: URL

    /// Dummy credentials that moto accepts while it does not enforce IAM.
    public static let dummyEnvironment: [String: String] = [
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
    ]

    /// The environment a tool (aws CLI, terraform, a runtime) needs to talk to this server.
    public var clientEnvironment: [String: String] {
        Self.dummyEnvironment.merging(["AWS_ENDPOINT_URL": endpoint]) { _, new in new }
    }

    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - enforceIAMAfter: when set, moto verifies signatures and IAM after this many free requests.
    ///   - environment: extra launcher settings (`MOTO_CONVERSE_REPLY`, `INFRAGEN_LAMBDA_EVENTS`; see
    ///     tools/moto-launcher.py).
    public init(enforceIAMAfter: Int? = nil, environment extra: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", RepoPaths.file("tools/moto-launcher.py").path]
        var environment = ProcessInfo.processInfo.environment
        environment["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
        if let enforceIAMAfter { environment["INITIAL_NO_AUTH_ACTION_COUNT"] = String(enforceIAMAfter) }
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let stdout = Pipe()
        stdin = Pipe()
        process.standardOutput = stdout
        process.standardInput = stdin
        logFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("infragen-moto-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        // The launcher prints exactly one line, `PORT <n>`, once the server listens.
        var line = Data()
        while let byte = try stdout.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw StartFailure(description: "moto launcher did not report a port (got \(text.debugDescription))")
        }
        self.port = port
    }

    /// Empties every backend, so one server can serve several tests.
    public func reset() throws {
        try post("/moto-api/reset", body: "")
    }

    /// POSTs to a `/moto-api/` control endpoint.
    public func post(_ path: String, body: String, contentType: String = "text/plain") throws {
        let result = try Subprocess.run([
            "curl", "-sS", "-f", "-X", "POST", "-H", "Content-Type: \(contentType)", "--data", body, endpoint + path,
        ])
        guard result.succeeded else {
            throw StartFailure(description: "moto control call \(path) failed: \(result.stderr)")
        }
    }

    /// The last `lines` lines of moto's log: what the server saw when a test's expectation failed.
    public func logTail(_ lines: Int = 30) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return "moto log (\(logFile.path)), last \(lines) lines:\n"
            + text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    public func stop() {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: logFile)
    }
}
