import Foundation

/// One resource as one scan saw it: one DynamoDB item of the `aws-inventory` table.
///
/// Common attributes are typed here; the kind's attributes live in `details`. `attributes` and
/// `init(attributes:)` convert to and from the flat map documented in `docs/inventory-schema.md`.
public struct InventoryItem: Sendable, Hashable {
    /// `resource_id`: the ARN where the resource has one (S3 buckets: `arn:aws:s3:::name`).
    public var resourceID: String
    /// The scan that saw it (`timestamp` and `scan_date`).
    public var scan: ScanKey
    /// `region`: the resource's region (S3: the bucket's region).
    public var region: String
    /// `account_id`.
    public var accountID: String
    /// `name`: the `Name` tag, or the resource's own name (bucket, function, cluster, DB identifier).
    public var name: String?
    /// `state`: the resource's state as AWS reports it (`running`, `available`, `in-use`, `ACTIVE`, …).
    public var state: String?
    /// `tags`: every tag, key to value.
    public var tags: [String: String]
    /// `expires_at`: when DynamoDB TTL may delete the item.
    public var expiresAt: Date?
    /// The kind-specific attributes.
    public var details: ResourceDetails

    /// `resource_type`.
    public var resourceType: ResourceType { details.resourceType }

    public init(resourceID: String, scan: ScanKey, region: String, accountID: String, name: String? = nil,
                state: String? = nil, tags: [String: String] = [:], expiresAt: Date? = nil,
                details: ResourceDetails) {
        self.resourceID = resourceID
        self.scan = scan
        self.region = region
        self.accountID = accountID
        self.name = name
        self.state = state
        self.tags = tags
        self.expiresAt = expiresAt
        self.details = details
    }

    /// The flat attribute map to store.
    public var attributes: AttributeMap {
        var map = AttributeMap()
        map.set(ItemKeys.resourceID, resourceID)
        map.set(ItemKeys.timestamp, scan.timestamp)
        map.set(ItemKeys.scanDate, scan.scanDate)
        map.set(ItemKeys.resourceType, resourceType.rawValue)
        map.set(ItemKeys.region, region)
        map.set(ItemKeys.accountID, accountID)
        map.set(ItemKeys.name, name)
        map.set(ItemKeys.state, state)
        map.set(ItemKeys.tags, tags)
        map.set(ItemKeys.expiresAt, expiresAt.map { Int($0.timeIntervalSince1970.rounded(.down)) })
        details.attributes.encode(into: &map)
        return map
    }

    /// Reads a stored item.
    public init(attributes map: AttributeMap) throws {
        let typeName = try map.required(ItemKeys.resourceType, map.string)
        guard let type = ResourceType(rawValue: typeName) else {
            throw InventoryError(.unknownResourceType, attribute: ItemKeys.resourceType,
                                 "'\(typeName)' is not a known resource type")
        }
        resourceID = try map.required(ItemKeys.resourceID, map.string)
        scan = try ScanKey(scanDate: try map.required(ItemKeys.scanDate, map.string),
                           timestamp: try map.required(ItemKeys.timestamp, map.string))
        region = try map.required(ItemKeys.region, map.string)
        accountID = try map.required(ItemKeys.accountID, map.string)
        name = try map.string(ItemKeys.name)
        state = try map.string(ItemKeys.state)
        tags = try map.stringMap(ItemKeys.tags) ?? [:]
        expiresAt = try map.double(ItemKeys.expiresAt).map { Date(timeIntervalSince1970: $0) }
        details = try ResourceDetails(type: type, decoding: map)
    }
}
