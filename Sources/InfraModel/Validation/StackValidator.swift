/// Checks a stack against AWS limits and internal consistency. Every problem is reported, not only the first;
/// diagnostics carry key paths, which front ends map to file positions.
public struct StackValidator {
    public init() {}

    public func validate(_ stack: Stack) -> [Diagnostic] {
        var sink = Sink()
        checkNames(stack, &sink)
        checkDuplicates(stack, &sink)
        for (index, table) in stack.tables.enumerated() { checkTable(table, index: index, stack, &sink) }
        for function in stack.functions { checkFunction(function, stack, &sink) }
        for rule in stack.rules { checkRule(rule, stack, &sink) }
        for group in stack.logGroups { checkLogGroup(group, stack, &sink) }
        for topic in stack.topics { checkTopic(topic, stack, &sink) }
        checkReferences(stack, &sink)
        checkCycles(stack, &sink)
        return sink.diagnostics
    }

    struct Sink {
        var diagnostics: [Diagnostic] = []
        mutating func error(_ path: String, _ message: String, hint: String? = nil) {
            diagnostics.append(Diagnostic(at: path, message, hint: hint))
        }
    }

    // MARK: Names

    private func checkNames(_ stack: Stack, _ sink: inout Sink) {
        func check(_ rule: NamingRule, _ name: String, _ path: String, identifier: Bool = false) {
            if let problem = rule.problem(with: name) {
                sink.error(path, problem, hint: "rename it to fit the rule")
            } else if identifier, let first = name.first, !first.isLetter {
                sink.error(path, "\(rule.what) '\(name)' must start with a letter", hint: "rename it")
            }
        }
        check(.stack, stack.name, "stack", identifier: true)
        for item in stack.parameters { check(.parameter, item.name, "parameters.\(item.name)", identifier: true) }
        for item in stack.outputs { check(.output, item.name, "outputs.\(item.name)", identifier: true) }
        for item in stack.keys { check(.key, item.name, "keys.\(item.name)") }
        for item in stack.tables {
            check(.table, item.name, "tables.\(item.name)")
            for index in item.globalIndexes {
                check(.index, index.name, "tables.\(item.name).global_indexes.\(index.name)")
            }
        }
        for item in stack.topics { check(.topic, item.name, "topics.\(item.name)") }
        for item in stack.roles {
            // A role named after its function is reported at the function, where the name can be changed.
            if let function = stack.functions.first(where: { $0.role == item.name }), item.name == LambdaConventions.roleName(for: function.name),
                let problem = NamingRule.role.problem(with: item.name)
            {
                sink.error("functions.\(function.name)", "the function's role would be named '\(item.name)': \(problem)",
                           hint: "keep function names to \(NamingRule.role.lengths.upperBound - 5) characters of A-Z a-z 0-9 - _")
                continue
            }
            check(.role, item.name, "roles.\(item.name)")
        }
        for item in stack.functions { check(.function, item.name, "functions.\(item.name)") }
        for item in stack.rules { check(.rule, item.name, "rules.\(item.name)") }
        for item in stack.logGroups { check(.logGroup, item.path, "log_groups.\(item.name)") }
    }

    private func checkDuplicates(_ stack: Stack, _ sink: inout Sink) {
        for kind in ResourceKind.allCases {
            var seen = Set<String>()
            for name in stack.names(of: kind) {
                if !seen.insert(name).inserted {
                    sink.error("\(sectionKey(kind)).\(name)", "duplicate \(kind.blueprintKey) name '\(name)'",
                               hint: "give each \(kind.blueprintKey) a unique name")
                }
            }
        }
        var paths = [String: String]()
        for group in stack.logGroups {
            if let other = paths.updateValue(group.name, forKey: group.path) {
                sink.error("log_groups.\(group.name)", "log group '\(group.path)' is also declared by '\(other)'",
                           hint: "each log group path may be declared once")
            }
        }
    }

    // MARK: Resources

