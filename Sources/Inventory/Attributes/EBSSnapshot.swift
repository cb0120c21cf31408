import Foundation

/// An EBS snapshot owned by the account (`ebs.snapshot`). Its state (`completed`, …) is the common `state`.
public struct EBSSnapshot: ResourceAttributes {
    public static let resourceType = ResourceType.ebsSnapshot

    /// `snapshot_id`, e.g. `snap-0123…`.
    public var snapshotID: String
    /// `volume_size_gib`: the source volume's size (AWS does not expose the snapshot's billed size).
    public var volumeSizeGiB: Int
    /// `start_time`: when the snapshot was taken.
    public var startTime: Date
    /// `volume_id`: the source volume (it may no longer exist).
    public var sourceVolumeID: String?
    /// `encrypted`.
    public var encrypted: Bool
    /// `storage_tier`: `standard` or `archive`.
    public var storageTier: String?

    public init(snapshotID: String, volumeSizeGiB: Int, startTime: Date, sourceVolumeID: String? = nil,
                encrypted: Bool, storageTier: String? = nil) {
        self.snapshotID = snapshotID
        self.volumeSizeGiB = volumeSizeGiB
        self.startTime = startTime
        self.sourceVolumeID = sourceVolumeID
        self.encrypted = encrypted
        self.storageTier = storageTier
    }

    public func encode(into map: inout AttributeMap) {
        map.set("snapshot_id", snapshotID)
        map.set("volume_size_gib", volumeSizeGiB)
        map.set("start_time", startTime)
        map.set("volume_id", sourceVolumeID)
        map.set("encrypted", encrypted)
        map.set("storage_tier", storageTier)
    }

    public init(decoding map: AttributeMap) throws {
        snapshotID = try map.requiredString("snapshot_id")
        volumeSizeGiB = try map.requiredInt("volume_size_gib")
        startTime = try map.requiredDate("start_time")
        sourceVolumeID = try map.string("volume_id")
        encrypted = try map.requiredBool("encrypted")
        storageTier = try map.string("storage_tier")
    }
}
