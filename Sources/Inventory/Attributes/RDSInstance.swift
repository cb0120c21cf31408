import Foundation

/// An RDS DB instance (`rds.instance`). Its status (`available`, `stopped`, …) is the common `state`.
public struct RDSInstance: ResourceAttributes {
    public static let resourceType = ResourceType.rdsInstance

    /// `engine`: `mysql`, `postgres`, `mariadb`, `aurora-mysql`, `aurora-postgresql`, `oracle-ee`, …
    public var engine: String
    /// `engine_version`, e.g. `8.0.35`, `13.7`, `5.7.mysql_aurora.2.11.2`.
    public var engineVersion: String
    /// `db_instance_class`, e.g. `db.m5.large`.
    public var instanceClass: String
    /// `multi_az`.
    public var multiAZ: Bool
    /// `backup_retention_period` in days (0 = automated backups off).
    public var backupRetentionDays: Int
    /// `storage_encrypted`.
    public var storageEncrypted: Bool
    /// `storage_type`: `gp2`, `gp3`, `io1`, `aurora`, …
    public var storageType: String?
    /// `allocated_storage_gib`.
    public var allocatedStorageGiB: Int?

    public init(engine: String, engineVersion: String, instanceClass: String, multiAZ: Bool, backupRetentionDays: Int,
                storageEncrypted: Bool, storageType: String? = nil, allocatedStorageGiB: Int? = nil) {
        self.engine = engine
        self.engineVersion = engineVersion
        self.instanceClass = instanceClass
        self.multiAZ = multiAZ
        self.backupRetentionDays = backupRetentionDays
        self.storageEncrypted = storageEncrypted
        self.storageType = storageType
        self.allocatedStorageGiB = allocatedStorageGiB
    }

    public func encode(into map: inout AttributeMap) {
        map.set("engine", engine)
        map.set("engine_version", engineVersion)
        map.set("db_instance_class", instanceClass)
        map.set("multi_az", multiAZ)
        map.set("backup_retention_period", backupRetentionDays)
        map.set("storage_encrypted", storageEncrypted)
        map.set("storage_type", storageType)
        map.set("allocated_storage_gib", allocatedStorageGiB)
    }

    public init(decoding map: AttributeMap) throws {
        engine = try map.requiredString("engine")
        engineVersion = try map.requiredString("engine_version")
        instanceClass = try map.requiredString("db_instance_class")
        multiAZ = try map.requiredBool("multi_az")
        backupRetentionDays = try map.requiredInt("backup_retention_period")
        storageEncrypted = try map.requiredBool("storage_encrypted")
        storageType = try map.string("storage_type")
        allocatedStorageGiB = try map.int("allocated_storage_gib")
    }
}
