import Foundation

/// One resource as one scan saw it: one DynamoDB item of the `aws-inventory` table.
///
/// Common attributes are typed here; the kind's attributes live in `details`. `attributes` and
/// `init(attributes:)` convert to and from the flat map documented in `docs/inventory-schema.md`.
public struct InventoryItem: Sendable, Hashable {
    /// The item's values. Kept in a copy-on-write box: items are copied far more often than changed (kind views,
    /// findings, one pass per rule over 100,000 items), and a copy is then one reference count rather than one per
    /// string field. Setters copy the box first when it is shared, so items behave exactly like plain structs.
    struct Fields: Sendable, Hashable {
        var resourceID: String
        var scan: ScanKey
        var region: String
        var accountID: String
        var name: String?
        var state: String?
        var tags: [String: String]
        var expiresAt: Date?
        var details: ResourceDetails
    }

    /// `@unchecked Sendable`: the box is only mutated through `update`, i.e. while exactly one item value owns it,
    /// so no other thread can observe the mutation (the copy-on-write invariant).
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    private mutating func update(_ change: (inout Fields) -> Void) {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        change(&box.fields)
    }

    /// `resource_id`: the ARN where the resource has one (S3 buckets: `arn:aws:s3:::name`).
    public var resourceID: String {
        get { box.fields.resourceID }
        set { update { $0.resourceID = newValue } }
    }
    /// The scan that saw it (`timestamp` and `scan_date`).
    public var scan: ScanKey {
        get { box.fields.scan }
        set { update { $0.scan = newValue } }
    }
    /// `region`: the resource's region (S3: the bucket's region).
    public var region: String {
        get { box.fields.region }
        set { update { $0.region = newValue } }
    }
    /// `account_id`.
    public var accountID: String {
        get { box.fields.accountID }
        set { update { $0.accountID = newValue } }
    }
    /// `name`: the `Name` tag, or the resource's own name (bucket, function, cluster, DB identifier).
    public var name: String? {
        get { box.fields.name }
        set { update { $0.name = newValue } }
    }
    /// `state`: the resource's state as AWS reports it (`running`, `available`, `in-use`, `ACTIVE`, …).
    public var state: String? {
        get { box.fields.state }
        set { update { $0.state = newValue } }
    }
    /// `tags`: every tag, key to value.
    public var tags: [String: String] {
        get { box.fields.tags }
        set { update { $0.tags = newValue } }
    }
    /// `expires_at`: when DynamoDB TTL may delete the item.
    public var expiresAt: Date? {
        get { box.fields.expiresAt }
        set { update { $0.expiresAt = newValue } }
    }
    /// The kind-specific attributes.
    public var details: ResourceDetails {
        get { box.fields.details }
        set { update { $0.details = newValue } }
    }

    /// `resource_type`.
    public var resourceType: ResourceType { box.fields.details.resourceType }

    public init(resourceID: String, scan: ScanKey, region: String, accountID: String, name: String? = nil,
                state: String? = nil, tags: [String: String] = [:], expiresAt: Date? = nil,
                details: ResourceDetails) {
        box = Box(Fields(resourceID: resourceID, scan: scan, region: region, accountID: accountID, name: name,
                         state: state, tags: tags, expiresAt: expiresAt, details: details))
    }

    public static func == (lhs: InventoryItem, rhs: InventoryItem) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
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
        var cache: ScanKeyCache?
        try self.init(attributes: map, cache: &cache)
    }

    /// Reads the items of a query result. All items of one scan share their `scan_date` and `timestamp`, so the
    /// scan key is parsed once per page rather than once per item.
    public static func decode(_ maps: some Sequence<AttributeMap>) throws -> [InventoryItem] {
        var cache: ScanKeyCache?
        var items: [InventoryItem] = []
        items.reserveCapacity(maps.underestimatedCount)
        for map in maps { items.append(try InventoryItem(attributes: map, cache: &cache)) }
        return items
    }

    /// The last scan key parsed, with the attribute texts it came from.
    struct ScanKeyCache {
        var scanDate: String
        var timestamp: String
        var key: ScanKey
    }

    init(attributes map: AttributeMap, cache: inout ScanKeyCache?) throws {
        let typeName = try map.requiredString(ItemKeys.resourceType)
        guard let type = ResourceType(rawValue: typeName) else {
            throw InventoryError(.unknownResourceType, attribute: ItemKeys.resourceType,
                                 "'\(typeName)' is not a known resource type")
        }
        let resourceID = try map.requiredString(ItemKeys.resourceID)
        let scanDate = try map.requiredString(ItemKeys.scanDate)
        let scan: ScanKey
        let timestamp = try map.requiredString(ItemKeys.timestamp)
        if let cached = cache, cached.scanDate == scanDate, cached.timestamp == timestamp {
            scan = cached.key
        } else {
            scan = try ScanKey(scanDate: scanDate, timestamp: timestamp)
            cache = ScanKeyCache(scanDate: scanDate, timestamp: timestamp, key: scan)
        }
        let region = try map.requiredString(ItemKeys.region)
        let accountID = try map.requiredString(ItemKeys.accountID)
        let name = try map.string(ItemKeys.name)
        let state = try map.string(ItemKeys.state)
        let tags = try map.stringMap(ItemKeys.tags) ?? [:]
        let expiresAt = try map.double(ItemKeys.expiresAt).map { Date(timeIntervalSince1970: $0) }
        self.init(resourceID: resourceID, scan: scan, region: region, accountID: accountID, name: name,
                  state: state, tags: tags, expiresAt: expiresAt,
                  details: try ResourceDetails(type: type, decoding: map))
    }
}
