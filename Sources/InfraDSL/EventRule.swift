import InfraModel

/// An EventBridge rule on a schedule (`cron(...)`/`rate(...)`) invoking functions.
public struct Schedule: StackComponent {
    let rule: Rule
    public init(_ name: String, _ expression: String, description: String = "", targets: [String]) {
        rule = Rule(name: name, description: description, trigger: .schedule(expression), targets: targets)
    }
    public func contribute(to assembly: inout StackAssembly) { assembly.stack.rules.append(rule) }
}

/// An EventBridge rule matching an event pattern on the default bus, invoking functions.
public struct EventPatternRule: StackComponent {
    let rule: Rule
    public init(_ name: String, pattern: JSON, description: String = "", targets: [String]) {
        rule = Rule(name: name, description: description, trigger: .pattern(pattern), targets: targets)
    }
    public func contribute(to assembly: inout StackAssembly) { assembly.stack.rules.append(rule) }
}
