import Foundation
import InfraModel

/// The EventBridge event a stack's rule would deliver to a function, for `infragen invoke` without `--event`:
/// a schedule rule sends a "Scheduled Event"; a pattern rule sends an event built from the first value the
/// pattern allows for `source` and `detail-type` (and exact-match `detail` fields), so it matches the pattern.
public enum TriggerEvent {
    /// The event for the first rule targeting `function`, or nil when no rule does.
    public static func event(for function: String, in stack: Stack, region: String, account: String = "000000000000",
                             now: Date = Date(), id: String = UUID().uuidString.lowercased()) -> [String: Any]? {
        guard let rule = stack.rules.first(where: { $0.targets.contains(function) }) else { return nil }
        var event: [String: Any] = [
            "version": "0", "id": id, "account": account, "region": region,
            "time": ISO8601DateFormatter().string(from: now),
        ]
        switch rule.trigger {
        case .schedule:
            event["source"] = "aws.events"
            event["detail-type"] = "Scheduled Event"
            event["resources"] = ["arn:aws:events:\(region):\(account):rule/\(rule.name)"]
            event["detail"] = [String: Any]()
        case .pattern(let pattern):
            guard case .object(let fields) = pattern else { return nil }
            event["source"] = firstString(fields["source"]) ?? "infragen.invoke"
            event["detail-type"] = firstString(fields["detail-type"]) ?? "infragen invoke"
            event["resources"] = [String]()
            var detail: [String: Any] = [:]
            if case .object(let detailPattern)? = fields["detail"] {
                for (key, value) in detailPattern { if let first = firstString(value) { detail[key] = first } }
            }
            event["detail"] = detail
        }
        return event
    }

    /// An event pattern's first exact string (`["a", "b"]` → `a`); content filters (`{"prefix": …}`) are skipped.
    static func firstString(_ value: JSON?) -> String? {
        guard case .array(let values)? = value else { return nil }
        for value in values { if case .string(let string) = value { return string } }
        return nil
    }
}

/// The environment a deployed function has, read from where the deploy recorded it.
public enum DeployedEnvironment {
    /// From terraform's state: the `aws_lambda_function` whose `function_name` is `function`. Takes either form:
    /// `terraform state pull` (the state file, format version 4: `resources[].instances[].attributes`) or
    /// `terraform show -json` (`values.root_module.resources[].values`).
    public static func fromTerraformState(_ data: Data, function: String) throws(DeployError) -> [String: String] {
        if data.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
            throw DeployError(.usage, "there is no terraform state; deploy the stack first (`infragen deploy`)")
        }
        guard let state = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DeployError(.unexpectedOutput, "terraform did not print the state as JSON")
        }
        let functions: [[String: Any]]
        if let resources = state["resources"] as? [[String: Any]] {
            guard state["version"] as? Int == 4 else {
                throw DeployError(.unexpectedOutput, "terraform state format version "
                    + "\(state["version"].map { "\($0)" } ?? "unknown") is not 4; upgrade infragen")
            }
            functions = resources
                .filter { $0["type"] as? String == "aws_lambda_function" && $0["mode"] as? String == "managed" }
                .flatMap { $0["instances"] as? [[String: Any]] ?? [] }
                .compactMap { $0["attributes"] as? [String: Any] }
        } else {
            let root = (state["values"] as? [String: Any])?["root_module"] as? [String: Any]
            functions = (root?["resources"] as? [[String: Any]] ?? [])
                .filter { $0["type"] as? String == "aws_lambda_function" }
                .compactMap { $0["values"] as? [String: Any] }
        }
        for values in functions where values["function_name"] as? String == function {
            let environment = (values["environment"] as? [[String: Any]])?.first?["variables"] as? [String: Any]
            return (environment ?? [:]).compactMapValues { $0 as? String }
        }
        throw DeployError(.usage, "function \(function) is not in the terraform state; deploy the stack first "
            + "(`infragen deploy`)")
    }

    /// From `aws lambda get-function-configuration`: `Environment.Variables`.
    public static func fromFunctionConfiguration(_ object: Any?) -> [String: String] {
        let configuration = object as? [String: Any]
        let variables = (configuration?["Environment"] as? [String: Any])?["Variables"] as? [String: Any]
        return (variables ?? [:]).compactMapValues { $0 as? String }
    }
}
