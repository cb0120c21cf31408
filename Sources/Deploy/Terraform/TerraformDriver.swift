import Foundation

/// Drives the terraform CLI in a working directory: init from a local provider mirror (never the registry),
/// plan to a file, show the plan as JSON, apply exactly that plan, destroy, and read outputs (from the state file
/// where that is what terraform would read).
/// init/plan/apply/destroy stream terraform's own output (its progress lines) to the terminal.
public struct TerraformDriver: Sendable {
    public var directory: URL
    /// Variables passed as `-var name=value` to plan and destroy.
    public var variables: [String: String]
    public var pluginDirectory: String
    public var streaming: any StreamingCommandRunner
    /// Runs the commands whose output infragen reads; by default a process runner with `environment`.
    public var capturing: any CommandRunner {
        get { capturingOverride ?? ProcessCommandRunner.with(environment) }
        set { capturingOverride = newValue }
    }
    private var capturingOverride: (any CommandRunner)?
    /// Extra environment for terraform (dummy credentials for a loopback endpoint, `TF_REATTACH_PROVIDERS`).
    public var environment: [String: String]

    public init(directory: URL, variables: [String: String] = [:], pluginDirectory: String,
                environment: [String: String] = [:], streaming: any StreamingCommandRunner = InheritingCommandRunner(),
                capturing: (any CommandRunner)? = nil) {
        self.directory = directory
        self.variables = variables
        self.pluginDirectory = pluginDirectory
        // `environment` is laid over the inherited one, so a GOGC in either is the user's choice.
        let chosen = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        self.environment = environment.merging(Self.automation) { _, new in new }
            .merging(Self.goRuntime(inherited: chosen)) { _, new in new }
        self.streaming = streaming
        self.capturingOverride = capturing
    }

    /// This driver talking to providers that are already running (`ReattachSession.environmentValue`), or starting
    /// its own again (nil).
    public func reattaching(_ value: String?) -> TerraformDriver {
        var copy = self
        copy.environment[ReattachConfig.variable] = value
        return copy
    }

    /// No update checks, no interactive prompts, messages worded for automation.
    static let automation = ["TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1", "TF_INPUT": "0"]

    /// Go's collector for terraform and the AWS provider it starts (they inherit terraform's environment), unless
    /// the user chose one: `GOGC=400` lets the heap grow to 5× the live data instead of 2× before collecting.
    /// Every terraform command starts the provider, which builds its whole schema each time, allocating heavily.
    /// Measured on a deploy of the reference stack to moto: 27 % less CPU (user 25.7 → 18.9 s) and 4.5 s less wall
    /// time, for a third more peak memory (largest process 0.83 → 1.1 GB; docs/deploy.md). A user's own `GOGC`
    /// (`GOGC=100` restores Go's default) is left alone.
    static func goRuntime(inherited: [String: String]) -> [String: String] {
        inherited["GOGC"] == nil ? ["GOGC": "400"] : [:]
    }

    /// The saved plan's file name inside the working directory.
    public static let planFile = "infragen.tfplan"

    var colorArguments: [String] { isatty(1) == 1 ? [] : ["-no-color"] }

    var variableArguments: [String] {
        variables.sorted { $0.key < $1.key }.flatMap { ["-var", "\($0.key)=\($0.value)"] }
    }

