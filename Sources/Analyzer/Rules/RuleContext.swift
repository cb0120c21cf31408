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

    public let instances: KindView<EC2Instance>
    public let volumes: KindView<EBSVolume>
    public let snapshots: KindView<EBSSnapshot>
    public let images: KindView<MachineImage>
    public let databases: KindView<RDSInstance>
    public let buckets: KindView<S3Bucket>
    public let functions: KindView<LambdaFunction>
    public let clusters: KindView<EKSCluster>

    /// Volumes by the instance id they are attached to.
    public let volumesByInstance: [String: [EBSVolume]]
    /// AMI ids some instance of the scan was launched from.
    public let imagesInUse: Set<String>
    /// Snapshot ids behind some AMI of the scan.
    public let snapshotsOfImages: Set<String>
    /// Snapshots by id.
    public let snapshotsByID: [String: EBSSnapshot]
    /// `service:region` of what failed during the scan (from the scan summary), for rules whose absence-based
    /// logic would be wrong where a listing is missing.
    public let failedServices: Set<String>
    /// Ids of the volumes in the scan.
    public let volumeIDs: Set<String>

    public init(items: [InventoryItem], now: Date, configuration: AnalyzerConfiguration,
                history: ResourceHistory = ResourceHistory(),
                lifecycles: LifecycleCatalog = LifecycleCatalog(scanSummary: nil),
                prices: PriceData = .bundled, failedServices: Set<String> = []) {
        self.failedServices = failedServices
        self.items = items
        self.now = now
        self.configuration = configuration
        self.history = history
        self.lifecycles = lifecycles
        self.prices = prices
        // One pass: per-kind positions and typed values (the items themselves are not copied: the context adds a
        // few megabytes, not a second estate), and the cross-references, reading each item's details once rather
        // than once per rule.
        var instances = KindView<EC2Instance>.Builder(), volumes = KindView<EBSVolume>.Builder()
        var snapshots = KindView<EBSSnapshot>.Builder(), images = KindView<MachineImage>.Builder()
        var databases = KindView<RDSInstance>.Builder(), buckets = KindView<S3Bucket>.Builder()
        var functions = KindView<LambdaFunction>.Builder(), clusters = KindView<EKSCluster>.Builder()
        var volumesByInstance: [String: [EBSVolume]] = [:]
        var imagesInUse = Set<String>(), snapshotsOfImages = Set<String>(), volumeIDs = Set<String>()
        var snapshotsByID: [String: EBSSnapshot] = [:]
        for (index, item) in items.enumerated() {
            switch item.details {
            case .ec2Instance(let instance):
                instances.append(index, instance)
                if let image = instance.imageID { imagesInUse.insert(image) }
            case .ebsVolume(let volume):
                volumes.append(index, volume)
                volumeIDs.insert(volume.volumeID)
                for instanceID in volume.attachedInstanceIDs {
                    volumesByInstance[instanceID, default: []].append(volume)
                }
            case .ebsSnapshot(let snapshot):
                snapshots.append(index, snapshot)
                if snapshotsByID[snapshot.snapshotID] == nil { snapshotsByID[snapshot.snapshotID] = snapshot }
            case .ami(let image):
                images.append(index, image)
                snapshotsOfImages.formUnion(image.snapshotIDs)
            case .rdsInstance(let database): databases.append(index, database)
            case .s3Bucket(let bucket): buckets.append(index, bucket)
            case .lambdaFunction(let function): functions.append(index, function)
            case .eksCluster(let cluster): clusters.append(index, cluster)
            }
        }
        self.instances = instances.view(of: items)
        self.volumes = volumes.view(of: items)
        self.snapshots = snapshots.view(of: items)
        self.images = images.view(of: items)
        self.databases = databases.view(of: items)
        self.buckets = buckets.view(of: items)
        self.functions = functions.view(of: items)
        self.clusters = clusters.view(of: items)
        self.volumesByInstance = volumesByInstance
        self.imagesInUse = imagesInUse
        self.snapshotsOfImages = snapshotsOfImages
        self.volumeIDs = volumeIDs
        self.snapshotsByID = snapshotsByID
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

/// The items of one kind with their typed attributes, as `(item, value)` pairs; a view over the scan's items.
public struct KindView<Value: Sendable>: RandomAccessCollection, Sendable {
    public typealias Element = (item: InventoryItem, value: Value)
    private let items: [InventoryItem]
    private let positions: [Int]
    /// Each item's typed details, extracted once when the context is built (rules read them many times over).
    private let values: [Value]

    /// Collects one kind's positions and values in the context's single pass over the items.
    struct Builder {
        private var positions: [Int] = []
        private var values: [Value] = []

        mutating func append(_ position: Int, _ value: Value) {
            positions.append(position)
            values.append(value)
        }

        func view(of items: [InventoryItem]) -> KindView {
            KindView(items: items, positions: positions, values: values)
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }

    public subscript(position: Int) -> Element { (items[positions[position]], values[position]) }
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
