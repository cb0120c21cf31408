/// IAM's matching of a policy's `Resource` against the ARN a request acts on: the pattern and the ARN are compared
/// component by component (partition, service, region, account, resource), `*` matching any run of characters
/// (`/` and `:` included, within the resource) and `?` one character; a lone `*` matches everything, including
/// the `*` of an action that has no resource-level permission, which no other pattern matches.
struct ARNPattern: CustomStringConvertible {
    var description: String

    init(_ pattern: String) { description = pattern }

    func matches(_ arn: String) -> Bool {
        if description == "*" { return true }
        if arn == "*" { return false }
        let patternParts = Self.components(description)
        let arnParts = Self.components(arn)
        guard patternParts.count == 6, arnParts.count == 6 else { return false }
        return zip(patternParts, arnParts).allSatisfy { Self.glob(Array($0), Array($1)) }
    }

    /// `arn:partition:service:region:account:resource`, the resource kept whole (it may contain `:`).
    static func components(_ arn: String) -> [Substring] {
        arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    }

    static func glob(_ pattern: [Character], _ text: [Character]) -> Bool {
        // Iterative wildcard matching with backtracking to the last `*`.
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
                p += 1; t += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p; mark = t; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
