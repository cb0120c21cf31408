import ArgumentParser
import Blueprint
import Foundation
import InfraModel
import Policy
import Render

/// Options every blueprint command shares.
struct BlueprintArgument: ParsableArguments {
    @Argument(help: "The blueprint (YAML) to read.", completion: .file(extensions: ["yaml", "yml"]))
    var blueprint: String

    @Option(help: "The infragen package holding the runtimes' sources and generated/runtimes records (default: found above the current directory).")
    var root: String?

    /// The stack ready to render and deploy: validated, with every function's policy derived from the committed
    /// records of its runtime's AWS calls.
    func load() throws -> Stack {
        let stack = try loadModel()
        guard stack.functions.contains(where: \.derivesPolicy) else { return stack }
        do {
            return try PolicyDerivation.applyRecords(to: stack, root: try packageRoot(root))
        } catch let failure as BlueprintFailure {
            throw failure
        } catch {
            throw BlueprintFailure(description: "error: \(error)")
        }
    }

    /// The validated stack as the blueprint states it (policies not yet derived), or every diagnostic.
    func loadModel() throws -> Stack {
        do {
            return try Blueprint.load(path: blueprint)
        } catch {
            let count = error.diagnostics.count
            throw BlueprintFailure(description: error.description + "\n\(count) error\(count == 1 ? "" : "s") in \(blueprint)")
        }
    }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a blueprint as Terraform JSON and/or CloudFormation.",
        discussion: """
            Writes DIR/terraform/main.tf.json and DIR/cloudformation/template.json. Output is deterministic:
            the same blueprint always gives byte-identical files.

            Example: infragen render blueprints/aws-inventory.yaml --format terraform --out build/stack
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case terraform, cloudformation, all
    }

    @OptionGroup var input: BlueprintArgument

    @Option(help: "What to render: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .all

    @Option(help: "Output directory (default: generated/<stack name>).")
    var out: String?

    @Flag(help: "Write nothing; exit 1 if the files in the output directory differ from a fresh render.")
    var check = false

    func run() throws {
        let stack = try input.load()
        let targets: [RenderTarget] = switch format {
        case .terraform: [.terraform]
        case .cloudformation: [.cloudformation]
        case .all: RenderTarget.allCases
        }
        let directory = URL(fileURLWithPath: out ?? "generated/\(stack.name)")
        var stale: [String] = []
        for file in RenderTarget.files(for: stack, targets: targets) {
            let url = directory.appendingPathComponent(file.path)
            if check {
                if (try? String(contentsOf: url, encoding: .utf8)) != file.contents { stale.append(url.path) }
                continue
            }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
            print(out.map { "\($0)/\(file.path)" } ?? "generated/\(stack.name)/\(file.path)")
        }
        if !stale.isEmpty {
            throw BlueprintFailure(description: "out of date (run `infragen render \(input.blueprint)`):\n  " + stale.joined(separator: "\n  "))
        }
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a blueprint and report every problem with file:line:column.",
        discussion: "Example: infragen validate blueprints/aws-inventory.yaml --json")

    @OptionGroup var input: BlueprintArgument

    @Flag(help: "Print the result as JSON (for scripts and editors).")
    var json = false

    func run() throws {
        do {
            let stack = try Blueprint.load(path: input.blueprint)
            let count = ResourceKind.allCases.filter { $0 != .parameter }.reduce(0) { $0 + stack.names(of: $1).count }
            if json {
                print(#"{"blueprint":\#(CanonicalJSON.compact(.string(input.blueprint))),"diagnostics":[],"ok":true,"stack":\#(CanonicalJSON.compact(.string(stack.name)))}"#)
            } else {
                print("\(input.blueprint): ok: stack \(stack.name), \(count) resources")
            }
        } catch {
            if json {
                let diagnostics: [JSON] = error.diagnostics.map { diagnostic in
                    [
                        "file": .string(diagnostic.location?.file ?? input.blueprint),
                        "line": .number(Double(diagnostic.location?.line ?? 0)),
                        "column": .number(Double(diagnostic.location?.column ?? 0)),
                        "key_path": .string(diagnostic.keyPath), "message": .string(diagnostic.message),
                        "hint": diagnostic.hint.map { .string($0) } ?? .null, "severity": .string(diagnostic.severity.rawValue),
                    ]
                }
                print(CanonicalJSON.compact(["blueprint": .string(input.blueprint), "ok": false, "diagnostics": .array(diagnostics)]))
                throw ExitCode(1)
            }
            _ = try input.loadModel()
        }
    }
}

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print a diagram of the stack's resources and their edges (triggers, reads, writes, publishes).",
        discussion: "Example: infragen graph blueprints/aws-inventory.yaml --format mermaid")

    @OptionGroup var input: BlueprintArgument

    @Option(help: "Diagram syntax: mermaid or dot.")
    var format: GraphRenderer.Format = .mermaid

    func run() throws {
        print(GraphRenderer().render(try input.load(), format: format), terminator: "")
    }
}

extension GraphRenderer.Format: ExpressibleByArgument {}
