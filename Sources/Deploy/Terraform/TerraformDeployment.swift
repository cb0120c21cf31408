import Foundation
import InfraModel
import Render

/// One stack's terraform working directory, prepared for plan/apply/destroy: the rendered `main.tf.json`, the
/// endpoint override, the variables (kept in `infragen.auto.tfvars.json` so `diff`, `destroy` and `outputs` reuse
/// what `deploy` was given) and an initialised provider.
public struct TerraformDeployment: Sendable {
    public var stack: Stack
    public var workspace: StackWorkspace
    public var endpoint: CustomEndpoint?
    public var driver: TerraformDriver
    /// Prints infragen's own progress lines.
    public var log: @Sendable (String) -> Void
    /// Whether plan, show and apply share one provider process (`ProviderReattachment`).
    public var reattachment: ProviderReattachment

    public static let variablesFile = "infragen.auto.tfvars.json"

    public init(stack: Stack, workspace: StackWorkspace, endpoint: CustomEndpoint?, pluginDirectory: String,
                reattachment: ProviderReattachment = .off,
                streaming: any StreamingCommandRunner = InheritingCommandRunner(),
                log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.stack = stack
        self.workspace = workspace
        self.endpoint = endpoint
        self.log = log
        self.reattachment = reattachment
        var environment = endpoint?.isLoopback == true ? CustomEndpoint.dummyCredentials : [:]
        if let endpoint {
            environment.merge(ProviderOverride.environment(
                endpoint: endpoint, inherited: ProcessInfo.processInfo.environment)) { _, new in new }
        }
        driver = TerraformDriver(directory: workspace.terraform, pluginDirectory: pluginDirectory,
                                 environment: environment, streaming: streaming)
    }

    /// Renders into the working directory, writes the override and variables, and runs `terraform init`.
    /// - Parameters:
    ///   - variables: `--var` values (and the function code's, from `uploadCode`), over those saved by an earlier
    ///     deploy.
    ///   - persist: save the values for later runs (deploy); otherwise (diff, destroy) they apply to this run only.
    public mutating func prepare(variables: [String: String], persist: Bool) throws(DeployError) {
        let files = RenderTarget.files(for: stack, targets: [.terraform]).map { ($0.path, $0.contents) }
        try workspace.write(files)
        try ProviderOverride.write(into: workspace.terraform, endpoint: endpoint)
        let given = variables
        let saved = try savedVariables().filter { !Self.retiredVariables.contains($0.key) }
        let merged = saved.merging(given) { _, new in new }
        if persist {
            try saveVariables(merged)
        } else {
            driver.variables = given
        }
        let missing = stack.parameters.filter { $0.defaultValue == nil && merged[$0.name] == nil }.map(\.name)
        guard missing.isEmpty else {
            throw DeployError(.usage, "missing value for required parameter(s) "
                + missing.map { "`\($0)`" }.joined(separator: ", ") + "; pass --var "
                + missing.map { "\($0)=…" }.joined(separator: " --var "))
        }
        try initializeWhenNeeded()
    }

    /// `terraform init`, unless the last successful one was for this very configuration and mirror (`InitStamp`).
    func initializeWhenNeeded() throws(DeployError) {
        let stamp = InitStamp(directory: workspace.terraform, pluginDirectory: driver.pluginDirectory)
        if stamp.isCurrent() {
            log("infragen: terraform init not needed (providers and mirror unchanged since the last init)")
            return
        }
        let initialised = [".terraform", ".terraform.lock.hcl"].allSatisfy {
            FileManager.default.fileExists(atPath: workspace.terraform.appendingPathComponent($0).path)
        }
        if !initialised {
            log("infragen: terraform init (provider mirror \(driver.pluginDirectory))")
        }
        stamp.clear()
        try driver.initialize()
        try stamp.record()
    }

    var variablesURL: URL { workspace.terraform.appendingPathComponent(Self.variablesFile) }

    func savedVariables() throws(DeployError) -> [String: String] {
        guard let data = try? Data(contentsOf: variablesURL) else { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DeployError(.io, "\(variablesURL.path) is not a JSON object; fix or delete it")
        }
        return object.compactMapValues { $0 as? String ?? ($0 as? NSNumber)?.stringValue }
    }

