import InfraModel
import Yams

/// Translates a blueprint's node tree into a `Stack`, section by section. Every problem becomes a diagnostic;
/// translation carries on past errors so one run reports them all.
struct BlueprintTranslator {
    let reader: NodeReader
    var stack = Stack(name: "")
    /// Functions wait until topics and keys are known, because their roles depend on them.
    var pendingFunctions: [PendingFunction] = []

    struct PendingFunction {
        var function: Function
        var logRetentionDays: Int
        var codeStatements: [Statement]
    }

    static let sections = [
        "stack", "description", "tags", "parameters", "keys", "tables", "topics", "functions", "rules", "outputs",
    ]

    init(reader: NodeReader) { self.reader = reader }

    mutating func translate(_ root: Node) -> Stack {
        guard let entries = reader.mapping(root, "", allowed: Self.sections, required: ["stack"]) else { return stack }
        // Sections may come in any order; resources are read in dependency order.
        let section = Dictionary(entries, uniquingKeysWith: { first, _ in first })
        if let node = section["stack"] { stack.name = reader.string(node, "stack") ?? "" }
        if let node = section["description"] { stack.description = reader.string(node, "description") ?? "" }
        if let node = section["tags"] { stack.tags = tags(node, "tags") }
        if let node = section["parameters"] { readEach(node, "parameters") { $0.parameter($1, $2, $3) } }
        if let node = section["keys"] { readEach(node, "keys") { $0.key($1, $2, $3) } }
        if let node = section["tables"] { readEach(node, "tables") { $0.table($1, $2, $3) } }
        if let node = section["topics"] { readEach(node, "topics") { $0.topic($1, $2, $3) } }
        if let node = section["functions"] { readEach(node, "functions") { $0.function($1, $2, $3) } }
        if let node = section["rules"] { readEach(node, "rules") { $0.rule($1, $2, $3) } }
        if let node = section["outputs"] { readEach(node, "outputs") { $0.output($1, $2, $3) } }
        for pending in pendingFunctions {
            stack.addLambda(
                pending.function, logRetentionDays: pending.logRetentionDays,
                logEncryptionKey: pending.function.encryptionKey, codeStatements: pending.codeStatements)
        }
        return stack
    }

    private mutating func readEach(
        _ node: Node, _ path: String, _ read: (inout BlueprintTranslator, String, Node, String) -> Void
    ) {
        for (name, item) in reader.namedEntries(node, path) ?? [] {
            read(&self, name, item, "\(path).\(name)")
        }
    }

    func tags(_ node: Node, _ path: String) -> [String: String] {
        var tags: [String: String] = [:]
        for (key, value) in reader.namedEntries(node, path) ?? [] {
            guard let text = reader.string(value, join(path, key)) else { continue }
            if key.count > 128 || text.count > 256 {
                reader.error(value, join(path, key), "tag keys are limited to 128 characters and values to 256")
            } else if key.lowercased().hasPrefix("aws:") {
                reader.error(value, join(path, key), "tag keys starting with 'aws:' are reserved by AWS",
                             hint: "drop the aws: prefix")
            }
            tags[key] = text
        }
        return tags
    }

    // MARK: Sections

    mutating func parameter(_ name: String, _ node: Node, _ path: String) {
        let keys = ["type", "description", "default", "pattern", "sensitive"]
        var parameter = Parameter(name: name)
        for (key, value) in reader.mapping(node, path, allowed: keys) ?? [] {
            let at = join(path, key)
            switch key {
            case "type": parameter.type = reader.choice(value, at, Parameter.ValueType.allCases.map { ($0.rawValue, $0) }) ?? .string
            case "description": parameter.description = reader.string(value, at) ?? ""
            case "default": parameter.defaultValue = reader.string(value, at)
            case "pattern": parameter.pattern = reader.string(value, at)
            case "sensitive": parameter.sensitive = reader.bool(value, at) ?? false
            default: break
            }
        }
        stack.parameters.append(parameter)
    }

    mutating func key(_ name: String, _ node: Node, _ path: String) {
        var key = EncryptionKey(name: name)
        for (field, value) in reader.mapping(node, path, allowed: ["description", "rotation", "deletion_window_days"]) ?? [] {
            let at = join(path, field)
            switch field {
            case "description": key.description = reader.string(value, at) ?? ""
            case "rotation": key.rotation = reader.bool(value, at) ?? true
            case "deletion_window_days":
                if let days = reader.int(value, at) {
                    if !(7...30).contains(days) {
                        reader.error(value, at, "deletion window of \(days) days is outside KMS's 7–30",
                                     hint: "30 gives the most time to undo a mistaken deletion")
                    }
                    key.deletionWindowDays = days
                }
            default: break
            }
        }
        stack.keys.append(key)
    }

