extension Stack {
    /// Every deploy-time value in the stack with its key path, in a stable order.
    public func valuesWithPaths() -> [(path: String, value: Value)] {
        var values: [(String, Value)] = []
        for topic in topics {
            for (index, subscription) in topic.subscriptions.enumerated() {
                values.append(("topics.\(topic.name).subscriptions[\(index)].endpoint", subscription.endpoint))
            }
        }
        for role in roles {
            for policy in role.policies {
                for statement in policy.statements {
                    for (index, resource) in statement.resources.enumerated() {
                        values.append(("roles.\(role.name).policies.\(policy.name).\(statement.sid).resources[\(index)]", resource))
                    }
                }
            }
        }
        for function in functions {
            for (name, value) in function.environment.sorted(by: { $0.key < $1.key }) {
                values.append(("functions.\(function.name).environment.\(name)", value))
            }
            if let target = function.onFailure { values.append(("functions.\(function.name).on_failure", .ref(target))) }
        }
        for output in outputs { values.append(("outputs.\(output.name)", output.value)) }
        return values
    }

    /// Which elements each element needs to exist first (what a deploy orders by, and where cycles would be).
    public func dependencyGraph() -> [ElementID: Set<ElementID>] {
        var graph = [ElementID: Set<ElementID>]()
        func add(_ from: ElementID, _ to: ElementID?) {
            graph[from, default: []].formUnion(to.map { [$0] } ?? [])
        }
        func add(_ from: ElementID, values: [Value]) {
            for reference in values.flatMap(\.references) where reference.kind != .parameter {
                add(from, ElementID(reference.kind, reference.name))
            }
        }
        for table in tables { add(ElementID(.table, table.name), table.encryptionKey.map { ElementID(.key, $0) }) }
        for group in logGroups { add(ElementID(.logGroup, group.name), group.encryptionKey.map { ElementID(.key, $0) }) }
        for topic in topics {
            let node = ElementID(.topic, topic.name)
            add(node, topic.encryptionKey.map { ElementID(.key, $0) })
            add(node, values: topic.subscriptions.map(\.endpoint))
        }
        for role in roles {
            add(ElementID(.role, role.name), values: role.policies.flatMap(\.statements).flatMap(\.resources))
        }
        for function in functions {
            let node = ElementID(.function, function.name)
            add(node, ElementID(.role, function.role))
            add(node, ElementID(.logGroup, function.logGroup))
            add(node, function.encryptionKey.map { ElementID(.key, $0) })
            add(node, values: Array(function.environment.values) + (function.onFailure.map { [.ref($0)] } ?? []))
        }
        for rule in rules { add(ElementID(.rule, rule.name), nil) }
        return graph
    }
}
