import Foundation
import InfragenTestSupport
import Testing

@Suite("CloudFormation output")
struct CloudFormationTests {
    @Test("cfn-lint reports nothing: no errors, warnings or informational findings")
    func lint() throws {
        let rendered = try RenderedStack(label: "cfn-lint")
        let result = try Subprocess.run(["cfn-lint", "--non-zero-exit-code", "informational", rendered.template.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("cfn-lint does fail on a broken template (the check can fail)")
    func lintCatchesErrors() throws {
        let rendered = try RenderedStack(label: "cfn-lint-broken")
        var text = try String(contentsOf: rendered.template, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"MemorySize\": 128", with: "\"MemorySize\": 64")
        try text.write(to: rendered.template, atomically: true, encoding: .utf8)
        let result = try Subprocess.run(["cfn-lint", rendered.template.path])
        #expect(result.status != 0)
        #expect(result.stdout.contains("E3034 64 is less than the minimum of 128"))
    }

    @Test("aws cloudformation deploy to moto creates the stack with code from an S3 artifacts bucket")
    func deployToMoto() throws {
        let rendered = try RenderedStack(label: "cfn")
        let moto = try MotoServer()
        defer { moto.stop() }
        let environment = moto.clientEnvironment
        func aws(_ arguments: [String]) throws -> ProcessResult {
            try Subprocess.run(["aws"] + arguments + ["--output", "json"], environment: environment)
        }
        #expect(try aws(["s3", "mb", "s3://infragen-artifacts"]).succeeded)
        for runtime in ["inventory-collector", "inventory-analyzer"] {
            let zip = rendered.directory.appendingPathComponent("\(runtime).zip")
            try RenderedStack.placeholderPackage(at: zip)
            #expect(try aws(["s3", "cp", zip.path, "s3://infragen-artifacts/\(runtime).zip"]).succeeded)
        }
        let deploy = try aws([
            "cloudformation", "deploy", "--template-file", rendered.template.path, "--stack-name", "aws-inventory",
            "--capabilities", "CAPABILITY_NAMED_IAM",
            "--parameter-overrides", "AlertEmail=reports@example.com", "ArtifactBucket=infragen-artifacts",
        ])
        #expect(deploy.succeeded, "\(deploy.stdout)\(deploy.stderr)")
        let status = try aws(["cloudformation", "describe-stacks", "--stack-name", "aws-inventory", "--query", "Stacks[0].StackStatus"])
        #expect(status.stdout.contains("CREATE_COMPLETE"))
        let functions = try aws(["lambda", "list-functions", "--query", "Functions[].FunctionName"])
        #expect(functions.stdout.contains("inventory-collector") && functions.stdout.contains("inventory-analyzer"))
        let table = try aws(["dynamodb", "describe-table", "--table-name", "aws-inventory"])
        #expect(table.stdout.contains("scan_date-index"))
        let topics = try aws(["sns", "list-topics"])
        #expect(topics.stdout.contains(":inventory-alerts"))
    }
}
