import Foundation
import Testing
@testable import Deploy

/// The plan summary reads terraform's and CloudFormation's own JSON; these inputs have their real shapes
/// (trimmed `terraform show -json` and `describe-change-set` output).
struct PlanSummaryTests {
    static func policy(_ actions: [String]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [
            "Version": "2012-10-17", "Statement": [["Effect": "Allow", "Action": actions, "Resource": "*"]],
        ])
        return String(decoding: data, as: UTF8.self)
    }

    static func change(_ address: String, _ type: String, _ actions: [String], before: [String: Any]? = nil,
                       after: [String: Any]? = nil, unknown: [String: Any] = [:]) -> [String: Any] {
        ["address": address, "type": type, "change": [
            "actions": actions, "before": before ?? NSNull(), "after": after ?? NSNull(), "after_unknown": unknown,
        ] as [String: Any]]
    }

    @Test func terraformPlanCountsEachActionAndCallsOutIAM() throws {
        let plan: [String: Any] = ["resource_changes": [
            Self.change("aws_dynamodb_table.t", "aws_dynamodb_table", ["create"]),
            Self.change("aws_sns_topic.a", "aws_sns_topic", ["update"]),
            Self.change("aws_lambda_function.f", "aws_lambda_function", ["delete", "create"]),
            Self.change("aws_cloudwatch_log_group.g", "aws_cloudwatch_log_group", ["delete"]),
            Self.change("data.aws_region.current", "aws_region", ["read"]),
            Self.change("aws_kms_alias.k", "aws_kms_alias", ["no-op"]),
            Self.change("aws_iam_role_policy.p", "aws_iam_role_policy", ["update"],
                        before: ["policy": Self.policy(["dynamodb:PutItem", "sns:Publish"])],
                        after: ["policy": Self.policy(["dynamodb:PutItem", "dynamodb:Query"])]),
            Self.change("aws_iam_role_policy.q", "aws_iam_role_policy", ["create"], unknown: ["policy": true]),
        ]]
        let summary = try PlanSummary(terraformPlan: JSONSerialization.data(withJSONObject: plan))
        #expect(summary.count(.create) == 2 && summary.count(.update) == 2)
        #expect(summary.count(.replace) == 1 && summary.count(.delete) == 1)
        let text = summary.text
        #expect(text.hasPrefix("Plan: 2 to add, 2 to change, 1 to replace, 1 to destroy.\n"))
        #expect(text.contains("  -/+ aws_lambda_function.f (replace)"))
        #expect(!text.contains("data.aws_region") && !text.contains("aws_kms_alias"))
        let iam = try #require(text.components(separatedBy: "IAM and permission changes (2)").last)
        #expect(iam.contains(
            "! update aws_iam_role_policy.p\n      grants: dynamodb:Query\n      revokes: sns:Publish"))
        #expect(iam.contains("! create aws_iam_role_policy.q\n      policy document known only after apply"))
        #expect(!iam.contains("aws_sns_topic.a"))
    }

    @Test func anEmptyPlanSaysSo() throws {
        let summary = try PlanSummary(terraformPlan: Data(#"{"resource_changes": []}"#.utf8))
        #expect(summary.isEmpty)
        #expect(summary.text == "No changes: the deployed stack matches the blueprint.")
        #expect(throws: DeployError.self) { try PlanSummary(terraformPlan: Data("not json".utf8)) }
    }

    @Test func cloudFormationChangeSet() throws {
        let changeSet = #"""
            {"Status": "CREATE_COMPLETE", "Changes": [
              {"Type": "Resource", "ResourceChange": {"Action": "Add", "LogicalResourceId": "Table",
                "ResourceType": "AWS::DynamoDB::Table"}},
              {"Type": "Resource", "ResourceChange": {"Action": "Modify", "LogicalResourceId": "Fn",
                "ResourceType": "AWS::Lambda::Function", "Replacement": "True"}},
              {"Type": "Resource", "ResourceChange": {"Action": "Modify", "LogicalResourceId": "Role",
                "ResourceType": "AWS::IAM::Role", "Replacement": "False"}},
              {"Type": "Resource", "ResourceChange": {"Action": "Remove", "LogicalResourceId": "Perm",
                "ResourceType": "AWS::Lambda::Permission"}}]}
            """#
        let summary = try PlanSummary(cloudFormationChangeSet: Data(changeSet.utf8))
        #expect(summary.changes.map(\.action) == [.create, .update, .replace, .delete])
        #expect(summary.text.contains("  +   Table AWS::DynamoDB::Table (create)"))
        #expect(summary.text.contains("IAM and permission changes (2)"))
        #expect(summary.text.contains("! update Role") && summary.text.contains("! destroy Perm"))
    }
}
