import Foundation

/// The `-debug` provider processes running in a terraform working directory (by `/proc/<pid>/cwd`), so a test can
/// show that infragen left none behind without being confused by other sessions' terraform runs.
enum ProviderProcesses {
    static func running(in directory: String) -> [Int32] {
        processes(in: directory) { $0.last == "-debug" && $0.contains { $0.contains("terraform-provider-") } }
    }

    /// terraform commands running in `directory`.
    static func terraform(in directory: String) -> [Int32] {
        processes(in: directory) { $0.first == "terraform" || $0.first?.hasSuffix("/terraform") == true }
    }

    /// Live processes whose working directory is `directory` and whose arguments satisfy `matching`.
    static func processes(in directory: String, matching: ([String]) -> Bool) -> [Int32] {
        let target = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd"),
                  cwd == target,
                  let arguments = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  stat.split(separator: ")").last?.split(separator: " ").first != "Z" else { return false }
            return matching(arguments.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// True while `pid` exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return stat.split(separator: ")").last?.split(separator: " ").first != "Z"
    }

    /// The pid in infragen's "… started once for this command (pid N, …" line.
    static func announcedPid(in output: String) -> Int32? {
        output.firstMatch(of: /started once for this command \(pid (\d+)/).flatMap { Int32($0.1) }
    }
}
