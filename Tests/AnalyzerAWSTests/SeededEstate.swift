import Foundation
import Inventory

/// An estate with one trigger of every finding id and clean counter-examples, stored as a collector would store it.
/// `expected` lists the (finding id, resource) pairs the analyzer must report — and nothing else.
struct SeededEstate {
    static let account = "123456789012"
    static let region = "us-east-1"
    static let allTags = ["Owner": "team", "CostCenter": "cc-1", "Environment": "prod"]

    var scan: ScanKey
    var now: Date

    init(startedAt: Date, now: Date = Date()) {
        // Whole seconds, as stored (`timestamp` has no fraction), so keys read back compare equal.
        scan = ScanKey.derived(from: Date(timeIntervalSince1970: startedAt.timeIntervalSince1970.rounded(.down)))
        self.now = now
    }

    func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    static func arn(_ id: String) -> String { "arn:aws:test:\(region):\(account):\(id)" }

    func item(_ id: String, _ details: ResourceDetails, state: String?, tags: [String: String] = allTags)
        -> InventoryItem {
        InventoryItem(resourceID: Self.arn(id), scan: scan, region: Self.region, accountID: Self.account, name: id,
                      state: state, tags: tags, details: details)
    }

    func instance(_ id: String, type: String, state: String = "running", launch: Date? = nil, stoppedAt: Date? = nil)
        -> InventoryItem {
        item(id, .ec2Instance(EC2Instance(instanceID: id, instanceType: type, launchTime: launch,
                                          stateTransitionTime: stoppedAt, imageID: "ami-used")), state: state)
    }

    func volume(_ id: String, type: String = "gp3", size: Int = 100, attachedTo: [String] = [],
                encrypted: Bool = true) -> InventoryItem {
        item(id, .ebsVolume(EBSVolume(volumeID: id, volumeType: type, sizeGiB: size, iops: nil,
                                      attachedInstanceIDs: attachedTo, encrypted: encrypted)),
             state: attachedTo.isEmpty ? "available" : "in-use")
    }

    func snapshot(_ id: String, taken: Date, size: Int = 50) -> InventoryItem {
        item(id, .ebsSnapshot(EBSSnapshot(snapshotID: id, volumeSizeGiB: size, startTime: taken, sourceVolumeID: nil,
                                          encrypted: true)), state: "completed")
    }

    func image(_ id: String, deprecation: Date? = nil) -> InventoryItem {
        item(id, .ami(MachineImage(imageID: id, creationDate: daysAgo(400), deprecationTime: deprecation,
                                   snapshotIDs: [])), state: "available")
    }

    func bucket(_ id: String, lifecycle: Bool = true, versioning: String = "Enabled", encryption: String = "AES256")
        -> InventoryItem {
        item(id, .s3Bucket(S3Bucket(lifecycleConfigured: lifecycle, versioningStatus: versioning,
                                    defaultEncryption: encryption)), state: nil)
    }

    func database(_ id: String, engine: String = "postgres", version: String = "16.4", multiAZ: Bool = true,
                  retention: Int = 7, encrypted: Bool = true) -> InventoryItem {
        item(id, .rdsInstance(RDSInstance(engine: engine, engineVersion: version, instanceClass: "db.m5.large",
                                          multiAZ: multiAZ, backupRetentionDays: retention,
                                          storageEncrypted: encrypted)), state: "available")
    }

    func function(_ id: String, runtime: String) -> InventoryItem {
        item(id, .lambdaFunction(LambdaFunction(runtime: runtime, packageType: "Zip")), state: "Active")
    }

    func cluster(_ id: String, version: String, tags: [String: String] = allTags) -> InventoryItem {
        item(id, .eksCluster(EKSCluster(kubernetesVersion: version)), state: "ACTIVE", tags: tags)
    }

    /// Every finding type once, and a clean twin of most resources.
    var items: [InventoryItem] {
        [
            instance("i-stopped", type: "t2.micro", state: "stopped", stoppedAt: daysAgo(40)),
            volume("vol-root", type: "gp2", size: 8, attachedTo: ["i-stopped"], encrypted: false),
            instance("i-running", type: "t3.micro", launch: daysAgo(3)),
            volume("vol-attached", attachedTo: ["i-running"]),
            instance("i-always-on", type: "m5.large", launch: daysAgo(100)),
            volume("vol-free", size: 200),
            snapshot("snap-old", taken: daysAgo(200), size: 30),
            snapshot("snap-new", taken: daysAgo(5)),
            image("ami-used"),
            image("ami-idle", deprecation: daysAgo(10)),
            bucket("bucket-bad", lifecycle: false, versioning: "Suspended", encryption: "none"),
            bucket("bucket-good"),
            database("db-bad", engine: "mysql", version: "5.7.44", multiAZ: false, retention: 1, encrypted: false),
            database("db-good"),
            function("fn-old", runtime: "python3.8"),
            function("fn-new", runtime: "python3.13"),
            cluster("eks-old", version: "1.31"),
            cluster("eks-new", version: "1.36"),
            cluster("eks-untagged", version: "1.35", tags: ["Name": "SECRET-NAME-TAG"]),
        ]
    }

    static let expected: Set<String> = [
        "idle.ec2.stopped|i-stopped", "idle.ebs.unattached|vol-free", "idle.ebs-snapshot.old|snap-old",
        "idle.ami.unused|ami-idle", "cost.s3.no-lifecycle|bucket-bad", "cost.ebs.gp2|vol-root",
        "cost.ec2.previous-generation|i-stopped", "cost.ec2.commitment|i-always-on", "eos.ami.deprecated|ami-idle",
        "eos.rds.engine|db-bad", "eos.lambda.runtime|fn-old", "eos.eks.version|eks-old",
        "cmp.tags.missing|eks-untagged", "cmp.rds.backup-retention|db-bad", "cmp.s3.versioning|bucket-bad",
        "cmp.rds.multi-az|db-bad", "cmp.ebs.unencrypted|vol-root", "cmp.rds.unencrypted|db-bad",
        "cmp.s3.unencrypted|bucket-bad",
    ]

    func summary(complete: Bool = true) -> ScanSummary {
        var counts: [ResourceType: [String: Int]] = [:]
        for item in items { counts[item.resourceType, default: [:]][Self.region, default: 0] += 1 }
        return ScanSummary(scan: scan, finishedAt: scan.startedAt.addingTimeInterval(30), complete: complete,
                           counts: counts, regions: [Self.region])
    }
}