    mutating func table(_ name: String, _ node: Node, _ path: String) {
        let keys = [
            "attributes", "hash_key", "range_key", "billing_mode", "capacity", "global_indexes", "ttl_attribute",
            "point_in_time_recovery", "kms_key", "deletion_protection",
        ]
        var table = Table(name: name, attributes: [], hashKey: "")
        for (field, value) in reader.mapping(node, path, allowed: keys, required: ["attributes", "hash_key"]) ?? [] {
            let at = join(path, field)
            switch field {
            case "attributes":
                for (attribute, typeNode) in reader.namedEntries(value, at) ?? [] {
                    let options = Table.AttributeType.allCases.map { ($0.rawValue, $0) }
                    if let type = reader.choice(typeNode, join(at, attribute), options) {
                        table.attributes.append(.init(name: attribute, type: type))
                    }
                }
            case "hash_key": table.hashKey = reader.string(value, at) ?? ""
            case "range_key": table.rangeKey = reader.string(value, at)
            case "billing_mode":
                table.billingMode = reader.choice(value, at, Table.BillingMode.allCases.map { ($0.rawValue, $0) }) ?? .payPerRequest
            case "capacity": table.capacity = capacity(value, at)
            case "global_indexes":
                for (indexName, indexNode) in reader.namedEntries(value, at) ?? [] {
                    if let index = globalIndex(indexName, indexNode, join(at, indexName)) { table.globalIndexes.append(index) }
                }
            case "ttl_attribute": table.ttlAttribute = reader.string(value, at)
            case "point_in_time_recovery": table.pointInTimeRecovery = reader.bool(value, at) ?? true
            case "kms_key": table.encryptionKey = reader.string(value, at)
            case "deletion_protection": table.deletionProtection = reader.bool(value, at) ?? false
            default: break
            }
        }
        stack.tables.append(table)
    }

    private func capacity(_ node: Node, _ path: String) -> Table.Capacity? {
        var read = 0, write = 0
        for (field, value) in reader.mapping(node, path, allowed: ["read", "write"], required: ["read", "write"]) ?? [] {
            let number = reader.int(value, join(path, field)) ?? 0
            if number < 1 { reader.error(value, join(path, field), "capacity must be at least 1") }
            if field == "read" { read = number } else { write = number }
        }
        return Table.Capacity(read: read, write: write)
    }

    private func globalIndex(_ name: String, _ node: Node, _ path: String) -> GlobalIndex? {
        var index = GlobalIndex(name: name, hashKey: "")
        let keys = ["hash_key", "range_key", "projection", "non_key_attributes", "capacity"]
        var included: [String]?
        for (field, value) in reader.mapping(node, path, allowed: keys, required: ["hash_key"]) ?? [] {
            let at = join(path, field)
            switch field {
            case "hash_key": index.hashKey = reader.string(value, at) ?? ""
            case "range_key": index.rangeKey = reader.string(value, at)
            case "projection":
                index.projection = reader.choice(value, at, [("ALL", .all), ("KEYS_ONLY", .keysOnly), ("INCLUDE", .include([]))]) ?? .all
            case "non_key_attributes": included = reader.stringList(value, at)
            case "capacity": index.capacity = capacity(value, at)
            default: break
            }
        }
        if case .include = index.projection { index.projection = .include(included ?? []) }
        else if included != nil {
            reader.error(at: reader.locate(join(path, "non_key_attributes")), join(path, "non_key_attributes"),
                         "non_key_attributes needs projection: INCLUDE", hint: "set projection: INCLUDE or remove the list")
        }
        return index
    }

    mutating func topic(_ name: String, _ node: Node, _ path: String) {
        var topic = Topic(name: name)
        for (field, value) in reader.mapping(node, path, allowed: ["display_name", "kms_key", "subscriptions"]) ?? [] {
            let at = join(path, field)
            switch field {
            case "display_name": topic.displayName = reader.string(value, at) ?? ""
            case "kms_key": topic.encryptionKey = reader.string(value, at)
            case "subscriptions":
                for (index, item) in (reader.sequence(value, at) ?? []).enumerated() {
                    let itemPath = "\(at)[\(index)]"
                    var deliveryProtocol: Topic.Subscription.DeliveryProtocol?
                    var endpoint: Value?
                    for (key, node) in reader.mapping(item, itemPath, allowed: ["protocol", "endpoint"], required: ["protocol", "endpoint"]) ?? [] {
                        if key == "protocol" {
                            deliveryProtocol = reader.choice(node, join(itemPath, key), Topic.Subscription.DeliveryProtocol.allCases.map { ($0.rawValue, $0) })
                        } else {
                            endpoint = reader.value(node, join(itemPath, key))
                            if let literal = endpoint?.literalText, literal.contains("@") {
                                reader.error(node, join(itemPath, key), "an address written into the blueprint ends up in the repository",
                                             hint: "declare a parameter (e.g. alert_email) and write ${parameter.alert_email}")
                            }
                        }
                    }
                    if let deliveryProtocol, let endpoint {
                        topic.subscriptions.append(.init(protocol: deliveryProtocol, endpoint: endpoint))
                    }
                }
            default: break
            }
        }
        stack.topics.append(topic)
    }

    mutating func output(_ name: String, _ node: Node, _ path: String) {
        var output = Output(name: name, value: "")
        for (field, value) in reader.mapping(node, path, allowed: ["value", "description"], required: ["value"]) ?? [] {
            let at = join(path, field)
            if field == "value" { output.value = reader.value(value, at) ?? "" } else { output.description = reader.string(value, at) ?? "" }
        }
        stack.outputs.append(output)
    }
}
