import ArgumentParser
import Deploy
import Foundation

struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Package, plan and apply a blueprint with terraform or CloudFormation.",
        discussion: """
            terraform: uploads the zips to an artifacts bucket (created when missing; --artifacts-bucket or
            <stack>-artifacts-<account>-<region>; a zip already there under its hash is not sent again), renders
            into .infragen/<stack>/terraform (never generated/), writes an endpoint override when
            --endpoint/--local is given, runs `terraform init -plugin-dir` against a local provider mirror (no
            registry), plans, prints a summary with IAM changes called out, asks for confirmation (`yes`) unless
            --auto-approve, applies exactly that plan and prints the outputs. State, --var values and the code's
            bucket keys stay in the working directory, so diff/destroy/outputs need only the blueprint.

            cloudformation: uploads the zips the same way, creates a change set, summarises it, asks, executes it,
            waits, prints the outputs.

            Without a terminal, infragen refuses to prompt: pass --auto-approve. Exit codes: 0 deployed (or
            nothing to do), 1 failure or declined, 2 usage error.

            Examples:
              infragen local up
              infragen deploy blueprints/aws-inventory.yaml --local --var alert_email=you@your.domain --auto-approve
              infragen deploy blueprints/aws-inventory.yaml --target cloudformation --var alert_email=you@your.domain
            """)

    @OptionGroup var input: BlueprintArgument
    @OptionGroup var target: TargetOptions
    @OptionGroup var variables: VariableOptions
    @OptionGroup var packaging: PackagingOptions

    @Flag(help: "Apply without asking.")
    var autoApprove = false

    @Option(help: ArgumentHelp("Use the <runtime>.zip files in this folder instead of packaging.", valueName: "dir"))
    var artifacts: String?

    @Option(help: ArgumentHelp("The S3 bucket for the zips.", valueName: "name"))
    var artifactsBucket: String?

    func run() async throws {
        let stack = try input.load()
        let confirmer: any Confirmer = autoApprove ? AutoApprove() : TerminalConfirmer()
        let zips: [String: URL]
        if let artifacts {
            zips = try StackPackager.existingArtifacts(stack, in: URL(fileURLWithPath: artifacts))
            say("infragen: using prebuilt runtimes in \(artifacts)")
        } else {
            zips = try packaging.package(stack, out: target.workspace(for: stack).artifacts)
        }
        switch target.target {
        case .terraform:
            var deployment = try target.terraform(for: stack)
            let given = try variables.parsed()
            let code = try await deployment.uploadCode(zips, variables: given, bucket: artifactsBucket)
            try deployment.prepare(variables: given.merging(code) { _, new in new }, persist: true)
            guard try deployment.run(destroy: false, confirmer: confirmer) else { throw ExitCode(1) }
            printOutputs(try deployment.driver.outputs())
        case .cloudformation:
            let deployment = try target.cloudFormation(for: stack, bucket: artifactsBucket)
            let deployed = try await deployment.deploy(
                zips: zips, variables: try variables.parsed(), confirmer: confirmer)
            guard deployed else { throw ExitCode(1) }
            printOutputs(try deployment.outputs())
        }
    }
}

/// `name = value` lines, sorted.
func printOutputs(_ outputs: [String: String]) {
    guard !outputs.isEmpty else { return }
    say("\nOutputs:")
    for (name, value) in outputs.sorted(by: { $0.key < $1.key }) { say("  \(name) = \(value)") }
}
