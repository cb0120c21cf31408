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
            let missing = required.filter { item.tags[$0] == nil }
            guard !missing.isEmpty else { return nil }
            return Finding(id: id, severity: .low, item: item,
                           evidence: "missing required tag\(missing.count == 1 ? "" : "s"): "
                               + missing.joined(separator: ", "),
                           recommendation: "Add the tags (or enforce them with a tag policy) so cost can be allocated")
        }
    }
}
