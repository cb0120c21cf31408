import Foundation

/// Finds the external tools the integration tests drive. Each is configurable by environment variable and
/// otherwise found where `tools/ensure-tools.sh` installs it; nothing is hard-coded to one machine.
public enum Tools {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// The parent of a `registry.terraform.io` provider mirror, for `terraform init -plugin-dir`.
    /// `INFRAGEN_TF_PLUGIN_DIR`, else the first mirror found under common roots.
    public static func terraformPluginDirectory() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["INFRAGEN_TF_PLUGIN_DIR"], !configured.isEmpty {
            return configured
        }
        for root in ["/opt", "/usr/local/share", "/usr/share", NSHomeDirectory() + "/.terraform.d"] {
            let result = try Subprocess.run(["find", root, "-maxdepth", "4", "-type", "d", "-name", "registry.terraform.io"])
            if let first = result.stdout.split(separator: "\n").first {
                return URL(fileURLWithPath: String(first)).deletingLastPathComponent().path
            }
        }
        throw Missing(description: "no terraform provider mirror found; set INFRAGEN_TF_PLUGIN_DIR to the folder holding registry.terraform.io")
    }

    /// Python with policy_sentry (its own virtualenv, tests only).
    public static func policySentryPython() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [
            environment["INFRAGEN_POLICY_SENTRY_VENV"].map { $0 + "/bin/python" },
            NSHomeDirectory() + "/.cache/infragen/policy-sentry-venv/bin/python",
        ].compactMap { $0 }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw Missing(description: "policy_sentry not found (looked in \(candidates)); run tools/ensure-tools.sh")
    }

    /// checkov runs from its own virtualenv (it pins a boto3 that would break moto).
    public static func checkov() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [
            environment["INFRAGEN_CHECKOV"],
            environment["INFRAGEN_CHECKOV_VENV"].map { $0 + "/bin/checkov" },
            NSHomeDirectory() + "/.cache/infragen/checkov-venv/bin/checkov",
        ].compactMap { $0 }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw Missing(description: "checkov not found (looked in \(candidates)); run tools/ensure-tools.sh")
    }

    /// The `infragen` executable built next to the test bundle.
    public static func infragen() throws -> String { try builtExecutable("infragen") }

    /// An executable product of this package built beside the test bundle (or in .build/debug).
    public static func builtExecutable(_ name: String) throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if directory.lastPathComponent == "MacOS" || directory.path.hasSuffix(".xctest/Contents/MacOS") {
            directory = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
        for candidate in [directory, RepoPaths.file(".build/debug")] {
            let path = candidate.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw Missing(description: "\(name) not built; run `swift build --build-tests`")
    }
}
