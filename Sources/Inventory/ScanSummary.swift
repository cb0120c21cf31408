import Foundation

/// The record of one collector run, so that a partial scan is never mistaken for a complete one.
///
/// Stored as one item under the hash key `inventory#scan-summary` with the scan start as `timestamp`; a
/// descending `Query` on that partition lists scans newest first (no table `Scan` needed to find the latest).
public struct ScanSummary: Sendable, Hashable {
    /// One failure of a service in a region (or an account) during the scan.
    public struct ServiceError: Sendable, Hashable, Codable {
        /// `ec2`, `rds`, `s3`, `lambda`, `eks`, …
        public var service: String
        /// The region, or `global` for S3's listing.
        public var region: String
        /// The AWS error code or a short description (`AccessDenied`, `Throttling`, …).
        public var message: String

        public init(service: String, region: String, message: String) {
            self.service = service
            self.region = region
            self.message = message
        }

        /// The key of the stored `errors` map: `service:region`.
        public var key: String { service + ":" + region }
    }

    /// Live end-of-support dates of one EKS Kubernetes version (`eks:DescribeClusterVersions`).
    public struct EKSVersionLifecycle: Sendable, Hashable, Codable {
        public var endOfStandardSupport: Date?
        public var endOfExtendedSupport: Date?
        /// `UNSUPPORTED`, `STANDARD_SUPPORT` or `EXTENDED_SUPPORT`.
        public var status: String?

        public init(endOfStandardSupport: Date?, endOfExtendedSupport: Date?, status: String? = nil) {
            self.endOfStandardSupport = endOfStandardSupport
            self.endOfExtendedSupport = endOfExtendedSupport
            self.status = status
        }
    }

    /// Live support dates of one RDS engine major version (`rds:DescribeDBMajorEngineVersions`).
    public struct RDSEngineLifecycle: Sendable, Hashable, Codable {
        /// End of `open-source-rds-standard-support`.
        public var endOfStandardSupport: Date?
        /// End of `open-source-rds-extended-support` (absent for engines without Extended Support).
        public var endOfExtendedSupport: Date?

        public init(endOfStandardSupport: Date?, endOfExtendedSupport: Date?) {
            self.endOfStandardSupport = endOfStandardSupport
            self.endOfExtendedSupport = endOfExtendedSupport
        }
    }

    /// `scan_id` and `timestamp`.
    public var scan: ScanKey
    /// `finished_at`.
    public var finishedAt: Date?
    /// `complete`: every service in every region and account was listed without error.
    public var complete: Bool
    /// `counts`: resource type → region → number of items written.
    public var counts: [ResourceType: [String: Int]]
    /// `errors`: what failed.
    public var errors: [ServiceError]
    /// `regions`: the regions the scan covered.
    public var regions: [String]
    /// `eks_versions`: Kubernetes version (`1.31`) → live dates.
    public var eksVersions: [String: EKSVersionLifecycle]
    /// `rds_engine_lifecycles`: `<engine>:<major version>` (e.g. `mysql:8.0`, `aurora-postgresql:13`) → live dates.
    public var rdsEngineLifecycles: [String: RDSEngineLifecycle]
    /// `expires_at`.
    public var expiresAt: Date?

    public init(scan: ScanKey, finishedAt: Date? = nil, complete: Bool, counts: [ResourceType: [String: Int]] = [:],
                errors: [ServiceError] = [], regions: [String] = [],
                eksVersions: [String: EKSVersionLifecycle] = [:],
                rdsEngineLifecycles: [String: RDSEngineLifecycle] = [:], expiresAt: Date? = nil) {
        self.scan = scan
        self.finishedAt = finishedAt
        self.complete = complete
        self.counts = counts
        self.errors = errors
        self.regions = regions
        self.eksVersions = eksVersions
        self.rdsEngineLifecycles = rdsEngineLifecycles
        self.expiresAt = expiresAt
    }

    /// The total number of resources the scan stored.
    public var totalResources: Int { counts.values.reduce(0) { $0 + $1.values.reduce(0, +) } }

    /// The `resource_type` value of summary items.
    public static let recordType = "inventory.scan-summary"

