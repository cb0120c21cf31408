import Foundation
import InfraModel
import Render

/// Deploys the rendered CloudFormation template: zips to an artifacts bucket (keyed by content hash, so new code
/// is a new key and CloudFormation sees the change; uploaded with the Swift S3 client), a change set, its summary,
/// confirmation, execution, wait.
public struct CloudFormationDeployment: Sendable {
    public var stack: Stack
    public var workspace: StackWorkspace
    public var cli: AWSCLI
    /// `--artifacts-bucket`, else `<stack>-artifacts-<account>-<region>`.
    public var bucketOverride: String?
    public var log: @Sendable (String) -> Void

    public init(stack: Stack, workspace: StackWorkspace, cli: AWSCLI, bucket: String? = nil,
                log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.stack = stack
        self.workspace = workspace
        self.cli = cli
        self.bucketOverride = bucket
        self.log = log
    }

    public var templateURL: URL { workspace.cloudformation.appendingPathComponent("template.json") }

    /// The Swift S3 uploader for this deployment's endpoint and region (`ArtifactUploader.client`).
    func makeUploader() throws(DeployError) -> ArtifactUploader {
        ArtifactUploader(client: try ArtifactUploader.client(endpoint: cli.endpoint, region: cli.region), log: log)
    }

    /// Uploads the zips (`ArtifactUploader`: the bucket created when missing, a zip already there under its hash
    /// not sent again); returns the bucket and runtime → key.
    public func upload(_ zips: [String: URL]) async throws(DeployError) -> (bucket: String, keys: [String: String]) {
        let uploader = try makeUploader()
        let bucket = try await uploader.bucketName(stack: stack.name, override: bucketOverride)
        let artifacts = try await uploader.upload(zips, bucket: bucket)
        return (bucket, artifacts.mapValues(\.key))
    }

