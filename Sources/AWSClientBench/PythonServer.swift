import Foundation

/// A loopback server run by a Python script of ours that prints `PORT <n>` when it listens and exits when its
/// stdin closes (`tools/moto-launcher.py`, `tools/bench/loopback-json-server.py`). A separate process, so the bench's
/// CPU clock counts only the client.
final class PythonServer {
    let port: Int
    private let process: Process
    private let input: Pipe

    /// Starts `tools/<script>`; nil (with a note printed) when python3 or the script's modules are missing.
    init?(script: String, purpose: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("tools/\(script)").path]
        let output = Pipe()
        input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            print("\(purpose) skipped: cannot start python3 (\(error))")
            return nil
        }
        var line = Data()
        while let byte = try? output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            print("\(purpose) skipped: \(script) printed \(text.debugDescription)")
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            return nil
        }
        self.port = port
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
