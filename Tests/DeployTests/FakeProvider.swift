@testable import Deploy
import Foundation
import InfragenTestSupport

/// A stand-in for a terraform provider in `-debug` mode: a shell script that announces a reattach configuration
/// (its own pid, a file standing for its socket), logs its pid, `GOGC` and working directory, and stops on SIGINT,
/// removing the "socket". `FAKE_MODE`: `exit` fails before announcing, `silent` never announces, `stubborn`
/// ignores SIGINT.
enum FakeProvider {
    static let address = "registry.terraform.io/example/fake"

    static let script = #"""
        #!/bin/sh
        echo "pid=$$ GOGC=${GOGC:-unset} cwd=$(pwd)" >&2
        [ "$FAKE_MODE" = exit ] && { echo "failing on purpose" >&2; exit 3; }
        [ "$FAKE_MODE" = silent ] && exec sleep 600
        socket="${TMPDIR:-/tmp}/fake-plugin-$$"
        : > "$socket"
        if [ "$FAKE_MODE" = stubborn ]; then trap '' INT; else trap 'rm -f "$socket"; exit 0' INT; fi
        config='"Protocol":"grpc","ProtocolVersion":5,"Pid":%d,"Test":true,"Addr":{"Network":"unix","String":"%s"}'
        printf "Provider started.\n\n\tTF_REATTACH_PROVIDERS='{\"registry.terraform.io/example/fake\":{$config}}'\n\n" \
            $$ "$socket"
        while :; do sleep 0.1; done
        """#

    static func scratch(_ label: String) throws -> URL {
        try RepoPaths.scratchDirectory(label).resolvingSymlinksInPath()
    }

    /// An executable fake provider in a fresh folder.
    static func executable() throws -> URL {
        let url = try scratch("fake-provider").appendingPathComponent("terraform-provider-fake_v1.0.0")
        try Data(script.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }

    /// A terraform working directory initialised by real `terraform init -plugin-dir` against a mirror holding only
    /// the fake provider (package: the script and `docs/NOTES.txt`), so the lock file's `h1:` is terraform's own.
    static func initialised(label: String) throws -> URL {
        let root = try scratch(label)
        let package = root.appendingPathComponent(
            "mirror/registry.terraform.io/example/fake/1.0.0/\(LockedProvider.platform)")
        try FileManager.default.createDirectory(at: package.appendingPathComponent("docs"),
                                                withIntermediateDirectories: true)
        let binary = package.appendingPathComponent("terraform-provider-fake_v1.0.0")
        try Data(script.utf8).write(to: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
        try Data("notes\n".utf8).write(to: package.appendingPathComponent("docs/NOTES.txt"))
        let work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let configuration = #"{"terraform":{"required_providers":{"fake":"#
            + #"{"source":"example/fake","version":"1.0.0"}}}}"#
        try Data(configuration.utf8).write(to: work.appendingPathComponent("main.tf.json"))
        let mirror = root.appendingPathComponent("mirror").path
        let initialise = try Subprocess.run(
            ["terraform", "init", "-input=false", "-no-color", "-plugin-dir", mirror],
            environment: ["TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"], directory: work)
        guard initialise.succeeded else {
            throw Tools.Missing(description: "terraform init failed: \(initialise.stdout)\(initialise.stderr)")
        }
        return work
    }

    /// The environment the fake needs (`sleep` on PATH) plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "GOGC": "400"]
            .merging(extra) { _, new in new }
    }

    /// The pid a fake logged in its first line (`pid=N …`).
    static func loggedPid(in log: URL) -> Int32? {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.firstMatch(of: #/pid=(\d+) /#).flatMap { Int32($0.1) }
    }

    /// True while `pid` is a live process (not a zombie, not gone).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else {
            return kill(pid, 0) == 0
        }
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        return state != "Z" && state != "X"
    }
}
