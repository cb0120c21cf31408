import Inventory

/// `cmp.tags.missing`: a resource lacking any of `REQUIRED_TAGS` (default `Owner`, `CostCenter`, `Environment`;
/// AWS Config `required-tags` checks key presence). Evidence names the missing keys, never tag values.
public struct RequiredTagsRule: Rule {
    public let id = FindingID.tagsMissing
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        let required = context.configuration.requiredTags
        guard !required.isEmpty else { return [] }
        return context.items.compactMap { item in
            // Check before collecting: most resources are compliant, so allocate only for the ones that are not.
            guard required.contains(where: { item.tags[$0] == nil }) else { return nil }
            let missing = required.filter { item.tags[$0] == nil }
            return Finding(id: id, severity: .low, item: item,
                           evidence: "missing required tag\(missing.count == 1 ? "" : "s"): "
                               + missing.joined(separator: ", "),
                           recommendation: "Add the tags (or enforce them with a tag policy) so cost can be allocated")
        }
    }
}
