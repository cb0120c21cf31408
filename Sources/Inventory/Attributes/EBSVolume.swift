import Foundation

/// An EBS volume (`ebs.volume`). The volume state (`available`, `in-use`, …) is the common `state` attribute.
public struct EBSVolume: ResourceAttributes {
    public static let resourceType = ResourceType.ebsVolume

    /// `volume_id`, e.g. `vol-0123…`.
    public var volumeID: String
    /// `volume_type`: `gp2`, `gp3`, `io1`, `io2`, `st1`, `sc1` or `standard`.
    public var volumeType: String
    /// `size_gib`.
    public var sizeGiB: Int
    /// `iops`: provisioned (io1/io2/gp3) or baseline (gp2) IOPS, when AWS reports them.
    public var iops: Int?
    /// `throughput_mibps`: gp3 provisioned throughput.
    public var throughputMiBps: Int?
    /// `attached_instance_ids`: the instances it is attached to (empty when unattached).
    public var attachedInstanceIDs: [String]
    /// `encrypted`.
    public var encrypted: Bool
    /// `create_time`.
    public var createTime: Date?

    public init(volumeID: String, volumeType: String, sizeGiB: Int, iops: Int? = nil, throughputMiBps: Int? = nil,
                attachedInstanceIDs: [String] = [], encrypted: Bool, createTime: Date? = nil) {
        self.volumeID = volumeID
        self.volumeType = volumeType
        self.sizeGiB = sizeGiB
        self.iops = iops
        self.throughputMiBps = throughputMiBps
        self.attachedInstanceIDs = attachedInstanceIDs
        self.encrypted = encrypted
        self.createTime = createTime
    }

    public func encode(into map: inout AttributeMap) {
        map.set("volume_id", volumeID)
        map.set("volume_type", volumeType)
        map.set("size_gib", sizeGiB)
        map.set("iops", iops)
        map.set("throughput_mibps", throughputMiBps)
        map.set("attached_instance_ids", attachedInstanceIDs)
        map.set("encrypted", encrypted)
        map.set("create_time", createTime)
    }

    public init(decoding map: AttributeMap) throws {
        volumeID = try map.requiredString("volume_id")
        volumeType = try map.requiredString("volume_type")
        sizeGiB = try map.requiredInt("size_gib")
        iops = try map.int("iops")
        throughputMiBps = try map.int("throughput_mibps")
        attachedInstanceIDs = try map.stringList("attached_instance_ids") ?? []
        encrypted = try map.requiredBool("encrypted")
        createTime = try map.date("create_time")
    }
}
