import Inventory

/// `cmp.rds.unencrypted`: a DB instance without storage encryption (AWS Config `rds-storage-encrypted`).
public struct RDSEncryptionRule: Rule {
    public let id = FindingID.rdsUnencrypted
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.databases.compactMap { item, database in
            guard !database.storageEncrypted else { return nil }
            return Finding(id: id, severity: .high, item: item, evidence: "storage is not encrypted at rest",
                           recommendation: "Restore an encrypted copy of a snapshot and switch over; encryption cannot "
                               + "be enabled in place")
        }
    }
}
