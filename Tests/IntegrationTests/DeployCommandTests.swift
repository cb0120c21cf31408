import Foundation
import InfragenTestSupport
import Testing

/// `infragen package`, `deploy`, `diff`, `outputs`, `invoke` and `destroy` as a user runs them: the real binary,
/// real terraform (offline provider mirror), the aws CLI, and moto started by the test. The packaged EchoRuntime
/// stands in for both of the reference blueprint's runtimes until the real ones are on main.
@Suite("infragen deploy and friends", .serialized)
struct DeployCommandTests {
    static let blueprint = "blueprints/aws-inventory.yaml"

    func infragen(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try Subprocess.run([try Tools.infragen()] + arguments, environment: environment, directory: RepoPaths.root)
    }

    /// A recipient made at run time (the repository holds no addresses).
    static var recipient: String { "\(NSUserName())@localhost.localdomain" }

    @Test("package twice gives the same zip; the glibc shim keeps the binary at GLIBC_2.34, and it runs")
    func packageIsReproducibleAndLoadsOnAl2023() throws {
        let artifacts = try EchoArtifacts.shared.get()
        let second = try RepoPaths.scratchDirectory("package-again")
        let again = try infragen(["package", "Tests/Fixtures/echo-stack.yaml", "--out", second.path, "--strict"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        let first = try Data(contentsOf: artifacts.packaged)
        #expect(first == (try Data(contentsOf: second.appendingPathComponent("EchoRuntime.zip"))))
        #expect(again.stdout.contains("sha256 \(artifacts.sha256)"))
        #expect(again.stdout.contains("needs GLIBC_2.34;") && !again.stderr.contains("will NOT load"))

        // Independently of infragen's own inspector: readelf's newest GLIBC version, and the program runs.
        let unpacked = second.appendingPathComponent("unpacked")
        #expect(try Subprocess.run(["unzip", "-q", artifacts.packaged.path, "-d", unpacked.path]).succeeded)
        let bootstrap = unpacked.appendingPathComponent("bootstrap").path
        let versions = try Subprocess.run(["readelf", "-V", "-W", bootstrap]).stdout
        let glibc = Set(versions.matches(of: /GLIBC_(\d+)\.(\d+)/).map { Int($0.1)! * 1000 + Int($0.2)! })
        #expect(glibc.max() == 2034, "readelf: \(glibc.sorted())")
        let symbols = try Subprocess.run(["objdump", "-T", bootstrap]).stdout
        #expect(symbols.contains("(GLIBC_2.2.5) hypot") && !symbols.contains("GLIBC_2.35"))
        let event = second.appendingPathComponent("event.json")
        try #"{"x": "6", "y": "8"}"#.write(to: event, atomically: true, encoding: .utf8)
        let run = try Subprocess.run([bootstrap, "--event", event.path])
        #expect(run.status == 0 && run.stdout.contains(#""hypot":10"#), "\(run.stdout)\(run.stderr)")
    }

    @Test("terraform: deploy, diff is clean, outputs, invoke, diff sees a change, destroy leaves nothing")
    func terraformLifecycle() throws {
        let artifacts = try EchoArtifacts.shared.get()
        let moto = try MotoServer()
        defer { moto.stop() }
        let work = try RepoPaths.scratchDirectory("deploy-tf").path
        let common = ["--endpoint", moto.endpoint, "--work-dir", work]

        let deploy = try infragen(["deploy", Self.blueprint, "--artifacts", artifacts.directory.path, "--auto-approve",
                                   "--var", "alert_email=\(Self.recipient)"] + common)
        #expect(deploy.status == 0, "\(deploy.stdout.suffix(3000))\(deploy.stderr)")
        #expect(deploy.stdout.contains("Plan: 20 to add, 0 to change, 0 to replace, 0 to destroy."))
        #expect(deploy.stdout.contains("IAM and permission changes (7)"))
        #expect(deploy.stdout.contains("Apply complete! Resources: 20 added"))
        #expect(deploy.stdout.contains("Outputs:\n  analyzer_function = inventory-analyzer"))
        // Against moto, plan, show and apply share one provider process, stopped when deploy ends.
        let terraformDirectory = work + "/terraform"
        #expect(ProviderProcesses.announcedPid(in: deploy.stdout) != nil, "\(deploy.stdout.prefix(3000))")
        #expect(ProviderProcesses.running(in: terraformDirectory).isEmpty)
        // The code went to the artifacts bucket under its hash, and the functions run that code.
        let bucket = "aws-inventory-artifacts-123456789012-us-east-1"
        #expect(deploy.stdout.contains("uploading inventory-collector.zip"))
        #expect(deploy.stdout.contains("s3://\(bucket)/inventory-collector/\(artifacts.sha256).zip"))
        let codeHash = try Subprocess.run(
            ["aws", "lambda", "get-function", "--function-name", "inventory-collector", "--query",
             "Configuration.CodeSha256", "--output", "text"], environment: moto.clientEnvironment)
        let digest = stride(from: 0, to: artifacts.sha256.count, by: 2).map { offset -> UInt8 in
            let start = artifacts.sha256.index(artifacts.sha256.startIndex, offsetBy: offset)
            return UInt8(artifacts.sha256[start...artifacts.sha256.index(after: start)], radix: 16) ?? 0
        }
        #expect(codeHash.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Data(digest).base64EncodedString())

        // The variable given to deploy is kept in the working directory: diff does not repeat it.
        let diff = try infragen(["diff", Self.blueprint] + common)
        #expect(diff.status == 0, "\(diff.stdout.suffix(3000))\(diff.stderr)")
        #expect(diff.stdout.hasSuffix("No changes: the deployed stack matches the blueprint.\n"))
        #expect(ProviderProcesses.announcedPid(in: diff.stdout) != nil)
        #expect(ProviderProcesses.running(in: terraformDirectory).isEmpty)

        let outputs = try infragen(["outputs", Self.blueprint, "--json", "--work-dir", work])
        let values = try JSONSerialization.jsonObject(with: Data(outputs.stdout.utf8)) as? [String: String]
        #expect(values?["table_name"] == "aws-inventory")
        #expect(values?["topic_arn"]?.hasSuffix(":inventory-alerts") == true)

        // invoke: the deployed environment, the endpoint, and the event the trigger rule would deliver.
        let invoke = try infragen(["invoke", "inventory-analyzer", "--blueprint", Self.blueprint,
                                   "--executable", try EchoArtifacts.executable()] + common)
        #expect(invoke.status == 0, "\(invoke.stderr)")
        let response = try JSONSerialization.jsonObject(with: Data(invoke.stdout.utf8)) as? [String: Any]
        let environment = response?["environment"] as? [String: String]
        #expect(environment?["TABLE_NAME"] == "aws-inventory")
        #expect(environment?["TOPIC_ARN"] == values?["topic_arn"])
        #expect(environment?["AWS_ENDPOINT_URL"] == moto.endpoint)
        #expect(response?["detailType"] as? String == "Inventory Scan Completed")

        // A changed blueprint parameter shows as a change: diff exits 3 (and does not save the value).
        let changed = try infragen(["diff", Self.blueprint, "--var", "retention_days=30"] + common)
        #expect(changed.status == 3, "\(changed.stdout.suffix(2000))\(changed.stderr)")
        #expect(changed.stdout.contains("aws_lambda_function.inventory_collector (update)"))

        let destroy = try infragen(["destroy", Self.blueprint, "--auto-approve"] + common)
        #expect(destroy.status == 0, "\(destroy.stdout.suffix(2000))\(destroy.stderr)")
        #expect(destroy.stdout.contains("Resources: 0 added, 0 changed, 20 destroyed."))
        #expect(ProviderProcesses.running(in: terraformDirectory).isEmpty)
        let aws = { (arguments: [String]) in
            try Subprocess.run(["aws"] + arguments, environment: moto.clientEnvironment)
        }
        #expect(try aws(["lambda", "list-functions", "--query", "Functions[].FunctionName"]).stdout.contains("[]"))
        #expect(try aws(["dynamodb", "list-tables", "--query", "TableNames"]).stdout.contains("[]"))
    }

    @Test("cloudformation: no prompt without a terminal; bucket, change set, invoke, delete")
    func cloudFormationLifecycle() throws {
        let artifacts = try EchoArtifacts.shared.get()
        let moto = try MotoServer()
        defer { moto.stop() }
        let work = try RepoPaths.scratchDirectory("deploy-cfn").path
        let common = ["--target", "cloudformation", "--endpoint", moto.endpoint, "--work-dir", work]
        let aws = { (arguments: [String]) in
            try Subprocess.run(["aws"] + arguments + ["--output", "json"], environment: moto.clientEnvironment)
        }

        let variables = ["--var", "alert_email=\(Self.recipient)"]
        let refused = try infragen(["deploy", Self.blueprint, "--artifacts", artifacts.directory.path] + variables
                                   + common)
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)\n\(moto.logTail())")
        #expect(refused.stdout.contains("Plan: 15 to add"))
        #expect(refused.stderr.contains("confirmation needs a terminal"), "\(refused.stderr)")

        // Declining leaves nothing behind: no change set, no empty REVIEW_IN_PROGRESS stack.
        let leftover = try aws(["cloudformation", "describe-stacks", "--stack-name", "aws-inventory"])
        #expect(!leftover.succeeded && leftover.stderr.contains("does not exist"),
                "\(leftover.stdout)\(leftover.stderr)\n\(moto.logTail())")
        let deploy = try infragen(["deploy", Self.blueprint, "--artifacts", artifacts.directory.path, "--auto-approve"]
                                  + variables + common)
        #expect(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)\n\(moto.logTail())")
        #expect(deploy.stdout.contains("Plan: 15 to add"))
        #expect(deploy.stdout.contains("! create InventoryCollectorRole"))
        let bucket = "aws-inventory-artifacts-123456789012-us-east-1"
        let objects = try aws(["s3api", "list-objects-v2", "--bucket", bucket, "--query", "Contents[].Key"])
        #expect(objects.stdout.contains("inventory-collector/\(artifacts.sha256).zip"), "\(objects.stdout)")
        let status = try aws(["cloudformation", "describe-stacks", "--stack-name", "aws-inventory",
                              "--query", "Stacks[0].StackStatus"])
        #expect(status.stdout.contains("CREATE_COMPLETE"))
        let code = try aws(["lambda", "get-function", "--function-name", "inventory-collector",
                            "--query", "Configuration.CodeSha256"])
        #expect(code.succeeded)
        // The stack's outputs, as the demo reads the topic (moto needs the launcher's change-set patch for them).
        let outputs = try infragen(["outputs", Self.blueprint, "--json"] + common)
        let values = try JSONSerialization.jsonObject(with: Data(outputs.stdout.utf8)) as? [String: String]
        #expect(values?["TopicArn"] == "arn:aws:sns:us-east-1:123456789012:inventory-alerts", "\(outputs.stdout)")
        #expect(values?["CollectorFunction"] == "inventory-collector")

        let invoke = try infragen(["invoke", "inventory-collector", "--blueprint", Self.blueprint,
                                   "--executable", try EchoArtifacts.executable()] + common)
        #expect(invoke.status == 0, "\(invoke.stderr)\n\(moto.logTail())")
        #expect(invoke.stdout.contains(#""TABLE_NAME":"aws-inventory""#))
        #expect(invoke.stdout.contains(#""detailType":"Scheduled Event""#))

        let destroy = try infragen(["destroy", Self.blueprint, "--auto-approve"] + common)
        #expect(destroy.status == 0, "\(destroy.stdout)\(destroy.stderr)\n\(moto.logTail())")
        let gone = try aws(["cloudformation", "describe-stacks", "--stack-name", "aws-inventory"])
        #expect(!gone.succeeded && gone.stderr.contains("does not exist"),
                "\(gone.stdout)\(gone.stderr)\n\(moto.logTail())")
        #expect(try aws(["lambda", "list-functions", "--query", "Functions[].FunctionName"]).stdout.contains("[]"))
    }

    @Test("local up/status/down manage a detached moto and its endpoint file")
    func localEmulator() throws {
        let directory = try RepoPaths.scratchDirectory("local")
        let environment = ["INFRAGEN_MOTO_LAUNCHER": RepoPaths.file("tools/moto-launcher.py").path]
        func local(_ verb: String) throws -> ProcessResult {
            try Subprocess.run([try Tools.infragen(), "local", verb], environment: environment, directory: directory)
        }
        #expect(try local("status").status == 3)
        let up = try local("up")
        #expect(up.status == 0, "\(up.stderr)")
        defer { _ = try? local("down") }
        let endpointFile = directory.appendingPathComponent(".infragen/local/endpoint")
        let endpoint = try String(contentsOf: endpointFile, encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(up.stdout.contains("local AWS running at \(endpoint)"))
        let pid = try String(contentsOf: directory.appendingPathComponent(".infragen/local/pid"), encoding: .utf8)
        // The server answers: a real client call.
        let client = MotoServer.dummyEnvironment.merging(["AWS_ENDPOINT_URL": endpoint]) { $1 }
        let buckets = try Subprocess.run(["aws", "s3api", "list-buckets"], environment: client)
        #expect(buckets.succeeded, "\(buckets.stderr)")
        let status = try local("status")
        #expect(status.status == 0 && status.stdout.contains("running at \(endpoint)"))
        #expect(try local("up").stdout.contains("already running at \(endpoint)"))
        let down = try local("down")
        #expect(down.stdout.contains("local AWS stopped"))
        // Gone, or a zombie (this container's PID 1 may not reap the detached server).
        let stat = try? String(contentsOfFile: "/proc/\(pid.trimmingCharacters(in: .whitespacesAndNewlines))/stat",
                               encoding: .utf8)
        #expect(stat == nil || stat!.contains(") Z "), "\(stat ?? "")")
        #expect(try local("status").status == 3)
        #expect(!FileManager.default.fileExists(atPath: endpointFile.path))
    }
}

