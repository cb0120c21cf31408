@testable import Deploy
import Foundation
import InfragenTestSupport
import Testing

/// `invoke` reads the state file itself only where `terraform state pull` would print exactly that file: the
/// default local backend in the default workspace.
@Suite struct TerraformLocalStateTests {
    let directory: URL
    let state = Data(#"{"version":4,"resources":[]}"#.utf8)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("local-state-\(UUID())")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".terraform"),
                                                withIntermediateDirectories: true)
    }

    private func write(_ path: String, _ text: String = "{}") throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(path))
    }

    @Test func readsTheDefaultLocalState() throws {
        try state.write(to: directory.appendingPathComponent("terraform.tfstate"))
        #expect(TerraformLocalState.read(directory: directory, environment: [:]) == state)
        #expect(TerraformLocalState.read(directory: directory, environment: ["TF_WORKSPACE": "default"]) == state)
    }

    @Test func noStateFileMeansAskTerraform() {
        #expect(TerraformLocalState.read(directory: directory, environment: [:]) == nil)
    }

    @Test func aConfiguredBackendMeansAskTerraform() throws {
        try state.write(to: directory.appendingPathComponent("terraform.tfstate"))
        try write(".terraform/terraform.tfstate", #"{"backend":{"type":"s3"}}"#)
        #expect(TerraformLocalState.read(directory: directory, environment: [:]) == nil)
    }

    @Test func anotherWorkspaceMeansAskTerraform() throws {
        try state.write(to: directory.appendingPathComponent("terraform.tfstate"))
        #expect(TerraformLocalState.read(directory: directory, environment: ["TF_WORKSPACE": "staging"]) == nil)
        try write(".terraform/environment", "staging")
        #expect(TerraformLocalState.read(directory: directory, environment: [:]) == nil)
    }

    /// The real thing: after a real `terraform apply` (a built-in resource, no provider), the file read is the state
    /// `terraform state pull` prints.
    @Test func isWhatTerraformStatePullPrints() throws {
        try write("main.tf.json", #"{"resource":{"terraform_data":{"probe":{"input":"x"}}},"output":{"o":{"value":"y"},"#
            + #""n":{"value":{"list":[1,"two"],"flag":true}}}}"#)
        let environment = ["TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"]
        for command in [["terraform", "init", "-input=false"], ["terraform", "apply", "-auto-approve", "-input=false"]] {
            let result = try Subprocess.run(command, environment: environment, directory: directory)
            try #require(result.succeeded, "\(command.joined(separator: " ")): \(result.stderr)")
        }
        let pulled = try Subprocess.run(["terraform", "state", "pull"], environment: environment, directory: directory)
        try #require(pulled.succeeded)
        let read = try #require(TerraformLocalState.read(directory: directory, environment: [:]))
        func parsed(_ data: Data) throws -> NSDictionary {
            try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
        }
        #expect(try parsed(read) == parsed(Data(pulled.stdout.utf8)))
        #expect(String(decoding: read, as: UTF8.self).contains(#""terraform_data""#))

        // The outputs read from it are those `terraform output -json` prints, and the driver reads them there.
        let printed = try Subprocess.run(["terraform", "output", "-json"], environment: environment,
                                         directory: directory)
        try #require(printed.succeeded)
        let expected = try TerraformDriver.decodeOutputs(Data(printed.stdout.utf8))
        #expect(expected == ["o": "y", "n": #"{"flag":true,"list":[1,"two"]}"#])
        #expect(try TerraformLocalState.outputs(in: read) == expected)
        let driver = TerraformDriver(directory: directory, pluginDirectory: "", capturing: NoCommands())
        #expect(try driver.outputs() == expected)
    }

    /// A runner that fails the test if the driver starts terraform.
    struct NoCommands: CommandRunner {
        func run(_ arguments: [String], directory: URL?) throws(DeployError) -> CommandResult {
            Issue.record("ran \(arguments.joined(separator: " ")) instead of reading the state file")
            return CommandResult(status: 1, stdout: "", stderr: "")
        }
    }
}