    private func checkTable(_ table: Table, index: Int, _ stack: Stack, _ sink: inout Sink) {
        let path = "tables.\(table.name)"
        let declared = Dictionary(table.attributes.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        var used = Set<String>()
        func requireKey(_ name: String, _ keyPath: String) {
            used.insert(name)
            if declared[name] == nil {
                sink.error(keyPath, "key attribute '\(name)' is not declared in \(path).attributes",
                           hint: "add '\(name): S' (or N, B) under attributes")
            }
        }
        requireKey(table.hashKey, "\(path).hash_key")
        if let range = table.rangeKey { requireKey(range, "\(path).range_key") }
        var indexNames = Set<String>()
        for gsi in table.globalIndexes {
            let indexPath = "\(path).global_indexes.\(gsi.name)"
            if !indexNames.insert(gsi.name).inserted {
                sink.error(indexPath, "duplicate index name '\(gsi.name)'", hint: "give each index a unique name")
            }
            requireKey(gsi.hashKey, "\(indexPath).hash_key")
            if let range = gsi.rangeKey { requireKey(range, "\(indexPath).range_key") }
            if case .include(let names) = gsi.projection {
                if names.isEmpty {
                    sink.error("\(indexPath).projection", "an INCLUDE projection needs at least one attribute",
                               hint: "list attributes under non_key_attributes, or use ALL or KEYS_ONLY")
                } else if names.count > 20 {
                    sink.error("\(indexPath).projection", "an INCLUDE projection lists \(names.count) attributes; DynamoDB allows 20",
                               hint: "project ALL instead")
                }
            }
            if table.billingMode == .provisioned && gsi.capacity == nil {
                sink.error(indexPath, "a PROVISIONED table's index needs read and write capacity",
                           hint: "add capacity: {read: 5, write: 5} or use PAY_PER_REQUEST")
            }
        }
        if table.globalIndexes.count > 20 {
            sink.error("\(path).global_indexes", "\(table.globalIndexes.count) global indexes; DynamoDB allows 20")
        }
        for attribute in table.attributes where !used.contains(attribute.name) {
            sink.error("\(path).attributes.\(attribute.name)",
                       "attribute '\(attribute.name)' is declared but is no table or index key; DynamoDB rejects it",
                       hint: "declare only key attributes; other attributes need no declaration")
        }
        if table.billingMode == .provisioned && table.capacity == nil {
            sink.error("\(path).billing_mode", "PROVISIONED billing needs read and write capacity",
                       hint: "add capacity: {read: 5, write: 5} or use PAY_PER_REQUEST")
        }
        if let ttl = table.ttlAttribute, ttl == table.hashKey || ttl == table.rangeKey {
            sink.error("\(path).ttl_attribute", "the TTL attribute '\(ttl)' cannot be a key attribute",
                       hint: "use a separate attribute such as expires_at")
        }
    }

    private func checkFunction(_ function: Function, _ stack: Stack, _ sink: inout Sink) {
        let path = "functions.\(function.name)"
        if !(128...10240).contains(function.memoryMB) {
            sink.error("\(path).memory", "memory \(function.memoryMB) MB is outside Lambda's 128–10240 MB",
                       hint: "the runtimes here run in 128 MB")
        }
        if !(1...900).contains(function.timeoutSeconds) {
            sink.error("\(path).timeout", "timeout \(function.timeoutSeconds) s is outside Lambda's 1–900 s",
                       hint: "a scan of a large estate needs minutes, e.g. 300")
        }
        if let reserved = function.reservedConcurrency, reserved < 0 {
            sink.error("\(path).reserved_concurrency", "reserved concurrency \(reserved) is negative",
                       hint: "use 0 to disable the function or a positive number to cap it")
        }
        for (name, _) in function.environment.sorted(by: { $0.key < $1.key }) {
            let keyPath = "\(path).environment.\(name)"
            if let problem = NamingRule.environmentVariable.problem(with: name) ?? (name.first!.isLetter ? nil : "environment variable '\(name)' must start with a letter") {
                sink.error(keyPath, problem, hint: "rename the variable")
            } else if Self.reservedEnvironment.contains(name) || name.hasPrefix("AWS_LAMBDA_") {
                sink.error(keyPath, "environment variable '\(name)' is reserved by Lambda",
                           hint: "Lambda sets it itself; remove it")
            }
        }
        let literalSize = function.environment.reduce(0) { $0 + $1.key.utf8.count + ($1.value.literalText?.utf8.count ?? 0) }
        if literalSize > 4096 {
            sink.error("\(path).environment", "environment variables take \(literalSize) bytes; Lambda allows 4 KB",
                       hint: "move large settings to a parameter store")
        }
        requireExisting(.role, function.role, at: "\(path).role", stack, &sink)
        requireExisting(.logGroup, function.logGroup, at: "\(path).log_group", stack, &sink)
        if let key = function.encryptionKey { requireExisting(.key, key, at: "\(path).kms_key", stack, &sink) }
        if let target = function.onFailure, target.kind != .topic && target.kind != .function {
            sink.error("\(path).on_failure", "on_failure must name a topic or a function, not a \(target.kind.blueprintKey)",
                       hint: "e.g. on_failure: ${topic.inventory-alerts.arn}")
        }
    }

    static let reservedEnvironment: Set<String> = [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "LAMBDA_TASK_ROOT",
        "LAMBDA_RUNTIME_DIR", "TZ",
    ]

    private func checkRule(_ rule: Rule, _ stack: Stack, _ sink: inout Sink) {
        let path = "rules.\(rule.name)"
        switch rule.trigger {
        case .schedule(let expression):
            if let problem = ScheduleExpression.validate(expression) {
                sink.error("\(path).schedule", problem.message, hint: problem.hint)
            }
        case .pattern(let pattern):
            guard case .object(let fields) = pattern, !fields.isEmpty else {
                sink.error("\(path).event_pattern", "an event pattern must be a non-empty mapping",
                           hint: "e.g. {source: [inventory.collector], detail-type: [Inventory Scan Completed]}")
                break
            }
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
                if case .array = value { continue }
                if case .object = value { continue }
                sink.error("\(path).event_pattern.\(key)", "event pattern values must be lists or mappings",
                           hint: "write \(key): [value]")
            }
        }
        if rule.targets.isEmpty {
            sink.error("\(path).targets", "the rule invokes nothing", hint: "add a function to targets")
        }
        if rule.targets.count > 5 {
            sink.error("\(path).targets", "\(rule.targets.count) targets; EventBridge allows 5 per rule")
        }
        for (index, target) in rule.targets.enumerated() {
            requireExisting(.function, target, at: "\(path).targets[\(index)]", stack, &sink)
        }
    }