/// The EchoRuntime packaged once by `infragen package` (a release build in `.build/lambda`) and copied under both of
/// the reference blueprint's runtime names.
struct EchoArtifacts: Sendable {
    var directory: URL
    var packaged: URL
    var sha256: String

    static let shared = Result { () throws -> EchoArtifacts in
        let out = try RepoPaths.scratchDirectory("echo-package")
        let result = try Subprocess.run([try Tools.infragen(), "package", "Tests/Fixtures/echo-stack.yaml",
                                         "--out", out.path], directory: RepoPaths.root)
        guard result.succeeded, let hash = result.stdout.firstMatch(of: /sha256 ([0-9a-f]{64})/)?.1 else {
            throw Tools.Missing(description: "infragen package failed:\n\(result.stdout)\(result.stderr)")
        }
        let packaged = out.appendingPathComponent("EchoRuntime.zip")
        let directory = out.appendingPathComponent("stand-ins")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for runtime in ["inventory-collector", "inventory-analyzer"] {
            try FileManager.default.copyItem(at: packaged, to: directory.appendingPathComponent("\(runtime).zip"))
        }
        return EchoArtifacts(directory: directory, packaged: packaged, sha256: String(hash))
    }

    /// The debug-built EchoRuntime next to infragen (IntegrationTests depends on it, so it is built).
    static func executable() throws -> String {
        let path = URL(fileURLWithPath: try Tools.infragen()).deletingLastPathComponent()
            .appendingPathComponent("EchoRuntime").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Tools.Missing(description: "EchoRuntime not built at \(path)")
        }
        return path
    }
}
