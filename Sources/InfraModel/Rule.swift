/// An EventBridge rule on the default bus: a schedule or an event pattern, invoking functions of the stack.
public struct Rule: Hashable, Sendable {
    public enum Trigger: Hashable, Sendable {
        /// `cron(...)` or `rate(...)`, validated by `ScheduleExpression`.
        case schedule(String)
        /// The event pattern as JSON-compatible data (keys sorted when rendered).
        case pattern(JSON)
    }

    public var name: String
    public var description: String
    public var trigger: Trigger
    /// Functions invoked by the rule; each gets a target and a permission for EventBridge to invoke it.
    public var targets: [String]
    public var enabled: Bool

    public init(name: String, description: String = "", trigger: Trigger, targets: [String], enabled: Bool = true) {
        self.name = name
        self.description = description
        self.trigger = trigger
        self.targets = targets
        self.enabled = enabled
    }
}

/// JSON-compatible data (event patterns, policy conditions), with a stable ordering of object keys.
public indirect enum JSON: Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSON])
    case object([String: JSON])
}
