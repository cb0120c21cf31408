import AWSClient
import AWSServices
import InfraModel

/// Turns the operations a function's code calls into least-privilege IAM statements, scoped to the resources the
/// blueprint binds to that function.
///
/// Bindings come from the function's configuration contract: a table referenced in its environment binds
/// `${TableName}`, a topic `${TopicName}`, `EVENT_BUS_NAME` the bus (default `default`), `MODEL_ID` the Bedrock
/// model, `SCAN_ACCOUNTS` (`account:role_arn,…`) the roles it may assume. A placeholder nothing binds becomes `*`
/// (every bucket, every cluster): the code reaches them by listing. Actions without resource-level permissions get
/// `*`. An operation whose resource is bound to nothing and cannot be `*` (assuming roles) is left out, and said so.
public struct PolicyDeriver {
    public struct Explanation: Hashable, Sendable {
        public var action: String
        public var sites: [String]
        public var resources: [Value]
        public var reason: String
        /// False when AWS authorises the call without any policy: nothing is granted for it.
        public var needsPermission = true
    }

    public struct Result: Sendable {
        public var statements: [Statement]
        public var explanations: [Explanation]
    }

    /// Descriptors by `service.WireName`: the IAM facts live in the operation definitions (AWSServices).
    let descriptors: [String: AWSOperationDescriptor]

