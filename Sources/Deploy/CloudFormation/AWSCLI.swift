import Foundation

/// The aws CLI as a subprocess, JSON in and out. Interim: the S3 calls have moved to the Swift AWS client
/// (`ArtifactUploader`); once the CloudFormation operations exist there too, they move and this goes away.
public struct AWSCLI: Sendable {
    public var endpoint: CustomEndpoint?
    public var region: String
    public var runner: any CommandRunner
    public var streaming: any StreamingCommandRunner

    public init(endpoint: CustomEndpoint?, region: String, runner: (any CommandRunner)? = nil,
                streaming: any StreamingCommandRunner = InheritingCommandRunner()) {
        self.endpoint = endpoint
        self.region = region
        // AWS_PAGER empty: CLI v2 would page long output otherwise (v1 has no pager and no --no-cli-pager).
        let base = endpoint?.clientEnvironment(region: region) ?? ["AWS_REGION": region, "AWS_DEFAULT_REGION": region]
        self.environment = base.merging(["AWS_PAGER": ""]) { _, new in new }
        self.runner = runner ?? ProcessCommandRunner.with(environment)
        self.streaming = streaming
    }

    /// The endpoint, region and (for a loopback endpoint only) dummy credentials.
    public let environment: [String: String]

    var common: [String] {
        ["--region", region, "--output", "json"]
            + (endpoint.map { ["--endpoint-url", $0.url.absoluteString] } ?? [])
    }

    /// Runs `aws <arguments>`; the parsed JSON (nil for empty output) or the CLI's error.
    @discardableResult
    public func call(_ arguments: [String]) throws(DeployError) -> Any? {
        let result = try runner.run(["aws"] + arguments + common, directory: nil)
        guard result.status == 0 else {
            throw DeployError(.commandFailed, "aws \(arguments.prefix(2).joined(separator: " ")) failed: "
                + result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let text = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) else {
            throw DeployError(.unexpectedOutput, "aws \(arguments.prefix(2).joined(separator: " ")) printed no JSON")
        }
        return object
    }

    /// Like `call`, but a failure is returned as its message (for "does it exist" probes).
    public func probe(_ arguments: [String]) throws(DeployError) -> (object: Any?, error: String?) {
        let result = try runner.run(["aws"] + arguments + common, directory: nil)
        guard result.status == 0 else { return (nil, result.stderr) }
        let data = Data(result.stdout.utf8)
        return ((try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)), nil)
    }

    /// A waiter (`aws cloudformation wait …`), its output streamed.
    public func wait(_ arguments: [String]) throws(DeployError) {
        let status = try streaming.stream(["aws"] + arguments + common, directory: nil, environment: environment)
        guard status == 0 else {
            throw DeployError(.commandFailed, "aws \(arguments.joined(separator: " ")) failed (status \(status))")
        }
    }
}
