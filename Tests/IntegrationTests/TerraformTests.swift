import Foundation
import InfragenTestSupport
import Testing

/// The Terraform render is checked by terraform itself: init (offline), validate, apply to moto, and a second
/// plan that must find nothing to change.
@Suite("Terraform output", .serialized)
struct TerraformTests {
    func terraform(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> ProcessResult {
        try Subprocess.run(
            ["terraform"] + arguments, environment: environment.merging(["TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"]) { a, _ in a },
            directory: directory)
    }

    @Test("terraform init (offline) and validate, then apply to moto and plan again with no changes")
    func applyToMoto() throws {
        let rendered = try RenderedStack(label: "tf")
        let directory = rendered.terraform
        let initResult = try terraform(["init", "-input=false", "-no-color", "-plugin-dir", try Tools.terraformPluginDirectory()], in: directory)
        #expect(initResult.succeeded, "\(initResult.stdout)\(initResult.stderr)")
        let validate = try terraform(["validate", "-no-color"], in: directory)
        #expect(validate.succeeded, "\(validate.stdout)\(validate.stderr)")
        guard initResult.succeeded && validate.succeeded else { return }

        let moto = try MotoServer()
        defer { moto.stop() }
        try MotoProvider.writeOverride(into: directory, endpoint: moto.endpoint)
        // Function code comes from the artifacts bucket, at each `<function>_code_key`'s default `<runtime>.zip`.
        let bucket = "tf-test-artifacts"
        let made = try Subprocess.run(["aws", "s3api", "create-bucket", "--bucket", bucket], environment: moto.clientEnvironment)
        #expect(made.succeeded, "\(made.stderr)")
        for runtime in ["inventory-collector", "inventory-analyzer"] {
            let zip = directory.appendingPathComponent("artifacts/\(runtime).zip")
            try RenderedStack.placeholderPackage(at: zip)
            let put = try Subprocess.run(
                ["aws", "s3api", "put-object", "--bucket", bucket, "--key", "\(runtime).zip", "--body", zip.path],
                environment: moto.clientEnvironment)
            #expect(put.succeeded, "\(put.stderr)")
        }
        let variables = ["-var", "alert_email=reports@example.com", "-var", "artifact_bucket=\(bucket)"]
        let apply = try terraform(["apply", "-auto-approve", "-input=false", "-no-color"] + variables, in: directory)
        #expect(apply.succeeded, "\(apply.stdout.suffix(3000))\(apply.stderr)")
        #expect(apply.stdout.contains("Apply complete! Resources: 20 added, 0 changed, 0 destroyed."))

        let plan = try terraform(["plan", "-detailed-exitcode", "-input=false", "-no-color"] + variables, in: directory)
        #expect(plan.status == 0, "second plan is not empty:\n\(plan.stdout.suffix(3000))\(plan.stderr)")

        // What was applied is really there, as a real client sees it.
        let table = try Subprocess.run(
            ["aws", "dynamodb", "describe-table", "--table-name", "aws-inventory", "--output", "json"], environment: moto.clientEnvironment)
        #expect(table.stdout.contains("\"IndexName\": \"scan_date-index\""))
        let rules = try Subprocess.run(["aws", "events", "list-rules", "--output", "json"], environment: moto.clientEnvironment)
        #expect(rules.stdout.contains("cron(0 2 * * ? *)") && rules.stdout.contains("inventory-trigger-analyzer"))

        let destroy = try terraform(["destroy", "-auto-approve", "-input=false", "-no-color"] + variables, in: directory)
        #expect(destroy.succeeded, "\(destroy.stdout.suffix(2000))\(destroy.stderr)")
        let functions = try Subprocess.run(["aws", "lambda", "list-functions", "--output", "json"], environment: moto.clientEnvironment)
        #expect(!functions.stdout.contains("inventory-collector"))
    }
}

/// Points the AWS provider at moto through an override file, so the rendered main.tf.json stays untouched.
enum MotoProvider {
    static let services = ["cloudwatchevents", "cloudwatchlogs", "dynamodb", "iam", "kms", "lambda", "s3", "sns", "sts"]

    static func writeOverride(into directory: URL, endpoint: String) throws {
        let endpoints = services.map { "\"\($0)\": \"\(endpoint)\"" }.joined(separator: ", ")
        let text = """
            {"provider": {"aws": {"region": "us-east-1", "access_key": "testing", "secret_key": "testing",
              "skip_credentials_validation": true, "skip_requesting_account_id": true, "skip_metadata_api_check": true,
              "s3_use_path_style": true, "endpoints": [{\(endpoints)}]}}}
            """
        try text.write(to: directory.appendingPathComponent("moto_override.tf.json"), atomically: true, encoding: .utf8)
    }
}
