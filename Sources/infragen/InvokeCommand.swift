import ArgumentParser
import Blueprint
import Deploy
import Foundation
import InfraModel

struct InvokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Run a function's runtime locally with its deployed environment, against the configured AWS.",
        discussion: """
            Runs the function's runtime executable (function.runtime, built next to infragen or in .build/debug or
            .build/release; --executable overrides) in local mode with one event: --event FILE, or else the event
            the stack's rule targeting the function would deliver (a "Scheduled Event" for a schedule; for an
            event pattern, an event built to match it). The environment is the deployed function's (terraform state,
            or the Lambda API for cloudformation: TABLE_NAME, TOPIC_ARN, …) plus AWS_LAMBDA_FUNCTION_NAME,
            AWS_REGION, and with --endpoint/--local AWS_ENDPOINT_URL and (loopback only) dummy credentials.
            The runtime's response is printed on stdout, its logs on stderr; the exit status is the runtime's.

            Example: infragen invoke inventory-collector --blueprint blueprints/aws-inventory.yaml --local
            """)

    @Argument(help: "The function's name in the blueprint.")
    var function: String

    @Option(help: "The blueprint (YAML) to read.", completion: .file(extensions: ["yaml", "yml"]))
    var blueprint: String

    @OptionGroup var target: TargetOptions

    @Option(help: ArgumentHelp("The event (JSON file, or - for stdin).", valueName: "file"))
    var event: String?

    @Option(help: ArgumentHelp("The runtime executable to run instead of the one named by function.runtime.",
                               valueName: "path"))
    var executable: String?

    func run() throws {
        let stack: Stack
        do {
            stack = try Blueprint.load(path: blueprint)
        } catch {
            throw BlueprintFailure(
                description: error.description + "\n\(error.diagnostics.count) error(s) in \(blueprint)")
        }
        guard let declared = stack.functions.first(where: { $0.name == function }) else {
            throw DeployError(.usage, "no function \(function) in \(blueprint) (it has "
                + stack.functions.map(\.name).joined(separator: ", ") + ")")
        }
        let endpoint = try target.resolvedEndpoint()
        let region = target.resolvedRegion
        var environment: [String: String]
        switch target.target {
        case .terraform:
            let workspace = target.workspace(for: stack)
            let state = try TerraformLocalState.read(directory: workspace.terraform)
                ?? TerraformDriver(directory: workspace.terraform, pluginDirectory: "").pullState()
            environment = try DeployedEnvironment.fromTerraformState(state, function: function)
        case .cloudformation:
            let cli = AWSCLI(endpoint: endpoint, region: region)
            environment = DeployedEnvironment.fromFunctionConfiguration(
                try cli.call(["lambda", "get-function-configuration", "--function-name", function]))
        }
        environment["AWS_LAMBDA_FUNCTION_NAME"] = function
        environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = String(declared.memoryMB)
        environment["AWS_REGION"] = region
        environment["AWS_DEFAULT_REGION"] = region
        if let endpoint { environment.merge(endpoint.clientEnvironment(region: region)) { _, new in new } }

        let eventPath: String
        var temporary: URL?
        if let event {
            eventPath = event
        } else if let synthesized = TriggerEvent.event(for: function, in: stack, region: region) {
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("infragen-event-\(UUID().uuidString).json")
            try JSONSerialization.data(withJSONObject: synthesized, options: [.sortedKeys]).write(to: url)
            eventPath = url.path
            temporary = url
            printError("infragen: no --event; sending the event its rule would deliver: "
                       + String(decoding: try Data(contentsOf: url), as: UTF8.self))
        } else {
            throw DeployError(.usage, "no rule targets \(function), so there is no event to imitate; pass --event FILE")
        }
        defer { if let temporary { try? FileManager.default.removeItem(at: temporary) } }

        let binary = try executable.map { URL(fileURLWithPath: $0) } ?? Executables.find(declared.runtime)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--event", eventPath, "--timeout", String(declared.timeoutSeconds)]
        // The function sees only its own environment plus what a process needs to run (PATH, HOME), as in Lambda.
        let kept: Set = ["PATH", "HOME", "LANG", "TMPDIR"]
        let inherited = ProcessInfo.processInfo.environment.filter { kept.contains($0.key) }
        process.environment = inherited.merging(environment) { _, new in new }
        if event == "-" { process.standardInput = FileHandle.standardInput }
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
    }
}
