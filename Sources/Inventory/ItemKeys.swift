/// Attribute names shared by every stored item, and the fixed partition keys of the summary records.
/// The full schema is in `docs/inventory-schema.md`.
public enum ItemKeys {
    /// Table hash key: the resource ARN (or the summary partition below).
    public static let resourceID = "resource_id"
    /// Table range key: scan start, ISO 8601 UTC.
    public static let timestamp = "timestamp"
    /// GSI hash key: `YYYY-MM-DD#<scan id>`. Only resource items carry it, so the index holds resources only.
    public static let scanDate = "scan_date"
    public static let scanID = "scan_id"
    public static let resourceType = "resource_type"
    public static let region = "region"
    public static let accountID = "account_id"
    public static let name = "name"
    public static let state = "state"
    public static let tags = "tags"
    /// TTL attribute: epoch seconds (a DynamoDB `N`), as TTL requires.
    public static let expiresAt = "expires_at"

    /// The GSI the analyzer queries: hash key `scan_date`.
    public static let scanIndexName = "scan_date-index"

    /// Hash key of every scan-summary item; the range key orders them by scan start, so the newest scan is the
    /// first item of a descending `Query`.
    public static let scanSummaryPartition = "inventory#scan-summary"
    /// Hash key of every analysis-summary page; see `AnalysisSummary`.
    public static let analysisSummaryPartition = "inventory#analysis-summary"
}

extension ItemKeys {
    /// True for the attributes every resource item has in common (as opposed to its kind's own attributes).
    /// Called for each of a scan's million-odd attributes: names of another length are ruled out without comparing
    /// them (comparing two different short strings takes Swift's slow path).
    public static func isCommon(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: name == ItemKeys.name || name == tags
        case 5: name == state
        case 6: name == region
        case 9: name == timestamp || name == scanDate
        case 10: name == accountID || name == expiresAt
        case 11: name == resourceID
        case 13: name == resourceType
        default: false
        }
    }
}
