/// Every kind of element a stack holds.
public enum ResourceKind: String, Hashable, Sendable, CaseIterable, Comparable {
    case parameter
    case key
    case table
    case topic
    case logGroup
    case role
    case function
    case rule

    /// The spelling in blueprints and references (`${table.aws-inventory.arn}`).
    public var blueprintKey: String {
        switch self {
        case .logGroup: "log_group"
        default: rawValue
        }
    }

    public init?(blueprintKey: String) {
        guard let kind = Self.allCases.first(where: { $0.blueprintKey == blueprintKey }) else { return nil }
        self = kind
    }

    /// The attributes a reference to this kind may name; the first is the default when none is given.
    public var attributes: [Attribute] {
        switch self {
        case .parameter: [.value]
        case .key: [.arn, .id]
        case .table, .function, .role, .rule, .logGroup, .topic: [.name, .arn]
        }
    }

    public static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