    /// The flat attribute map to store.
    public var attributes: AttributeMap {
        var map = AttributeMap()
        map.set(ItemKeys.resourceID, ItemKeys.scanSummaryPartition)
        map.set(ItemKeys.timestamp, scan.timestamp)
        map.set(ItemKeys.scanID, scan.id)
        map.set(ItemKeys.resourceType, Self.recordType)
        map.set("finished_at", finishedAt)
        map.set("complete", complete)
        map["counts"] = .map(Dictionary(uniqueKeysWithValues: counts.map { type, regions in
            (type.rawValue, ItemValue.map(regions.mapValues { .number(Double($0)) }))
        }))
        map.set("errors", Dictionary(errors.map { ($0.key, $0.message) }) { first, second in first + "; " + second })
        map.set("regions", regions)
        map["eks_versions"] = .map(eksVersions.mapValues { lifecycle in
            var entry = AttributeMap()
            entry.set("end_of_standard_support", lifecycle.endOfStandardSupport)
            entry.set("end_of_extended_support", lifecycle.endOfExtendedSupport)
            entry.set("status", lifecycle.status)
            return .map(entry.values)
        })
        map["rds_engine_lifecycles"] = .map(rdsEngineLifecycles.mapValues { lifecycle in
            var entry = AttributeMap()
            entry.set("end_of_standard_support", lifecycle.endOfStandardSupport)
            entry.set("end_of_extended_support", lifecycle.endOfExtendedSupport)
            return .map(entry.values)
        })
        map.set(ItemKeys.expiresAt, expiresAt.map { Int($0.timeIntervalSince1970.rounded(.down)) })
        return map
    }

    /// Reads a stored scan summary.
    public init(attributes map: AttributeMap) throws {
        let type = try map.requiredString(ItemKeys.resourceType)
        guard type == Self.recordType else {
            throw InventoryError(.unknownResourceType, attribute: ItemKeys.resourceType,
                                 "expected '\(Self.recordType)', found '\(type)'")
        }
        let timestamp = try map.requiredString(ItemKeys.timestamp)
        guard let startedAt = Timestamp.parse(timestamp) else {
            throw InventoryError(.invalidDate, attribute: ItemKeys.timestamp, "'\(timestamp)' is not ISO 8601 UTC")
        }
        scan = ScanKey(id: try map.requiredString(ItemKeys.scanID), startedAt: startedAt)
        finishedAt = try map.date("finished_at")
        complete = try map.requiredBool("complete")
        let rawCounts = try Self.nested(map, "counts") { entry in
            try Dictionary(uniqueKeysWithValues: entry.values.keys.map { region in
                (region, try entry.requiredInt(region))
            })
        }
        var counts: [ResourceType: [String: Int]] = [:]
        for (typeName, regions) in rawCounts {
            guard let type = ResourceType(rawValue: typeName) else {
                throw InventoryError(.unknownResourceType, attribute: "counts.\(typeName)", "unknown resource type")
            }
            counts[type] = regions
        }
        self.counts = counts
        errors = try (map.stringMap("errors") ?? [:]).sorted { $0.key < $1.key }.map { key, message in
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            return ServiceError(service: parts[0], region: parts.count > 1 ? parts[1] : "", message: message)
        }
        regions = try map.stringList("regions") ?? []
        eksVersions = try Self.nested(map, "eks_versions") { entry in
            EKSVersionLifecycle(endOfStandardSupport: try entry.date("end_of_standard_support"),
                                endOfExtendedSupport: try entry.date("end_of_extended_support"),
                                status: try entry.string("status"))
        }
        rdsEngineLifecycles = try Self.nested(map, "rds_engine_lifecycles") { entry in
            RDSEngineLifecycle(endOfStandardSupport: try entry.date("end_of_standard_support"),
                               endOfExtendedSupport: try entry.date("end_of_extended_support"))
        }
        expiresAt = try map.double(ItemKeys.expiresAt).map { Date(timeIntervalSince1970: $0) }
    }

    private static func nested<T>(_ map: AttributeMap, _ name: String,
                                  _ read: (AttributeMap) throws -> T) throws -> [String: T] {
        var result: [String: T] = [:]
        for (key, value) in try map.map(name) ?? [:] {
            guard case .map(let entry) = value else {
                throw InventoryError(.wrongType, attribute: "\(name).\(key)",
                                     "expected type M, found \(value.typeName)")
            }
            result[key] = try read(AttributeMap(entry))
        }
        return result
    }
}
