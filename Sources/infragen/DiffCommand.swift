import ArgumentParser
import Deploy
import Foundation

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what deploy would change, without changing anything.",
        discussion: """
            terraform: a plan in the stack's working directory, summarised (IAM changes called out).
            cloudformation: a change set, summarised, then deleted.
            Exit codes: 0 no changes, 3 changes, 1 error, 2 usage error (like `terraform plan -detailed-exitcode`,
            but 3 because 2 already means a usage error).

            Example: infragen diff blueprints/aws-inventory.yaml --local
            """)

    @OptionGroup var input: BlueprintArgument
    @OptionGroup var target: TargetOptions
    @OptionGroup var variables: VariableOptions

    @Option(help: ArgumentHelp("Folder of <runtime>.zip files (terraform: default the zips of the last deploy; "
                               + "cloudformation: default the stack's artifacts folder).", valueName: "dir"))
    var artifacts: String?

    @Option(help: ArgumentHelp("The S3 bucket for the zips.", valueName: "name"))
    var artifactsBucket: String?

    func run() async throws {
        let stack = try input.load()
        let summary: PlanSummary
        switch target.target {
        case .terraform:
            var deployment = try target.terraform(for: stack)
            var given = try variables.parsed()
            if let artifacts {
                // New zips are uploaded (their keys are what the plan compares); otherwise the last deploy's keys.
                let zips = try StackPackager.existingArtifacts(stack, in: URL(fileURLWithPath: artifacts))
                let code = try await deployment.uploadCode(zips, variables: given, bucket: artifactsBucket)
                given.merge(code) { _, new in new }
            }
            try deployment.prepare(variables: given, persist: false)
            summary = try deployment.plan()
        case .cloudformation:
            let deployment = try target.cloudFormation(for: stack, bucket: artifactsBucket)
            let directory = artifacts.map { URL(fileURLWithPath: $0) } ?? target.workspace(for: stack).artifacts
            summary = try await deployment.preview(zips: try StackPackager.existingArtifacts(stack, in: directory),
                                             variables: try variables.parsed())
        }
        say("")
        say(summary.text)
        if !summary.isEmpty { throw ExitCode(3) }
    }
}

struct DestroyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Delete every resource of a deployed stack.",
        discussion: """
            terraform: a destroy plan in the stack's working directory, summarised, confirmed, applied.
            cloudformation: deletes the stack and waits (the artifacts bucket is kept).
            Exit codes: 0 destroyed (or nothing to destroy), 1 failure or declined, 2 usage error.

            Example: infragen destroy blueprints/aws-inventory.yaml --local --auto-approve
            """)

    @OptionGroup var input: BlueprintArgument
    @OptionGroup var target: TargetOptions
    @OptionGroup var variables: VariableOptions

    @Flag(help: "Destroy without asking.")
    var autoApprove = false

    func run() throws {
        let stack = try input.load()
        let confirmer: any Confirmer = autoApprove ? AutoApprove() : TerminalConfirmer()
        switch target.target {
        case .terraform:
            var deployment = try target.terraform(for: stack)
            try deployment.prepare(variables: try variables.parsed(), persist: false)
            guard try deployment.run(destroy: true, confirmer: confirmer) else { throw ExitCode(1) }
        case .cloudformation:
            guard try target.cloudFormation(for: stack).destroy(confirmer: confirmer) else { throw ExitCode(1) }
        }
    }
}

struct OutputsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outputs",
        abstract: "Print a deployed stack's outputs.",
        discussion: "Example: infragen outputs blueprints/aws-inventory.yaml --json")

    @OptionGroup var input: BlueprintArgument
    @OptionGroup var target: TargetOptions

    @Flag(help: "Print one JSON object (name → value).")
    var json = false

    func run() throws {
        let stack = try input.load()
        let outputs: [String: String]
        switch target.target {
        case .terraform:
            let workspace = target.workspace(for: stack)
            let driver = TerraformDriver(directory: workspace.terraform, pluginDirectory: "")
            outputs = try driver.outputs()
        case .cloudformation:
            outputs = try target.cloudFormation(for: stack).outputs()
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: outputs, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            for (name, value) in outputs.sorted(by: { $0.key < $1.key }) { print("\(name) = \(value)") }
        }
    }
}