    private func checkLogGroup(_ group: LogGroup, _ stack: Stack, _ sink: inout Sink) {
        if !LogGroup.allowedRetentionDays.contains(group.retentionDays) {
            let nearest = LogGroup.allowedRetentionDays.min { abs($0 - group.retentionDays) < abs($1 - group.retentionDays) }!
            sink.error("log_groups.\(group.name).retention_days",
                       "retention of \(group.retentionDays) days is not one CloudWatch Logs offers",
                       hint: "the nearest allowed value is \(nearest)")
        }
        if let key = group.encryptionKey {
            requireExisting(.key, key, at: "log_groups.\(group.name).kms_key", stack, &sink)
        }
    }

    private func checkTopic(_ topic: Topic, _ stack: Stack, _ sink: inout Sink) {
        if let key = topic.encryptionKey { requireExisting(.key, key, at: "topics.\(topic.name).kms_key", stack, &sink) }
    }

    private func requireExisting(_ kind: ResourceKind, _ name: String, at path: String, _ stack: Stack, _ sink: inout Sink) {
        guard !stack.contains(kind, named: name) else { return }
        sink.error(path, "no \(kind.blueprintKey) named '\(name)' in this stack",
                   hint: suggestion(for: name, among: stack.names(of: kind), kind: kind))
    }

    // MARK: References

    private func checkReferences(_ stack: Stack, _ sink: inout Sink) {
        for (path, value) in stack.valuesWithPaths() {
            for reference in value.references {
                if !stack.contains(reference.kind, named: reference.name) {
                    sink.error(path, "reference ${\(reference)} names no \(reference.kind.blueprintKey) '\(reference.name)'",
                               hint: suggestion(for: reference.name, among: stack.names(of: reference.kind), kind: reference.kind))
                } else if !reference.kind.attributes.contains(reference.attribute) {
                    sink.error(path, "a \(reference.kind.blueprintKey) has no attribute '\(reference.attribute.rawValue)'",
                               hint: "use one of: \(reference.kind.attributes.map(\.rawValue).joined(separator: ", "))")
                }
            }
        }
    }

    /// Resources that depend on each other through references cannot be created in any order.
    private func checkCycles(_ stack: Stack, _ sink: inout Sink) {
        let graph = stack.dependencyGraph()
        var state = [ElementID: Bool]()  // false: on the stack; true: done
        var reported = Set<Set<ElementID>>()
        func visit(_ node: ElementID, _ trail: [ElementID]) {
            if state[node] == true { return }
            if state[node] == false {
                let cycle = Array(trail[trail.firstIndex(of: node)!...])
                if reported.insert(Set(cycle)).inserted {
                    let names = (cycle + [node]).map { "\($0.kind.blueprintKey) \($0.name)" }.joined(separator: " → ")
                    sink.error("\(sectionKey(node.kind)).\(node.name)", "reference cycle: \(names)",
                               hint: "break the cycle by removing one of these references")
                }
                return
            }
            state[node] = false
            for next in graph[node, default: []].sorted() { visit(next, trail + [node]) }
            state[node] = true
        }
        for node in graph.keys.sorted() { visit(node, []) }
    }

    func sectionKey(_ kind: ResourceKind) -> String {
        switch kind {
        case .parameter: "parameters"
        case .key: "keys"
        case .table: "tables"
        case .topic: "topics"
        case .logGroup: "log_groups"
        case .role: "roles"
        case .function: "functions"
        case .rule: "rules"
        }
    }

    private func suggestion(for name: String, among candidates: [String], kind: ResourceKind) -> String {
        if let near = closestMatch(to: name, in: candidates) { return "did you mean '\(near)'?" }
        return candidates.isEmpty
            ? "declare a \(kind.blueprintKey) named '\(name)'"
            : "declared \(kind.blueprintKey) names: \(candidates.joined(separator: ", "))"
    }
}

/// A stack element, as a node of the dependency graph.
public struct ElementID: Hashable, Comparable, Sendable {
    public var kind: ResourceKind
    public var name: String
    public init(_ kind: ResourceKind, _ name: String) {
        self.kind = kind
        self.name = name
    }
    public static func < (lhs: ElementID, rhs: ElementID) -> Bool { (lhs.kind, lhs.name) < (rhs.kind, rhs.name) }
}
