import InfraModel

/// What each target's document emits per kind of resource. The walk over the stack is shared, so both targets
/// render the same resources in the same order, and a new kind is one requirement both must meet.
protocol StackEmitter {
    var stack: Stack { get }
    mutating func addKey(_ key: EncryptionKey)
    mutating func addTable(_ table: Table)
    mutating func addTopic(_ topic: Topic)
    mutating func addLogGroup(_ group: LogGroup)
    mutating func addRole(_ role: Role)
    mutating func addFunction(_ function: Function)
    mutating func addRule(_ rule: Rule)
}

extension StackEmitter {
    /// Every resource of the stack, dependencies (keys, tables, topics, log groups, roles) before their users.
    mutating func emitResources() {
        for key in stack.keys { addKey(key) }
        for table in stack.tables { addTable(table) }
        for topic in stack.topics { addTopic(topic) }
        for group in stack.logGroups { addLogGroup(group) }
        for role in stack.roles { addRole(role) }
        for function in stack.functions { addFunction(function) }
        for rule in stack.rules { addRule(rule) }
    }
}
