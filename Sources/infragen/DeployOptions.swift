import ArgumentParser
import Deploy
import Foundation
import InfraModel

/// Where and how a stack is deployed; shared by deploy, diff, destroy, outputs and invoke.
struct TargetOptions: ParsableArguments {
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case terraform, cloudformation
    }

    @Option(help: "Deployment engine: terraform or cloudformation.")
    var target: Target = .terraform

    @Option(help: ArgumentHelp("An AWS-compatible endpoint (moto, LocalStack) instead of AWS.", valueName: "url"))
    var endpoint: String?

    @Flag(help: "Use the local AWS started by `infragen local up` (its endpoint is in .infragen/local/endpoint).")
    var local = false

    @Option(help: ArgumentHelp("The stack's working directory (default .infragen/<stack>).", valueName: "dir"))
    var workDir: String?

    @Option(help: ArgumentHelp("Terraform provider mirror for `init -plugin-dir` (default: $INFRAGEN_TF_PLUGIN_DIR, "
                               + "else discovered).", valueName: "dir"))
    var pluginDir: String?

    @Option(help: "Region for CloudFormation and invoke (default $AWS_REGION, else us-east-1).")
    var region: String?

    func validate() throws {
        if local && endpoint != nil { throw ValidationError("--local and --endpoint exclude each other") }
    }

    var resolvedRegion: String {
        region ?? ProcessInfo.processInfo.environment["AWS_REGION"]
            ?? ProcessInfo.processInfo.environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
    }

    /// `--endpoint`, or the local emulator's endpoint with `--local` (which must be running).
    func resolvedEndpoint() throws -> CustomEndpoint? {
        if let endpoint { return try CustomEndpoint(endpoint) }
        guard local else { return nil }
        guard let running = LocalEmulator(launcher: Launcher.path()).runningEndpoint() else {
            throw DeployError(.usage, "--local: the local AWS is not running; start it with `infragen local up`")
        }
        return try CustomEndpoint(running)
    }

    func workspace(for stack: Stack) -> StackWorkspace { StackWorkspace(stack: stack.name, workDirectory: workDir) }

    func terraform(for stack: Stack) throws -> TerraformDeployment {
        let endpoint = try resolvedEndpoint()
        return TerraformDeployment(stack: stack, workspace: workspace(for: stack), endpoint: endpoint,
                                   pluginDirectory: try PluginDirectory.resolve(pluginDir),
                                   reattachment: try ProviderReattachment.resolve(endpoint: endpoint), log: say)
    }

    func cloudFormation(for stack: Stack, bucket: String? = nil) throws -> CloudFormationDeployment {
        CloudFormationDeployment(stack: stack, workspace: workspace(for: stack),
                                 cli: AWSCLI(endpoint: try resolvedEndpoint(), region: resolvedRegion), bucket: bucket,
                                 log: say)
    }
}

/// `--var name=value`, repeatable.
struct VariableOptions: ParsableArguments {
    @Option(name: .customLong("var"), help: ArgumentHelp(
        "A blueprint parameter, e.g. --var alert_email=you@your.domain (repeatable; terraform keeps them in the "
            + "working directory for later diff/destroy).", valueName: "name=value"))
    var variables: [String] = []

    func validate() throws { _ = try parsed() }

    func parsed() throws -> [String: String] {
        var result: [String: String] = [:]
        for variable in variables {
            guard let equals = variable.firstIndex(of: "="), equals != variable.startIndex else {
                throw ValidationError("--var \(variable): expected name=value")
            }
            result[String(variable[..<equals])] = String(variable[variable.index(after: equals)...])
        }
        return result
    }
}

/// Locates `tools/moto-launcher.py`: `$INFRAGEN_MOTO_LAUNCHER`, the current directory's `tools/`, or the
/// checkout the infragen executable was built in (`<repo>/.build/<config>/infragen`).
enum Launcher {
    static func path() -> URL {
        if let configured = ProcessInfo.processInfo.environment["INFRAGEN_MOTO_LAUNCHER"] {
            return URL(fileURLWithPath: configured)
        }
        let relative = "tools/moto-launcher.py"
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: here.path) { return here }
        var directory = Executables.directory
        for _ in 0..<4 {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return here
    }
}

/// Executables built alongside infragen (the runtimes, for `invoke`).
enum Executables {
    static var directory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// `product` next to infragen, else in `.build/debug` or `.build/release` of the current directory.
    static func find(_ product: String) throws -> URL {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let candidates = [directory, cwd.appendingPathComponent(".build/debug"),
                          cwd.appendingPathComponent(".build/release")].map { $0.appendingPathComponent(product) }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw DeployError(.usage, "runtime executable \(product) not found (looked at "
            + candidates.map(\.path).joined(separator: ", ") + "); build it with `swift build --product \(product)` "
            + "or pass --executable")
    }
}

/// Prints a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// infragen's progress lines go to stdout, flushed so they interleave correctly with terraform's own output.
@Sendable func say(_ line: String) {
    print(line)
    fflush(nil)  // nil: every stream; naming `stdout` is not concurrency-safe
}
