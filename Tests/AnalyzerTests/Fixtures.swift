import Foundation
import Inventory
@testable import Analyzer

/// Builders for inventory items and rule runs with an injected "now".
enum Fixture {
    static let now = Timestamp.parse("2026-11-29T12:00:00Z")!
    static let scan = ScanKey.derived(from: now.addingTimeInterval(-3_600))
    static let allTags = ["Owner": "o", "CostCenter": "c", "Environment": "e"]

    static func daysAgo(_ days: Double, from reference: Date = now) -> Date {
        reference.addingTimeInterval(-days * 86_400)
    }

    static func daysAhead(_ days: Double, from reference: Date = now) -> Date {
        reference.addingTimeInterval(days * 86_400)
    }

    static func item(_ id: String, _ details: ResourceDetails, state: String? = nil, tags: [String: String] = allTags,
                     region: String = "us-east-1") -> InventoryItem {
        InventoryItem(resourceID: "arn:aws:test:\(region):123456789012:\(id)", scan: scan, region: region,
                      accountID: "123456789012", name: id, state: state, tags: tags, details: details)
    }

    static func instance(_ id: String, type: String = "t3.micro", state: String = "running", launch: Date? = nil,
                         stoppedAt: Date? = nil, image: String? = nil) -> InventoryItem {
        item(id, .ec2Instance(EC2Instance(instanceID: id, instanceType: type, launchTime: launch,
                                          stateTransitionTime: stoppedAt, imageID: image)), state: state)
    }

    static func volume(_ id: String, type: String = "gp3", size: Int = 100, attachedTo: [String] = [],
                       encrypted: Bool = true, iops: Int? = nil) -> InventoryItem {
        item(id, .ebsVolume(EBSVolume(volumeID: id, volumeType: type, sizeGiB: size, iops: iops,
                                      attachedInstanceIDs: attachedTo, encrypted: encrypted)),
             state: attachedTo.isEmpty ? "available" : "in-use")
    }

    static func snapshot(_ id: String, taken: Date, size: Int = 50, source: String? = nil) -> InventoryItem {
        item(id, .ebsSnapshot(EBSSnapshot(snapshotID: id, volumeSizeGiB: size, startTime: taken,
                                          sourceVolumeID: source, encrypted: true)), state: "completed")
    }

    static func image(_ id: String, deprecation: Date? = nil, snapshots: [String] = []) -> InventoryItem {
        item(id, .ami(MachineImage(imageID: id, creationDate: daysAgo(400), deprecationTime: deprecation,
                                   snapshotIDs: snapshots)), state: "available")
    }

    static func database(_ id: String, engine: String = "postgres", version: String = "16.4",
                         instanceClass: String = "db.m5.large", multiAZ: Bool = true, retention: Int = 7,
                         encrypted: Bool = true) -> InventoryItem {
        item(id, .rdsInstance(RDSInstance(engine: engine, engineVersion: version, instanceClass: instanceClass,
                                          multiAZ: multiAZ, backupRetentionDays: retention,
                                          storageEncrypted: encrypted)), state: "available")
    }

    static func bucket(_ id: String, lifecycle: Bool? = true, versioning: String? = "Enabled",
                       encryption: String? = "AES256") -> InventoryItem {
        item(id, .s3Bucket(S3Bucket(lifecycleConfigured: lifecycle, versioningStatus: versioning,
                                    defaultEncryption: encryption)))
    }

    static func function(_ id: String, runtime: String?, packageType: String = "Zip") -> InventoryItem {
        item(id, .lambdaFunction(LambdaFunction(runtime: runtime, packageType: packageType)), state: "Active")
    }

    static func cluster(_ id: String, version: String) -> InventoryItem {
        item(id, .eksCluster(EKSCluster(kubernetesVersion: version)), state: "ACTIVE")
    }

    static func run(_ rule: some Rule, _ items: [InventoryItem], now: Date = now,
                    configuration: AnalyzerConfiguration = AnalyzerConfiguration(),
                    history: ResourceHistory = ResourceHistory(), summary: ScanSummary? = nil,
                    eol: EOLData = .bundled) -> [Finding] {
        let context = RuleContext(items: items, now: now, configuration: configuration, history: history,
                                  lifecycles: LifecycleCatalog(bundled: eol, scanSummary: summary))
        let findings = rule.evaluate(in: context)
        for finding in findings { precondition(finding.id == rule.id, "rule emitted a foreign id") }
        return findings
    }
}
