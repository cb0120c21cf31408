import Inventory

/// `cmp.rds.unencrypted`: a DB instance without storage encryption (AWS Config `rds-storage-encrypted`).
public struct RDSEncryptionRule: Rule {
    public let id = FindingID.rdsUnencrypted
    public init() {}

    /// Shared by every finding of the rule (one string, not one per finding).
    static let recommendation = "Restore an encrypted copy of a snapshot and switch over; encryption cannot "
        + "be enabled in place"

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.databases.compactMap { item, database in
            guard !database.storageEncrypted else { return nil }
            return Finding(id: id, severity: .high, item: item, evidence: "storage is not encrypted at rest",
                           recommendation: Self.recommendation)
        }
    }
}