    func saveVariables(_ variables: [String: String]) throws(DeployError) {
        do {
            let data = try JSONSerialization.data(
                withJSONObject: variables, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            try FileManager.default.createDirectory(at: workspace.terraform, withIntermediateDirectories: true)
            try (data + Data("\n".utf8)).write(to: variablesURL, options: .atomic)
        } catch {
            throw DeployError(.io, "cannot write \(variablesURL.path): \(error)")
        }
    }

    /// Plans (destroy plan when asked) and summarises; nil summary means no changes.
    public func plan(destroy: Bool = false) throws(DeployError) -> PlanSummary {
        try withProviders { driver throws(DeployError) in try plan(destroy: destroy, with: driver) }
    }

    func plan(destroy: Bool, with driver: TerraformDriver) throws(DeployError) -> PlanSummary {
        log("infragen: terraform plan\(destroy ? " -destroy" : "") in \(workspace.terraform.path)")
        guard try driver.plan(destroy: destroy) else { return PlanSummary(changes: []) }
        return try PlanSummary(terraformPlan: driver.showPlan())
    }

    /// Plan, summary, confirmation, apply. Returns false when the user declined.
    @discardableResult
    public func run(destroy: Bool, confirmer: any Confirmer) throws(DeployError) -> Bool {
        try withProviders { driver throws(DeployError) in
            let summary = try plan(destroy: destroy, with: driver)
            log("")
            log(summary.text)
            if summary.isEmpty { return true }
            guard try confirmer.confirm(destroy ? "Destroy these resources?" : "Apply this plan?") else {
                log("infragen: not applied")
                return false
            }
            log("infragen: terraform apply")
            try driver.applyPlan()
            return true
        }
    }

    /// Runs `body` with a driver whose terraform commands reattach to providers started once for it, when
    /// `reattachment` is on and the providers can be verified; otherwise with the plain driver. The providers are
    /// stopped when `body` returns or throws, and on a signal (after which infragen ends by that signal).
    func withProviders<T>(_ body: (TerraformDriver) throws(DeployError) -> T) throws(DeployError) -> T {
        guard reattachment == .on else { return try unshared(body) }
        guard let environment = ProviderReattachment.providerEnvironment(
            inherited: ProcessInfo.processInfo.environment, terraform: driver.environment, endpoint: endpoint)
        else {
            log("infragen: AWS_CA_BUNDLE is set, and the AWS provider cannot be configured twice in one process with "
                + "it; terraform starts the provider for each command")
            return try unshared(body)
        }
        let clock = ContinuousClock()
        let started = clock.now
        let session: ReattachSession?
        do {
            session = try ReattachSession.start(directory: workspace.terraform, environment: environment, log: log)
        } catch where error.code == .providerMismatch {
            throw error
        } catch {
            log("infragen: could not start the provider once for all commands, so terraform starts it for each "
                + "(\(error.message))")
            return try unshared(body)
        }
        guard let session else { return try unshared(body) }
        defer {
            session.stop()
            InterruptGuard.shared.reraisePending()
        }
        let pids = session.providers.map { "\($0.pid)" }.joined(separator: ", ")
        log("infragen: provider checked against \(ProviderLock.fileName) and started once for this command "
            + "(pid \(pids), \(Self.seconds(clock.now - started)); its log: \(ReattachSession.logName))")
        return try body(driver.reattaching(session.environmentValue))
    }

    /// `body` with terraform starting its own providers; a signal is still passed on to the running terraform
    /// (`InterruptGuard`; its process group never sees a terminal's Ctrl-C), and infragen ends by it afterwards.
    func unshared<T>(_ body: (TerraformDriver) throws(DeployError) -> T) throws(DeployError) -> T {
        let token = InterruptGuard.shared.add {}
        defer {
            InterruptGuard.shared.remove(token)
            InterruptGuard.shared.reraisePending()
        }
        return try body(driver)
    }

    static func seconds(_ duration: Duration) -> String {
        let components = duration.components
        let value = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return String(format: "%.1f s", value)
    }
}