    public init(descriptors: [AWSOperationDescriptor] = AWSServiceCatalog.operations) {
        self.descriptors = Dictionary(descriptors.map { ($0.description, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func derive(for function: Function, in stack: Stack, uses: [CallAnalysis.Use]) -> Result {
        let bindings = Bindings(function: function, stack: stack)
        var explanations: [String: Explanation] = [:]
        for use in uses {
            guard let descriptor = descriptors[use.operation] else { continue }
            let (resources, reason) = descriptor.requiresPermission
                ? scope(descriptor, bindings)
                : ([], "AWS allows \(descriptor.iamAction) without any permission (even under an explicit Deny)")
            var explanation = explanations[descriptor.iamAction]
                ?? Explanation(action: descriptor.iamAction, sites: [], resources: [], reason: reason,
                               needsPermission: descriptor.requiresPermission)
            explanation.sites = Array(Set(explanation.sites + use.sites.map { "\($0) (\(use.symbol))" })).sorted()
            for resource in resources where !explanation.resources.contains(resource) { explanation.resources.append(resource) }
            explanations[descriptor.iamAction] = explanation
        }
        // Publishing to a topic that a customer-managed key encrypts needs that key too (SNS encrypts with the
        // publisher's permissions).
        if let publish = explanations["sns:Publish"] {
            for topic in publish.resources.compactMap(\.soleReference).filter({ $0.kind == .topic }) {
                guard let key = stack.topic(named: topic.name)?.encryptionKey else { continue }
                for action in ["kms:Decrypt", "kms:GenerateDataKey"] {
                    var explanation = explanations[action]
                        ?? Explanation(action: action, sites: [], resources: [], reason: "publishing to topic \(topic.name), which key \(key) encrypts")
                    explanation.sites = Array(Set(explanation.sites + publish.sites)).sorted()
                    let resource = Value.ref(Reference(.key, key, .arn))
                    if !explanation.resources.contains(resource) { explanation.resources.append(resource) }
                    explanations[action] = explanation
                }
            }
        }
        // One statement per service and resource set; actions sorted; statements sorted by sid.
        var groups: [String: (service: String, resources: [Value], actions: Set<String>)] = [:]
        for explanation in explanations.values where !explanation.resources.isEmpty {
            let service = String(explanation.action.split(separator: ":")[0])
            let resources = explanation.resources.sorted { $0.description < $1.description }
            let key = service + "|" + resources.map(\.description).joined(separator: ",")
            groups[key, default: (service, resources, [])].actions.insert(explanation.action)
        }
        var statements: [Statement] = []
        var used: [String: Int] = [:]
        for key in groups.keys.sorted() {
            let group = groups[key]!
            var sid = pascal(group.service) + (group.resources == ["*"] ? "AnyResource" : "Scoped")
            used[sid, default: 0] += 1
            if used[sid]! > 1 { sid += String(used[sid]!) }
            statements.append(Statement(sid: sid, actions: group.actions.sorted(), resources: group.resources))
        }
        return Result(
            statements: statements.sorted { $0.sid < $1.sid },
            explanations: explanations.values.sorted { $0.action < $1.action })
    }

    // MARK: Scoping

    private func scope(_ descriptor: AWSOperationDescriptor, _ bindings: Bindings) -> ([Value], String) {
        guard let pattern = descriptor.resourceARN else {
            return (["*"], "\(descriptor.iamAction) has no resource-level permissions")
        }
        var resources: [Value] = []
        var reasons: [String] = []
        for candidate in [pattern] + descriptor.alsoActsOn {
            let (values, reason) = bindings.resolve(candidate)
            resources.append(contentsOf: values)
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        return (resources, reasons.joined(separator: "; "))
    }

    private func pascal(_ service: String) -> String {
        service.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// What the blueprint binds to one function's placeholders.
struct Bindings {
    var tables: [String] = []
    var topics: [String] = []
    var eventBus: Value = "default"
    var model: Value?
    var roles: [Value] = []
    var rolesUnparsed: Value?

    init(function: Function, stack: Stack) {
        for (name, value) in function.environment.sorted(by: { $0.key < $1.key }) {
            for reference in value.references {
                if reference.kind == .table, !tables.contains(reference.name) { tables.append(reference.name) }
                if reference.kind == .topic, !topics.contains(reference.name) { topics.append(reference.name) }
            }
            switch name {
            case "EVENT_BUS_NAME": eventBus = value
            case "MODEL_ID": model = value
            case "SCAN_ACCOUNTS":
                if let text = value.literalText {
                    roles = text.split(separator: ",").compactMap { entry in
                        entry.split(separator: ":", maxSplits: 1).last.map { Value.literal(String($0)) }
                    }
                } else {
                    rolesUnparsed = value
                }
            default: break
            }
        }
    }

    /// Resolves one ARN pattern into resources, with the reason a reviewer reads in `--explain`.
    func resolve(_ pattern: String) -> ([Value], String) {
        let tablePrefix = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"
        let topicPattern = "arn:${Partition}:sns:${Region}:${Account}:${TopicName}"
        if pattern.hasPrefix(tablePrefix) {
            guard !tables.isEmpty else { return ([], "no table is bound to this function, so no table is granted") }
            let rest = substitute(String(pattern.dropFirst(tablePrefix.count)), regional: true)
            return (tables.map { Value.ref(Reference(.table, $0, .arn)) + rest }, "the table(s) in the function's environment")
        }
        if pattern == topicPattern {
            guard !topics.isEmpty else { return ([], "no topic is bound to this function") }
            return (topics.map { .ref(Reference(.topic, $0, .arn)) }, "the topic(s) in the function's environment")
        }
        if pattern.contains("${EventBusName}") {
            return ([substitute(pattern, regional: true, extra: ["EventBusName": eventBus])], "the bus named by EVENT_BUS_NAME (default: default)")
        }
        if pattern.contains("foundation-model/${ResourceId}") {
            guard let model else { return ([], "MODEL_ID is not set, so no model is granted") }
            return ([substitute(pattern, regional: true, extra: ["ResourceId": model])], "the model named by MODEL_ID")
        }
        if pattern.contains("${RoleNameWithPath}") {
            if !roles.isEmpty { return (roles, "the roles listed in SCAN_ACCOUNTS") }
            if let rolesUnparsed {
                return ([rolesUnparsed], "SCAN_ACCOUNTS is only known at deploy time")
            }
            return ([], "SCAN_ACCOUNTS is not set, so no role may be assumed")
        }
        return ([substitute(pattern, regional: false)], "the code lists these resources, so any of them in the account")
    }

    /// Fills `${Partition}`, `${Account}`, `${Region}` (the deployment's region when the resource is the stack's,
    /// `*` when the code scans regions) and any other placeholder with `extra` or `*`.
    func substitute(_ pattern: String, regional: Bool, extra: [String: Value] = [:]) -> Value {
        var fragments: [Value.Fragment] = []
        var rest = Substring(pattern)
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            fragments.append(.literal(String(rest[..<open.lowerBound])))
            let name = String(rest[open.upperBound..<close])
            switch name {
            case "Partition": fragments.append(.pseudo(.partition))
            case "Account": fragments.append(.pseudo(.accountID))
            case "Region": fragments.append(regional ? .pseudo(.region) : .literal("*"))
            default: fragments.append(contentsOf: extra[name]?.fragments ?? [.literal("*")])
            }
            rest = rest[rest.index(after: close)...]
        }
        fragments.append(.literal(String(rest)))
        return Value(fragments)
    }
}
