import Foundation

/// One resource as one scan saw it: one DynamoDB item of the `aws-inventory` table.
///
/// Common attributes are typed here; the kind's attributes live in `details`. `attributes` and
/// `init(attributes:)` convert to and from the flat map documented in `docs/inventory-schema.md`.
public struct InventoryItem: Sendable, Hashable {
    /// The item's values, in a `CopyOnWrite` box: items are copied far more often than changed (kind views,
    /// findings, one pass per rule over 100,000 items).
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

    private var fields: CopyOnWrite<Fields>

    /// `resource_id`: the ARN where the resource has one (S3 buckets: `arn:aws:s3:::name`).
    public var resourceID: String {
        get { fields.value.resourceID }
        set { fields.update { $0.resourceID = newValue } }
    }
    /// The scan that saw it (`timestamp` and `scan_date`).
    public var scan: ScanKey {
        get { fields.value.scan }
        set { fields.update { $0.scan = newValue } }
    }
    /// `region`: the resource's region (S3: the bucket's region).
    public var region: String {
        get { fields.value.region }
        set { fields.update { $0.region = newValue } }
    }
    /// `account_id`.
    public var accountID: String {
        get { fields.value.accountID }
        set { fields.update { $0.accountID = newValue } }
    }
    /// `name`: the `Name` tag, or the resource's own name (bucket, function, cluster, DB identifier).
    public var name: String? {
        get { fields.value.name }
        set { fields.update { $0.name = newValue } }
    }
    /// `state`: the resource's state as AWS reports it (`running`, `available`, `in-use`, `ACTIVE`, …).
    public var state: String? {
        get { fields.value.state }
        set { fields.update { $0.state = newValue } }
    }
    /// `tags`: every tag, key to value.
    public var tags: [String: String] {
        get { fields.value.tags }
        set { fields.update { $0.tags = newValue } }
    }
    /// `expires_at`: when DynamoDB TTL may delete the item.
    public var expiresAt: Date? {
        get { fields.value.expiresAt }
        set { fields.update { $0.expiresAt = newValue } }
    }
    /// The kind-specific attributes.
    public var details: ResourceDetails {
        get { fields.value.details }
        set { fields.update { $0.details = newValue } }
    }

    /// `resource_type`.
    public var resourceType: ResourceType { fields.value.details.resourceType }

    public init(resourceID: String, scan: ScanKey, region: String, accountID: String, name: String? = nil,
                state: String? = nil, tags: [String: String] = [:], expiresAt: Date? = nil,
                details: ResourceDetails) {
        fields = CopyOnWrite(Fields(resourceID: resourceID, scan: scan, region: region, accountID: accountID, name: name,
                         state: state, tags: tags, expiresAt: expiresAt, details: details))
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
        try self.init(common: map, details: map, tags: nil, cache: &cache)
    }

    /// Reads an item whose common attributes (`ItemKeys`) are in `map` and whose kind's attributes are in
    /// `details` (the same map, or two maps when an `InventoryItemDecoder` split them while reading); `tags`, when
    /// given, were read as strings already and replace the map's.
    init(common map: AttributeMap, details: AttributeMap, tags readTags: [String: String]?,
         cache: inout ScanKeyCache?) throws {
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
        let tags = try readTags ?? map.stringMap(ItemKeys.tags) ?? [:]
        let expiresAt = try map.double(ItemKeys.expiresAt).map { Date(timeIntervalSince1970: $0) }
        self.init(resourceID: resourceID, scan: scan, region: region, accountID: accountID, name: name,
                  state: state, tags: tags, expiresAt: expiresAt,
                  details: try ResourceDetails(type: type, decoding: details))
    }
}
