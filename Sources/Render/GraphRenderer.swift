import InfraModel

/// A diagram of the stack's resources and how data and events flow between them: rules trigger functions,
/// functions read and write tables, publish to topics and emit events onto the bus.
public struct GraphRenderer {
    public enum Format: String, CaseIterable, Sendable { case mermaid, dot }

    public struct Edge: Hashable, Comparable, Sendable {
        public var from: String
        public var to: String
        public var label: String
        public static func < (lhs: Edge, rhs: Edge) -> Bool { (lhs.from, lhs.to, lhs.label) < (rhs.from, rhs.to, rhs.label) }
    }

    public init() {}

    public func render(_ stack: Stack, format: Format) -> String {
        let (nodes, edges) = graph(stack)
        switch format {
        case .mermaid:
            var lines = ["flowchart LR"]
            for (id, label) in nodes.sorted(by: { $0.key < $1.key }) { lines.append("    \(id)[\"\(label)\"]") }
            for edge in edges { lines.append("    \(edge.from) -->|\(edge.label)| \(edge.to)") }
            return lines.joined(separator: "\n") + "\n"
        case .dot:
            var lines = ["digraph \"\(stack.name)\" {", "    rankdir=LR;", "    node [shape=box];"]
            for (id, label) in nodes.sorted(by: { $0.key < $1.key }) { lines.append("    \(id) [label=\"\(label)\"];") }
            for edge in edges { lines.append("    \(edge.from) -> \(edge.to) [label=\"\(edge.label)\"];") }
            lines.append("}")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// Node ids (safe in both syntaxes) with labels, and the labelled edges.
    public func graph(_ stack: Stack) -> (nodes: [String: String], edges: [Edge]) {
        var nodes: [String: String] = [:]
        var edges = Set<Edge>()
        func node(_ kind: String, _ name: String) -> String {
            let id = "\(kind)_\(LogicalNames.terraform(name))"
            nodes[id] = "\(kind): \(name)"
            return id
        }
        let bus = "bus_default"
        for rule in stack.rules {
            let ruleID = node("rule", rule.name)
            if case .pattern = rule.trigger {
                nodes[bus] = "event bus: default"
                edges.insert(Edge(from: bus, to: ruleID, label: "matches"))
            }
            for target in rule.targets { edges.insert(Edge(from: ruleID, to: node("function", target), label: "triggers")) }
        }
        for topic in stack.topics {
            let topicID = node("topic", topic.name)
            for subscription in topic.subscriptions {
                edges.insert(Edge(from: topicID, to: node("subscriber", subscription.protocol.rawValue), label: "delivers"))
            }
        }
        for function in stack.functions {
            let functionID = node("function", function.name)
            if let target = function.onFailure {
                edges.insert(Edge(from: functionID, to: node(target.kind.blueprintKey, target.name), label: "on failure"))
            }
            let statements = stack.role(named: function.role)?.policies.flatMap(\.statements) ?? []
            for statement in statements where statement.sid != "DeliverFailedInvocations" {
                let references = statement.resources.flatMap(\.references)
                for action in statement.actions {
                    let (service, operation) = split(action)
                    if service == "events" && operation == "PutEvents" {
                        nodes[bus] = "event bus: default"
                        edges.insert(Edge(from: functionID, to: bus, label: "emits"))
                    }
                    for reference in references {
                        switch (reference.kind, service) {
                        case (.table, "dynamodb"):
                            edges.insert(Edge(from: functionID, to: node("table", reference.name), label: Self.isRead(operation) ? "reads" : "writes"))
                        case (.topic, "sns"):
                            edges.insert(Edge(from: functionID, to: node("topic", reference.name), label: "publishes"))
                        default: break
                        }
                    }
                }
            }
        }
        return (nodes, edges.sorted())
    }

    static func isRead(_ operation: String) -> Bool {
        ["Get", "Query", "Scan", "BatchGet", "Describe", "List"].contains { operation.hasPrefix($0) }
    }

    private func split(_ action: String) -> (String, String) {
        let parts = action.split(separator: ":", maxSplits: 1).map(String.init)
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }
}
