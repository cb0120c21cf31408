import Foundation

/// A readable account of a plan: what is created, changed, replaced and destroyed, with the changes to
/// permissions (IAM roles and policies, resource policies, Lambda permissions) called out on their own, since
/// those are what a reviewer must not miss.
public struct PlanSummary: Sendable, Equatable {
    public enum Action: String, Sendable, Comparable {
        case create = "+", update = "~", replace = "-/+", delete = "-"

        var verb: String {
            switch self {
            case .create: "create"
            case .update: "update"
            case .replace: "replace"
            case .delete: "destroy"
            }
        }

        public static func < (lhs: Action, rhs: Action) -> Bool { lhs.order < rhs.order }
        private var order: Int { [.create: 0, .update: 1, .replace: 2, .delete: 3][self] ?? 0 }
    }

    public struct Change: Sendable, Equatable {
        public var action: Action
        /// `aws_iam_role.inventory_collector_role` (terraform) or `InventoryCollectorRole` (CloudFormation).
        public var address: String
        /// `aws_iam_role` or `AWS::IAM::Role`.
        public var type: String
        /// Permission details: IAM actions granted or revoked, when the policy text is in the plan.
        public var details: [String]

        public init(action: Action, address: String, type: String, details: [String] = []) {
            self.action = action
            self.address = address
            self.type = type
            self.details = details
        }

        /// IAM itself, resource-based policies and Lambda invoke permissions, or any change to a policy's actions.
        public var touchesPermissions: Bool { Self.isPolicyType(type) || !details.isEmpty }

        static func isPolicyType(_ type: String) -> Bool {
            type.hasPrefix("aws_iam_") || type.hasPrefix("AWS::IAM::") || type == "aws_lambda_permission"
                || type == "AWS::Lambda::Permission" || type.hasSuffix("_policy") || type.hasSuffix("Policy")
        }
    }

    public var changes: [Change]

    public init(changes: [Change]) {
        self.changes = changes.sorted { ($0.action, $0.address) < ($1.action, $1.address) }
    }

    public func count(_ action: Action) -> Int { changes.filter { $0.action == action }.count }
    public var isEmpty: Bool { changes.isEmpty }

    /// The summary for the terminal.
    public var text: String {
        if changes.isEmpty { return "No changes: the deployed stack matches the blueprint." }
        var lines = ["Plan: \(count(.create)) to add, \(count(.update)) to change, \(count(.replace)) to replace, "
                     + "\(count(.delete)) to destroy."]
        for change in changes {
            // terraform addresses start with the type; CloudFormation logical ids do not, so name it.
            let type = change.address.hasPrefix(change.type + ".") ? "" : " \(change.type)"
            lines.append("  \(change.action.rawValue.padding(toLength: 3, withPad: " ", startingAt: 0)) "
                         + "\(change.address)\(type) (\(change.action.verb))")
        }
        let permissions = changes.filter(\.touchesPermissions)
        if !permissions.isEmpty {
            lines.append("")
            lines.append("IAM and permission changes (\(permissions.count)) — review these:")
            for change in permissions {
                lines.append("  ! \(change.action.verb) \(change.address)")
                lines += change.details.map { "      \($0)" }
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension PlanSummary {
    /// Reads `terraform show -json <plan>`: `resource_changes[].change.actions` (no-op and read are not changes).
    public init(terraformPlan data: Data) throws(DeployError) {
        guard let plan = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DeployError(.unexpectedOutput, "terraform show -json did not print a plan")
        }
        var changes: [Change] = []
        for entry in plan["resource_changes"] as? [[String: Any]] ?? [] {
            guard let change = entry["change"] as? [String: Any],
                  let actions = change["actions"] as? [String],
                  let address = entry["address"] as? String, let type = entry["type"] as? String
            else { continue }
            let action: Action
            switch Set(actions) {
            case ["create"]: action = .create
            case ["update"]: action = .update
            case ["delete"]: action = .delete
            case ["delete", "create"]: action = .replace
            default: continue
            }
            var details = Self.policyDetails(before: change["before"] as? [String: Any],
                                             after: change["after"] as? [String: Any])
            // Only for a policy resource: many resources (topics, keys) have a computed `policy` attribute that is
            // unknown on create without anyone having written one.
            let unknown = change["after_unknown"] as? [String: Any] ?? [:]
            if unknown["policy"] as? Bool == true && Change.isPolicyType(type) {
                details.append("policy document known only after apply: read it in terraform's plan above")
            }
            changes.append(Change(action: action, address: address, type: type, details: details))
        }
        self.init(changes: changes)
    }

    /// IAM actions that a change grants or revokes, from the policy documents before and after (`policy`,
    /// `assume_role_policy`; for an unknown-until-apply document, nothing).
    static func policyDetails(before: [String: Any]?, after: [String: Any]?) -> [String] {
        var details: [String] = []
        for key in ["policy", "assume_role_policy"] {
            let old = actions(in: before?[key] as? String), new = actions(in: after?[key] as? String)
            let granted = new.subtracting(old).sorted(), revoked = old.subtracting(new).sorted()
            let label = key == "policy" ? "" : " (trust)"
            if !granted.isEmpty { details.append("grants\(label): " + granted.joined(separator: ", ")) }
            if !revoked.isEmpty { details.append("revokes\(label): " + revoked.joined(separator: ", ")) }
        }
        return details
    }

    /// Every `Action` of every statement of a policy document.
    static func actions(in document: String?) -> Set<String> {
        guard let document, let object = try? JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any]
        else { return [] }
        let statements: [[String: Any]] = (object["Statement"] as? [[String: Any]])
            ?? ((object["Statement"] as? [String: Any]).map { [$0] } ?? [])
        var actions = Set<String>()
        for statement in statements {
            if let one = statement["Action"] as? String { actions.insert(one) }
            actions.formUnion(statement["Action"] as? [String] ?? [])
        }
        return actions
    }

    /// Reads `aws cloudformation describe-change-set`: `Changes[].ResourceChange` (Action Add/Modify/Remove,
    /// Replacement True for a replace).
    public init(cloudFormationChangeSet data: Data) throws(DeployError) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DeployError(.unexpectedOutput, "describe-change-set did not print a JSON object")
        }
        var changes: [Change] = []
        for entry in object["Changes"] as? [[String: Any]] ?? [] {
            guard let change = entry["ResourceChange"] as? [String: Any],
                  let logicalID = change["LogicalResourceId"] as? String,
                  let type = change["ResourceType"] as? String else { continue }
            let action: Action
            switch change["Action"] as? String {
            case "Add": action = .create
            case "Remove": action = .delete
            case "Modify": action = (change["Replacement"] as? String) == "True" ? .replace : .update
            default: continue
            }
            changes.append(Change(action: action, address: logicalID, type: type))
        }
        self.init(changes: changes)
    }
}