    /// `terraform init` against the provider mirror; quiet when it succeeds, terraform's error when not.
    public func initialize() throws(DeployError) {
        let arguments = ["terraform", "init", "-input=false", "-no-color", "-plugin-dir", pluginDirectory]
        let result = try capturing.run(arguments, directory: directory)
        guard result.status == 0 else {
            throw DeployError(.commandFailed, "terraform init failed (status \(result.status)) with provider mirror "
                + "\(pluginDirectory):\n"
                + (result.stderr + result.stdout).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// `terraform plan -out`; returns true when the plan has changes (`-detailed-exitcode` 2).
    public func plan(destroy: Bool = false) throws(DeployError) -> Bool {
        var arguments = ["terraform", "plan", "-input=false", "-detailed-exitcode", "-out", Self.planFile]
        if destroy { arguments.append("-destroy") }
        let status = try foreground { () throws(DeployError) in
            try streaming.stream(arguments + colorArguments + variableArguments, directory: directory,
                                 environment: environment)
        }
        switch status {
        case 0: return false
        case 2: return true
        default: throw DeployError(.commandFailed, "terraform plan failed (status \(status)); its error is above")
        }
    }

    /// The saved plan as `terraform show -json` gives it.
    public func showPlan() throws(DeployError) -> Data {
        let arguments = ["terraform", "show", "-json", "-no-color", Self.planFile]
        let result = try foreground { () throws(DeployError) in try capturing.run(arguments, directory: directory) }
        guard result.status == 0 else {
            throw DeployError(.commandFailed, "terraform show failed (status \(result.status)):\n\(result.stderr)")
        }
        return Data(result.stdout.utf8)
    }

    /// Applies the saved plan (and only it: what was shown is what is applied).
    public func applyPlan() throws(DeployError) {
        let status = try foreground { () throws(DeployError) in
            try streaming.stream(["terraform", "apply", "-input=false"] + colorArguments + [Self.planFile],
                                 directory: directory, environment: environment)
        }
        guard status == 0 else {
            throw DeployError(.commandFailed, "terraform apply failed (status \(status)); its error is above")
        }
    }

    /// Runs a terraform command with signals deferred (`InterruptGuard`): a Ctrl-C reaches terraform too, which
    /// stops gracefully; infragen then reports the interruption instead of the command's failure.
    func foreground<T>(_ command: () throws(DeployError) -> T) throws(DeployError) -> T {
        let result = try InterruptGuard.shared.whileChildRuns(command)
        if let signal = InterruptGuard.shared.pending {
            throw DeployError(.interrupted, "interrupted (signal \(signal)) while terraform ran")
        }
        return result
    }

    /// The root module's outputs, name → value (strings as-is, anything else as compact JSON): from the state file
    /// where `TerraformLocalState` may read it (what `terraform output -json` would print, without starting
    /// terraform: 0.8 s of every deploy here), else from `terraform output -json`.
    public func outputs() throws(DeployError) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment.merging(environment) { _, own in own }
        if let state = TerraformLocalState.read(directory: directory, environment: inherited) {
            return try TerraformLocalState.outputs(in: state)
        }
        let result = try capturing.run(["terraform", "output", "-json", "-no-color"], directory: directory)
        guard result.status == 0 else {
            throw DeployError(.commandFailed, "terraform output failed (status \(result.status)):\n\(result.stderr)")
        }
        return try Self.decodeOutputs(Data(result.stdout.utf8))
    }

    /// The state file as it is (`terraform state pull`): what was deployed, read without starting the provider.
    /// `show -json` would give the same values but first loads the AWS provider's schema (a 700 MB plugin: ~4 s of
    /// CPU, 15 s and more on a busy machine), which made every `infragen invoke` that slow.
    public func pullState() throws(DeployError) -> Data {
        let result = try capturing.run(["terraform", "state", "pull"], directory: directory)
        guard result.status == 0 else {
            throw DeployError(.commandFailed, "terraform state pull failed (status \(result.status)):\n\(result.stderr)")
        }
        return Data(result.stdout.utf8)
    }

    static func decodeOutputs(_ data: Data) throws(DeployError) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DeployError(.unexpectedOutput, "terraform output -json did not print a JSON object")
        }
        return outputValues(object)
    }

    /// `{name: {"value": …, "type": …}}`, the shape of both `terraform output -json` and the state's `outputs`.
    static func outputValues(_ object: [String: Any]) -> [String: String] {
        var outputs: [String: String] = [:]
        for (name, entry) in object {
            guard let value = (entry as? [String: Any])?["value"] else { continue }
            if let string = value as? String {
                outputs[name] = string
            } else if let data = try? JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
                outputs[name] = String(decoding: data, as: UTF8.self)
            }
        }
        return outputs
    }
}

/// Where terraform's provider mirror is: `--plugin-dir`, else `INFRAGEN_TF_PLUGIN_DIR`, else the first
/// `registry.terraform.io` folder under the usual roots (its parent is the mirror). Never the network.
public enum PluginDirectory {
    public static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               roots: [String]? = nil) throws(DeployError) -> String {
        if let option, !option.isEmpty { return option }
        if let configured = environment["INFRAGEN_TF_PLUGIN_DIR"], !configured.isEmpty { return configured }
        let roots = roots ?? ["/opt", "/usr/local/share", "/usr/share", NSHomeDirectory() + "/.terraform.d",
                              NSHomeDirectory() + "/.local/share/terraform"]
        for root in roots {
            if let found = search(URL(fileURLWithPath: root), depth: 4) { return found.path }
        }
        throw DeployError(.usage, "no terraform provider mirror found (looked under \(roots.joined(separator: ", "))); "
            + "pass --plugin-dir or set INFRAGEN_TF_PLUGIN_DIR to the folder that holds registry.terraform.io")
    }

    /// Breadth-first, a few levels deep: the parent of the first `registry.terraform.io` directory.
    static func search(_ root: URL, depth: Int) -> URL? {
        var level = [root]
        for _ in 0..<depth {
            var next: [URL] = []
            for directory in level {
                let children = (try? FileManager.default.contentsOfDirectory(
                    at: directory, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
                for child in children.sorted(by: { $0.path < $1.path })
                where (try? child.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                    if child.lastPathComponent == "registry.terraform.io" { return directory }
                    next.append(child)
                }
            }
            level = next
        }
        return nil
    }
}
