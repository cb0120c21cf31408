import Inventory

/// `cmp.rds.backup-retention`: automated backup retention below 7 days (Steampipe Compliance
/// `rds_db_instance_backup_retention_period_less_than_7`); 0 days (backups off) is high, 1–6 medium.
public struct RDSBackupRetentionRule: Rule {
    public let id = FindingID.rdsBackupRetention
    /// The minimum retention in days.
    public static let minimumDays = 7
    public init() {}

    public func evaluate(in context: RuleContext) -> [Finding] {
        context.databases.compactMap { item, database in
            let days = database.backupRetentionDays
            guard days < Self.minimumDays else { return nil }
            return Finding(id: id, severity: days == 0 ? .high : .medium, item: item,
                           evidence: days == 0 ? "automated backups are disabled (retention 0 days)"
                               : "backup retention \(days) day\(days == 1 ? "" : "s") (< \(Self.minimumDays))",
                           recommendation: "Set the backup retention period to at least \(Self.minimumDays) days")
        }
    }
}
