import Foundation
import InfragenTestSupport
import Testing

@Suite("infragen command line")
struct CLITests {
    func infragen(_ arguments: String...) throws -> ProcessResult {
        try Subprocess.run([try Tools.infragen()] + arguments, directory: RepoPaths.root)
    }

    @Test("validate: exit 0 and a one-line summary for the reference blueprint")
    func validateOK() throws {
        let result = try infragen("validate", "blueprints/aws-inventory.yaml")
        #expect(result.status == 0)
        #expect(result.stdout == "blueprints/aws-inventory.yaml: ok: stack aws-inventory, 11 resources\n")
    }

    @Test("validate: exit 1 with every located error on stderr")
    func validateErrors() throws {
        let result = try infragen("validate", "Tests/BlueprintTests/Malformed/many-errors-at-once.yaml")
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.first?.hasPrefix("Tests/BlueprintTests/Malformed/many-errors-at-once.yaml:9:13: error: functions.worker.memory:") == true)
        #expect(lines.last == "4 errors in Tests/BlueprintTests/Malformed/many-errors-at-once.yaml")
    }

    @Test("validate --json gives machine-readable diagnostics")
    func validateJSON() throws {
        let result = try infragen("validate", "--json", "Tests/BlueprintTests/Malformed/memory-too-small.yaml")
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]]
        #expect(diagnostics?.first?["line"] as? Int == 9)
        #expect(diagnostics?.first?["key_path"] as? String == "functions.worker.memory")
    }

    @Test("usage errors exit 2", arguments: [["render"], ["render", "x.yaml", "--format", "pulumi"], ["frobnicate"]])
    func usage(_ arguments: [String]) throws {
        let result = try Subprocess.run([try Tools.infragen()] + arguments)
        #expect(result.status == 2, "\(result.stderr)")
    }

    @Test("a missing blueprint file is a located error, exit 1")
    func missingFile() throws {
        let result = try infragen("validate", "does-not-exist.yaml")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("does-not-exist.yaml:1:1: error: cannot read the blueprint"))
    }

    @Test("--help shows examples")
    func help() throws {
        let result = try infragen("render", "--help")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Example: infragen render blueprints/aws-inventory.yaml"))
    }

    @Test("render writes both files; --check passes on a fresh render and fails on a stale one")
    func renderAndCheck() throws {
        let out = try RepoPaths.scratchDirectory("cli-render").path
        let render = try infragen("render", "blueprints/aws-inventory.yaml", "--out", out)
        #expect(render.status == 0)
        #expect(render.stdout == "\(out)/terraform/main.tf.json\n\(out)/cloudformation/template.json\n")
        #expect(try infragen("render", "blueprints/aws-inventory.yaml", "--out", out, "--check").status == 0)
        try "{}\n".write(toFile: "\(out)/terraform/main.tf.json", atomically: true, encoding: .utf8)
        let stale = try infragen("render", "blueprints/aws-inventory.yaml", "--out", out, "--check")
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("terraform/main.tf.json"))
    }

    @Test("graph prints mermaid and dot")
    func graph() throws {
        let mermaid = try infragen("graph", "blueprints/aws-inventory.yaml")
        #expect(mermaid.stdout.hasPrefix("flowchart LR\n"))
        #expect(mermaid.stdout.contains("rule_inventory_daily_scan -->|triggers| function_inventory_collector"))
        let dot = try infragen("graph", "blueprints/aws-inventory.yaml", "--format", "dot")
        #expect(dot.stdout.contains("function_inventory_analyzer -> topic_inventory_alerts [label=\"publishes\"];"))
    }
}

@Suite("infragen policy")
struct PolicyCLITests {
    @Test("a function whose runtime has no executable target is a clear error, exit 1")
    func missingRuntime() throws {
        let blueprint = try RepoPaths.scratchDirectory("policy-cli").appendingPathComponent("stack.yaml")
        try """
            stack: demo
            tables:
              items: {attributes: {id: S}, hash_key: id}
            functions:
              worker: {runtime: no-such-runtime, environment: {TABLE_NAME: "${table.items.name}"}}
            """.write(to: blueprint, atomically: true, encoding: .utf8)
        let result = try Subprocess.run([try Tools.infragen(), "policy", blueprint.path], directory: RepoPaths.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: function worker: no executable target named 'no-such-runtime' in Package.swift"))
    }
}
