/// How urgent a finding is. Ordered: `critical` > `high` > `medium` > `low`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case critical, high, medium, low

    /// Rank for sorting: critical first.
    public var rank: Int {
        switch self {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank > rhs.rank }

    /// Upper-case label for the report.
    public var label: String { rawValue.uppercased() }
}
