import ArgumentParser
import Deploy
import Foundation

/// The infragen command line. Exit codes: 0 success, 1 invalid blueprint (or failed step), 2 usage error.
@main
struct Infragen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infragen",
        abstract: "Describe an AWS stack once; render it as Terraform JSON and CloudFormation.",
        discussion: """
            Examples:
              infragen validate blueprints/aws-inventory.yaml
              infragen render blueprints/aws-inventory.yaml --out generated/aws-inventory
              infragen graph blueprints/aws-inventory.yaml --format dot | dot -Tsvg > stack.svg
              infragen policy blueprints/aws-inventory.yaml --explain

            Exit codes: 0 success, 1 the blueprint has errors, 2 usage error.
            """,
        subcommands: [
            ValidateCommand.self, RenderCommand.self, GraphCommand.self, PolicyCommand.self, DeriveCommand.self,
            PackageCommand.self, DeployCommand.self, DiffCommand.self, DestroyCommand.self, OutputsCommand.self,
            InvokeCommand.self, LocalCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let failure as BlueprintFailure {
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            Foundation.exit(1)
        } catch let failure as DeployError {
            FileHandle.standardError.write(Data(("error: " + failure.message + "\n").utf8))
            Foundation.exit(failure.code == .usage ? 2 : 1)
        } catch {
            let code = exitCode(for: error)
            // ArgumentParser reports usage errors as 64 (EX_USAGE); infragen promises 2, like most CLIs.
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Diagnostics already formatted for the terminal.
struct BlueprintFailure: Error, CustomStringConvertible {
    var description: String
}
