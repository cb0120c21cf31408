import Foundation
import Inventory

/// Everything a rule may read: the scan's items grouped by kind, cross-references, history, dates, prices,
/// configuration and the injected "now". Built once per analysis so each rule is a single pass over its kind.
public struct RuleContext: Sendable {
    public let now: Date
    public let configuration: AnalyzerConfiguration
    public let history: ResourceHistory
    public let lifecycles: LifecycleCatalog
    public let prices: PriceData
    /// All items of the scan.
    public let items: [InventoryItem]

    public let instances: [(item: InventoryItem, instance: EC2Instance)]
    public let volumes: [(item: InventoryItem, volume: EBSVolume)]
    public let snapshots: [(item: InventoryItem, snapshot: EBSSnapshot)]
    public let images: [(item: InventoryItem, image: MachineImage)]
    public let databases: [(item: InventoryItem, database: RDSInstance)]
    public let buckets: [(item: InventoryItem, bucket: S3Bucket)]
    public let functions: [(item: InventoryItem, function: LambdaFunction)]
    public let clusters: [(item: InventoryItem, cluster: EKSCluster)]

    /// Volumes by the instance id they are attached to.
    public let volumesByInstance: [String: [EBSVolume]]
    /// AMI ids some instance of the scan was launched from.
    public let imagesInUse: Set<String>
    /// Snapshot ids behind some AMI of the scan.
    public let snapshotsOfImages: Set<String>
    /// Snapshots by id.
    public let snapshotsByID: [String: EBSSnapshot]
    /// Ids of the volumes in the scan.
    public let volumeIDs: Set<String>

    public init(items: [InventoryItem], now: Date, configuration: AnalyzerConfiguration,
                history: ResourceHistory = ResourceHistory(),
                lifecycles: LifecycleCatalog = LifecycleCatalog(scanSummary: nil),
                prices: PriceData = .bundled) {
        self.items = items
        self.now = now
        self.configuration = configuration
        self.history = history
        self.lifecycles = lifecycles
        self.prices = prices
        var instances: [(item: InventoryItem, instance: EC2Instance)] = []
        var volumes: [(item: InventoryItem, volume: EBSVolume)] = []
        var snapshots: [(item: InventoryItem, snapshot: EBSSnapshot)] = []
        var images: [(item: InventoryItem, image: MachineImage)] = []
        var databases: [(item: InventoryItem, database: RDSInstance)] = []
        var buckets: [(item: InventoryItem, bucket: S3Bucket)] = []
        var functions: [(item: InventoryItem, function: LambdaFunction)] = []
        var clusters: [(item: InventoryItem, cluster: EKSCluster)] = []
        for item in items {
            switch item.details {
            case .ec2Instance(let value): instances.append((item, value))
            case .ebsVolume(let value): volumes.append((item, value))
            case .ebsSnapshot(let value): snapshots.append((item, value))
            case .ami(let value): images.append((item, value))
            case .rdsInstance(let value): databases.append((item, value))
            case .s3Bucket(let value): buckets.append((item, value))
            case .lambdaFunction(let value): functions.append((item, value))
            case .eksCluster(let value): clusters.append((item, value))
            }
        }
        var volumesByInstance: [String: [EBSVolume]] = [:]
        for (_, volume) in volumes {
            for instanceID in volume.attachedInstanceIDs { volumesByInstance[instanceID, default: []].append(volume) }
        }
        self.instances = instances
        self.volumes = volumes
        self.snapshots = snapshots
        self.images = images
        self.databases = databases
        self.buckets = buckets
        self.functions = functions
        self.clusters = clusters
        self.volumesByInstance = volumesByInstance
        imagesInUse = Set(instances.compactMap(\.instance.imageID))
        snapshotsOfImages = Set(images.flatMap(\.image.snapshotIDs))
        volumeIDs = Set(volumes.map(\.volume.volumeID))
        snapshotsByID = Dictionary(snapshots.map { ($0.snapshot.snapshotID, $0.snapshot) }) { first, _ in first }
    }

    /// Whole days from `date` to now (negative when `date` is in the future).
    public func days(since date: Date) -> Int { Timestamp.wholeDays(from: date, to: now) }

    /// Whole days from now to `date` (negative when `date` is past).
    public func days(until date: Date) -> Int { Timestamp.wholeDays(from: now, to: date) }

    /// True when at least `days` whole days have passed since `date` (the exact boundary counts).
    public func atLeast(_ days: Int, daysSince date: Date) -> Bool {
        now.timeIntervalSince(date) >= Double(days) * 86_400
    }

    /// True when `date` is at most `days` days ahead (or already past).
    public func within(_ days: Int, daysOf date: Date) -> Bool {
        date.timeIntervalSince(now) <= Double(days) * 86_400
    }
}

/// Formatting shared by rules' evidence text.
enum Evidence {
    static func day(_ date: Date) -> String { Timestamp.formatDay(date) }

    static func usd(_ amount: Double) -> String {
        let cents = (amount * 100).rounded()
        let whole = Int(cents / 100), fraction = Int(abs(cents).truncatingRemainder(dividingBy: 100))
        return "$\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
