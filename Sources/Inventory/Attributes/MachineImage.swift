import Foundation

/// An AMI owned by the account (`ec2.ami`). The image state (`available`, …) is the common `state`.
public struct MachineImage: ResourceAttributes {
    public static let resourceType = ResourceType.ami

    /// `image_id`, e.g. `ami-0123…`.
    public var imageID: String
    /// `creation_date`.
    public var creationDate: Date?
    /// `deprecation_time`: when AWS marks (or marked) the image deprecated.
    public var deprecationTime: Date?
    /// `snapshot_ids`: the EBS snapshots behind its block device mappings (they cost while the AMI exists).
    public var snapshotIDs: [String]

    public init(imageID: String, creationDate: Date? = nil, deprecationTime: Date? = nil, snapshotIDs: [String] = []) {
        self.imageID = imageID
        self.creationDate = creationDate
        self.deprecationTime = deprecationTime
        self.snapshotIDs = snapshotIDs
    }

    public func encode(into map: inout AttributeMap) {
        map.set("image_id", imageID)
        map.set("creation_date", creationDate)
        map.set("deprecation_time", deprecationTime)
        map.set("snapshot_ids", snapshotIDs)
    }

    public init(decoding map: AttributeMap) throws {
        imageID = try map.requiredString("image_id")
        creationDate = try map.date("creation_date")
        deprecationTime = try map.date("deprecation_time")
        snapshotIDs = try map.stringList("snapshot_ids") ?? []
    }
}
