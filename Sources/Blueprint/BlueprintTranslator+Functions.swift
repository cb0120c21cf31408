import InfraModel
import Yams

extension BlueprintTranslator {
    static let functionKeys = [
        "description", "runtime", "architecture", "memory", "timeout", "environment", "reserved_concurrency",
        "on_failure", "kms_key", "tracing", "log_retention_days", "policy",
    ]

    mutating func function(_ name: String, _ node: Node, _ path: String) {
        var function = Function(name: name, runtime: "", role: "", logGroup: "")
        var retention = 365
        var statements: [Statement] = []
        for (field, value) in reader.mapping(node, path, allowed: Self.functionKeys, required: ["runtime"]) ?? [] {
            let at = join(path, field)
            switch field {
            case "description": function.description = reader.string(value, at) ?? ""
            case "runtime": function.runtime = reader.string(value, at) ?? ""
            case "architecture":
                function.architecture = reader.choice(value, at, Function.Architecture.allCases.map { ($0.rawValue, $0) }) ?? .x86_64
            case "memory": function.memoryMB = reader.int(value, at) ?? function.memoryMB
            case "timeout": function.timeoutSeconds = reader.int(value, at) ?? function.timeoutSeconds
            case "reserved_concurrency": function.reservedConcurrency = reader.int(value, at)
            case "kms_key": function.encryptionKey = reader.string(value, at)
            case "tracing":
                function.tracing = reader.choice(value, at, Function.TracingMode.allCases.map { ($0.rawValue, $0) }) ?? .active
            case "log_retention_days":
                retention = reader.int(value, at) ?? retention
                if !LogGroup.allowedRetentionDays.contains(retention) {
                    reader.error(value, at, "retention of \(retention) days is not one CloudWatch Logs offers",
                                 hint: "use one of \(LogGroup.allowedRetentionDays.map(String.init).joined(separator: ", "))")
                    retention = 365
                }
            case "on_failure":
                if let target = reader.value(value, at) {
                    if let reference = target.soleReference { function.onFailure = reference }
                    else { reader.error(value, at, "on_failure must be one reference", hint: "e.g. ${topic.inventory-alerts.arn}") }
                }
            case "environment":
                for (variable, variableNode) in reader.namedEntries(value, at) ?? [] {
                    if let value = reader.value(variableNode, join(at, variable)) { function.environment[variable] = value }
                }
            case "policy":
                function.derivesPolicy = false
                for (index, item) in (reader.sequence(value, at) ?? []).enumerated() {
                    if let statement = statement(item, "\(at)[\(index)]") { statements.append(statement) }
                }
            default: break
            }
        }
        pendingFunctions.append(PendingFunction(function: function, logRetentionDays: retention, codeStatements: statements))
    }

    /// A statement of the interim hand-written policy; IAM derivation replaces these (see README).
    private func statement(_ node: Node, _ path: String) -> Statement? {
        var sid = "", actions: [String] = [], resources: [Value] = []
        for (field, value) in reader.mapping(node, path, allowed: ["sid", "actions", "resources"], required: ["sid", "actions", "resources"]) ?? [] {
            let at = join(path, field)
            switch field {
            case "sid": sid = reader.string(value, at) ?? ""
            case "actions":
                actions = reader.stringList(value, at) ?? []
                for (index, action) in actions.enumerated() where action.contains("*") || !action.contains(":") {
                    reader.error(at: reader.locate("\(at)[\(index)]"), "\(at)[\(index)]",
                                 "action '\(action)' is not a single service:Action", hint: "wildcard actions are not allowed; name each action")
                }
            case "resources":
                for (index, item) in (reader.sequence(value, at) ?? []).enumerated() {
                    if let resource = reader.value(item, "\(at)[\(index)]") { resources.append(resource) }
                }
            default: break
            }
        }
        if !sid.isEmpty && !sid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            reader.error(at: reader.locate(join(path, "sid")), join(path, "sid"), "sid '\(sid)' must be letters and digits only")
        }
        return Statement(sid: sid, actions: actions, resources: resources)
    }

    mutating func rule(_ name: String, _ node: Node, _ path: String) {
        var trigger: Rule.Trigger?
        var rule = Rule(name: name, trigger: .schedule(""), targets: [])
        let keys = ["description", "schedule", "event_pattern", "targets", "enabled"]
        guard let entries = reader.mapping(node, path, allowed: keys, required: ["targets"]) else { return }
        for (field, value) in entries {
            let at = join(path, field)
            switch field {
            case "description": rule.description = reader.string(value, at) ?? ""
            case "schedule": trigger = reader.string(value, at).map { .schedule($0) }
            case "event_pattern": trigger = reader.json(value, at).map { .pattern($0) }
            case "targets": rule.targets = reader.stringList(value, at) ?? []
            case "enabled": rule.enabled = reader.bool(value, at) ?? true
            default: break
            }
        }
        let triggers = entries.filter { $0.0 == "schedule" || $0.0 == "event_pattern" }
        if triggers.count != 1 {
            reader.error(node, path, triggers.isEmpty ? "a rule needs a schedule or an event_pattern" : "a rule has either a schedule or an event_pattern, not both",
                         hint: "e.g. schedule: cron(0 2 * * ? *)")
        }
        if let trigger { rule.trigger = trigger; stack.rules.append(rule) }
    }
}