    /// The template's parameter values: `--var name=value` matched to its parameter (`alert_email` → `AlertEmail`),
    /// the bucket, and each function's code key (`…CodeKey`, whose default is `<runtime>.zip`).
    public func parameters(variables: [String: String], bucket: String, keys: [String: String])
        throws(DeployError) -> [String: String]
    {
        guard let data = try? Data(contentsOf: templateURL),
              let template = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DeployError(.io, "cannot read the rendered template \(templateURL.path)")
        }
        let declared = template["Parameters"] as? [String: [String: Any]] ?? [:]
        let normalized = { (name: String) in name.lowercased().filter { $0.isLetter || $0.isNumber } }
        var values: [String: String] = [:]
        for (name, value) in variables {
            guard let parameter = declared.keys.first(where: { normalized($0) == normalized(name) }) else {
                throw DeployError(.usage, "--var \(name): the template has no such parameter (it has "
                    + declared.keys.sorted().joined(separator: ", ") + ")")
            }
            values[parameter] = value
        }
        if declared["ArtifactBucket"] != nil { values["ArtifactBucket"] = bucket }
        for (name, body) in declared where name.hasSuffix("CodeKey") {
            let runtime = (body["Default"] as? String).map { String($0.dropLast(".zip".count)) }
            if let runtime, let key = keys[runtime] { values[name] = key }
        }
        let missing = declared.filter { $0.value["Default"] == nil && values[$0.key] == nil }.keys.sorted()
        guard missing.isEmpty else {
            throw DeployError(.usage, "missing value for template parameter(s) \(missing.joined(separator: ", ")); "
                + "pass --var name=value")
        }
        return values
    }

    /// The stack's status, or nil when there is no such stack.
    public func stackStatus() throws(DeployError) -> String? {
        let probe = try cli.probe(["cloudformation", "describe-stacks", "--stack-name", stack.name])
        guard probe.error == nil else { return nil }
        let stacks = (probe.object as? [String: Any])?["Stacks"] as? [[String: Any]]
        return stacks?.first?["StackStatus"] as? String ?? "UNKNOWN"
    }

    /// True when a stack in this status has been created. A stack whose first change set was never executed is in
    /// REVIEW_IN_PROGRESS: it takes another CREATE change set, not an UPDATE.
    static func isDeployed(_ status: String?) -> Bool {
        guard let status else { return false }
        return status != "REVIEW_IN_PROGRESS"
    }

    /// Creates a change set (UPDATE when the stack `exists`, per `isDeployed`); an empty summary when it holds no
    /// changes. The caller passes what it already asked, so each deploy asks for the stack's status once (every
    /// question is an aws CLI process, about a second).
    public func createChangeSet(parameters: [String: String], exists: Bool)
        throws(DeployError) -> (name: String, summary: PlanSummary)
    {
        let name = "infragen-\(Int(Date().timeIntervalSince1970))"
        log("infragen: creating change set \(name) (\(exists ? "UPDATE" : "CREATE"))")
        try cli.call([
            "cloudformation", "create-change-set", "--stack-name", stack.name, "--change-set-name", name,
            "--change-set-type", exists ? "UPDATE" : "CREATE", "--template-body", "file://\(templateURL.path)",
            "--capabilities", "CAPABILITY_NAMED_IAM",
            "--parameters",
        ] + parameters.sorted { $0.key < $1.key }.map { "ParameterKey=\($0.key),ParameterValue=\($0.value)" })
        let describe = ["cloudformation", "describe-change-set", "--stack-name", stack.name, "--change-set-name", name]
        var description: [String: Any] = [:]
        for _ in 0..<120 {
            description = try cli.call(describe) as? [String: Any] ?? [:]
            let status = description["Status"] as? String ?? ""
            if status == "CREATE_COMPLETE" { break }
            if status == "FAILED" {
                let reason = description["StatusReason"] as? String ?? ""
                if reason.contains("didn't contain changes") || reason.contains("No updates") {
                    try? cli.call(["cloudformation", "delete-change-set", "--stack-name", stack.name,
                                   "--change-set-name", name])
                    return (name, PlanSummary(changes: []))
                }
                throw DeployError(.commandFailed, "change set \(name) failed: \(reason)")
            }
            Thread.sleep(forTimeInterval: 1)
        }
        let data = (try? JSONSerialization.data(withJSONObject: description)) ?? Data()
        return (name, try PlanSummary(cloudFormationChangeSet: data))
    }

    /// Change set, summary, confirmation, execution and wait. Returns false when declined.
    @discardableResult
    public func deploy(zips: [String: URL], variables: [String: String], confirmer: any Confirmer)
        async throws(DeployError) -> Bool
    {
        let files = RenderTarget.files(for: stack, targets: [.cloudformation]).map { ($0.path, $0.contents) }
        try workspace.write(files)
        let (bucket, keys) = try await upload(zips)
        let exists = Self.isDeployed(try stackStatus())
        let values = try parameters(variables: variables, bucket: bucket, keys: keys)
        let (name, summary) = try createChangeSet(parameters: values, exists: exists)
        log("")
        log(summary.text)
        if summary.isEmpty { return true }
        let approved: Bool
        do {
            approved = try confirmer.confirm("Execute this change set?")
        } catch {
            discard(changeSet: name, stackExisted: exists)
            throw error
        }
        guard approved else {
            discard(changeSet: name, stackExisted: exists)
            log("infragen: not applied")
            return false
        }
        try cli.call(["cloudformation", "execute-change-set", "--stack-name", stack.name, "--change-set-name", name])
        log("infragen: waiting for stack \(stack.name)")
        try cli.wait(["cloudformation", "wait", exists ? "stack-update-complete" : "stack-create-complete",
                      "--stack-name", stack.name])
        return true
    }

    /// What a deploy would change: a change set, summarised and deleted (`infragen diff`). Uploads the zips, since
    /// their keys are part of the parameters.
    public func preview(zips: [String: URL], variables: [String: String]) async throws(DeployError) -> PlanSummary {
        let files = RenderTarget.files(for: stack, targets: [.cloudformation]).map { ($0.path, $0.contents) }
        try workspace.write(files)
        let (bucket, keys) = try await upload(zips)
        let status = try stackStatus()
        let existed = status != nil
        let values = try parameters(variables: variables, bucket: bucket, keys: keys)
        let (name, summary) = try createChangeSet(parameters: values, exists: Self.isDeployed(status))
        if !summary.isEmpty {
            try cli.call(["cloudformation", "delete-change-set", "--stack-name", stack.name, "--change-set-name", name])
        }
        // A CREATE change set makes an empty stack in REVIEW_IN_PROGRESS; a preview must leave nothing behind.
        if !existed { try? cli.call(["cloudformation", "delete-stack", "--stack-name", stack.name]) }
        return summary
    }

    /// Deletes an unexecuted change set, and the empty REVIEW_IN_PROGRESS stack a CREATE change set made, so a
    /// declined deploy leaves nothing behind.
    func discard(changeSet name: String, stackExisted: Bool) {
        _ = try? cli.call(["cloudformation", "delete-change-set", "--stack-name", stack.name, "--change-set-name", name])
        if !stackExisted { _ = try? cli.call(["cloudformation", "delete-stack", "--stack-name", stack.name]) }
    }

    /// The stack's outputs (OutputKey → OutputValue).
    public func outputs() throws(DeployError) -> [String: String] {
        let object = try cli.call(["cloudformation", "describe-stacks", "--stack-name", stack.name]) as? [String: Any]
        let stacks = object?["Stacks"] as? [[String: Any]] ?? []
        var outputs: [String: String] = [:]
        for output in stacks.first?["Outputs"] as? [[String: Any]] ?? [] {
            if let key = output["OutputKey"] as? String, let value = output["OutputValue"] as? String {
                outputs[key] = value
            }
        }
        return outputs
    }

    /// Deletes the stack and waits. The artifacts bucket is kept (it may serve other stacks).
    public func destroy(confirmer: any Confirmer) throws(DeployError) -> Bool {
        guard try stackStatus() != nil else {
            log("infragen: stack \(stack.name) does not exist; nothing to destroy")
            return true
        }
        guard try confirmer.confirm("Delete stack \(stack.name) and every resource in it?") else { return false }
        try cli.call(["cloudformation", "delete-stack", "--stack-name", stack.name])
        log("infragen: waiting for stack \(stack.name) to be deleted")
        try cli.wait(["cloudformation", "wait", "stack-delete-complete", "--stack-name", stack.name])
        return true
    }
}
