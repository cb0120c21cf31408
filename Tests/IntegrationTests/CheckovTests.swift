import Foundation
import InfragenTestSupport
import Testing

/// checkov must scan the rendered outputs and fail no check; the few skips carry reasons in .checkov.yaml and the
/// template's Metadata. A run that scanned nothing fails, because checkov's terraform_json parser can silently
/// scan nothing and still exit 0.
@Suite("checkov")
struct CheckovTests {
    struct Summary {
        var passed: Int
        var failed: Int
        var skipped: Int
        var resources: Int
        var failures: [String]
    }

    func scan(_ arguments: [String]) throws -> Summary {
        let result = try Subprocess.run(
            [try Tools.checkov(), "--skip-download", "-o", "json", "--config-file", RepoPaths.file(".checkov.yaml").path]
                + arguments)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let report = (json as? [[String: Any]])?.first ?? (json as? [String: Any]) ?? [:]
        let summary = report["summary"] as? [String: Any] ?? [:]
        let results = report["results"] as? [String: Any] ?? [:]
        let failed = results["failed_checks"] as? [[String: Any]] ?? []
        let passed = results["passed_checks"] as? [[String: Any]] ?? []
        // summary.resource_count is 0 for terraform_json even when it scanned; count what the checks looked at.
        let resources = Set((failed + passed).compactMap { $0["resource"] as? String })
        return Summary(
            passed: summary["passed"] as? Int ?? 0, failed: summary["failed"] as? Int ?? 0,
            skipped: summary["skipped"] as? Int ?? 0, resources: max(resources.count, summary["resource_count"] as? Int ?? 0),
            failures: failed.map { "\($0["check_id"] ?? "?") \($0["resource"] ?? "?")" })
    }

    @Test("Terraform JSON: every resource scanned, no failed check")
    func terraform() throws {
        let rendered = try RenderedStack(label: "checkov-tf")
        let summary = try scan(["-d", rendered.terraform.path, "--framework", "terraform_json"])
        #expect(summary.resources >= 20, "checkov scanned \(summary.resources) resources")
        #expect(summary.passed > 50)
        #expect(summary.failed == 0, "\(summary.failures)")
    }

    @Test("CloudFormation: every resource scanned, no failed check")
    func cloudFormation() throws {
        let rendered = try RenderedStack(label: "checkov-cfn")
        let summary = try scan(["-f", rendered.template.path, "--framework", "cloudformation"])
        #expect(summary.resources >= 15, "checkov scanned \(summary.resources) resources")
        #expect(summary.passed > 30)
        #expect(summary.failed == 0, "\(summary.failures)")
    }

    @Test("the checkov check can fail: a function without reserved concurrency is caught")
    func canFail() throws {
        let rendered = try RenderedStack(label: "checkov-neg")
        var text = try String(contentsOf: rendered.template, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"ReservedConcurrentExecutions\": 1,", with: "")
        try text.write(to: rendered.template, atomically: true, encoding: .utf8)
        let summary = try scan(["-f", rendered.template.path, "--framework", "cloudformation"])
        #expect(summary.failures.contains { $0.hasPrefix("CKV_AWS_115") })
    }
}
