import ArgumentParser
import Foundation
import InfraModel
import Policy
import Render

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Print the IAM policy derived from the AWS calls each function's runtime code makes.",
        discussion: """
            The policy is derived, never written: a SwiftSyntax pass finds the AWS operations each runtime's
            source can reach (through helpers in other files and targets too) and scopes each action to the
            resources the blueprint binds to that function. References print in blueprint syntax.

            Examples:
              infragen policy blueprints/aws-inventory.yaml
              infragen policy blueprints/aws-inventory.yaml --function inventory-collector --explain
              infragen policy blueprints/aws-inventory.yaml --explain --json   # for scripts and tests
            """)

    @OptionGroup var input: BlueprintArgument

    @Option(help: "Only this function (default: every function, keyed by name).")
    var function: String?

    @Flag(help: "For each action, list the call sites that need it and why its resource is what it is.")
    var explain = false

    @Flag(help: "With --explain: print JSON keyed by function name, each with its policy and its explanations.")
    var json = false

    func validate() throws {
        if json && !explain { throw ValidationError("--json applies to --explain (the policy itself is JSON already)") }
    }

    func run() throws {
        let stack = try input.loadModel()
        let derivation = try PolicyDerivation(root: try packageRoot(input.root))
        var functions = stack.functions
        if let function {
            functions = functions.filter { $0.name == function }
            guard !functions.isEmpty else {
                throw BlueprintFailure(description: "error: no function named '\(function)' in \(input.blueprint) (functions: \(stack.functions.map(\.name).joined(separator: ", ")))")
            }
        }
        var documents: [String: JSON] = [:]
        var explanations: [String: JSON] = [:]
        for function in functions {
            let result: PolicyDeriver.Result
            do {
                result = try derivation.derive(function, in: stack)
            } catch {
                throw BlueprintFailure(description: "error: function \(function.name): \(error)")
            }
            if explain && json {
                explanations[function.name] = [
                    "policy": Self.document(result.statements),
                    "explanations": .array(result.explanations.map(Self.json)),
                ]
                continue
            }
            if explain {
                print("\(function.name) (runtime \(function.runtime)):")
                for explanation in result.explanations {
                    let resources = explanation.resources.isEmpty ? "(not granted)" : explanation.resources.map(\.description).joined(separator: ", ")
                    print("  \(explanation.action) on \(resources)")
                    print("    because: \(explanation.reason)")
                    for site in explanation.sites { print("    called at \(site)") }
                }
                continue
            }
            documents[function.name] = Self.document(result.statements)
        }
        if explain {
            if json { print(CanonicalJSON.render(.object(explanations)), terminator: "") }
            return
        }
        let output: JSON = functions.count == 1 && self.function != nil ? documents[functions[0].name]! : .object(documents)
        print(CanonicalJSON.render(output), terminator: "")
    }

    /// One action's explanation: `resources` is empty when the action is not granted.
    static func json(_ explanation: PolicyDeriver.Explanation) -> JSON {
        [
            "action": .string(explanation.action),
            "resources": .array(explanation.resources.map { .string($0.description) }),
            "reason": .string(explanation.reason),
            "sites": .array(explanation.sites.map { .string($0) }),
            "needs_permission": .bool(explanation.needsPermission),
        ]
    }

    static func document(_ statements: [Statement]) -> JSON {
        [
            "Version": "2012-10-17",
            "Statement": .array(statements.map { statement in
                [
                    "Sid": .string(statement.sid), "Effect": .string(statement.effect.rawValue),
                    "Action": .array(statement.actions.map { .string($0) }),
                    "Resource": .array(statement.resources.map { .string($0.description) }),
                ]
            }),
        ]
    }
}
