import Foundation
import Testing
@testable import Inventory

@Suite struct InventoryItemTests {
    static let scan = ScanKey.derived(from: Timestamp.parse("2026-11-29T04:07:22Z")!)
    static let day = Timestamp.parse("2026-10-01T00:00:00Z")!

    static let samples: [ResourceDetails] = [
        .ec2Instance(EC2Instance(instanceID: "i-1", instanceType: "t2.micro", launchTime: day,
                                 stateTransitionTime: day,
                                 stateTransitionReason: "User initiated (2026-10-01 00:00:00 GMT)",
                                 platform: "windows", imageID: "ami-1")),
        .ebsVolume(EBSVolume(volumeID: "vol-1", volumeType: "gp2", sizeGiB: 100, iops: 300,
                             attachedInstanceIDs: ["i-1"], encrypted: false, createTime: day)),
        .ebsSnapshot(EBSSnapshot(snapshotID: "snap-1", volumeSizeGiB: 8, startTime: day, sourceVolumeID: "vol-1",
                                 encrypted: true, storageTier: "standard")),
        .ami(MachineImage(imageID: "ami-1", creationDate: day, deprecationTime: day, snapshotIDs: ["snap-1"])),
        .rdsInstance(RDSInstance(engine: "mysql", engineVersion: "8.0.35", instanceClass: "db.m5.large",
                                 multiAZ: false, backupRetentionDays: 1, storageEncrypted: false, storageType: "gp2",
                                 allocatedStorageGiB: 20)),
        .s3Bucket(S3Bucket(lifecycleConfigured: false, versioningStatus: "Suspended", defaultEncryption: "AES256",
                           creationDate: day)),
        .lambdaFunction(LambdaFunction(runtime: "python3.9", architectures: ["arm64"], memorySizeMB: 128,
                                       lastModified: day, packageType: "Zip")),
        .eksCluster(EKSCluster(kubernetesVersion: "1.31", platformVersion: "eks.12", createdAt: day,
                               supportType: "EXTENDED")),
    ]

    @Test(arguments: samples)
    func roundTripsEveryKind(details: ResourceDetails) throws {
        let item = InventoryItem(resourceID: "arn:aws:x:us-east-1:123456789012:thing/\(details.resourceType.rawValue)",
                                 scan: Self.scan, region: "us-east-1", accountID: "123456789012", name: "n",
                                 state: "s", tags: ["Owner": "team"], expiresAt: Self.day, details: details)
        let map = item.attributes
        #expect(map["resource_type"] == .string(details.resourceType.rawValue))
        #expect(map["scan_date"] == .string("2026-11-29#scan-20261129T040722Z"))
        #expect(map["timestamp"] == .string("2026-11-29T04:07:22Z"))
        #expect(map["expires_at"] == .number(Self.day.timeIntervalSince1970))
        #expect(try InventoryItem(attributes: map) == item)
    }

    @Test func absentFactsAreAbsentAttributes() {
        let item = InventoryItem(resourceID: "arn:aws:s3:::b", scan: Self.scan, region: "us-east-1",
                                 accountID: "1", details: .s3Bucket(S3Bucket(lifecycleConfigured: nil,
                                                                             versioningStatus: nil,
                                                                             defaultEncryption: nil)))
        let names = Set(item.attributes.values.keys)
        #expect(names == ["resource_id", "timestamp", "scan_date", "resource_type", "region", "account_id", "tags"])
    }

    @Test(arguments: [
        ("resource_type", ItemValue.string("ec2.thing"), "unknownResourceType", "resource_type"),
        ("size_gib", .string("100"), "wrongType", "size_gib"),
        ("create_time", .string("last tuesday"), "invalidDate", "create_time"),
        ("scan_date", .string("nodate"), "invalidScanKey", "scan_date"),
        ("encrypted", .number(1), "wrongType", "encrypted"),
    ])
    func decodingErrorsNameTheAttribute(name: String, value: ItemValue, code: String, attribute: String) throws {
        let item = InventoryItem(resourceID: "arn:vol", scan: Self.scan, region: "r", accountID: "a",
                                 details: Self.samples[1])
        var map = item.attributes
        map[name] = value
        let error = try #require(throws: InventoryError.self) { try InventoryItem(attributes: map) }
        #expect(error.code.rawValue == code)
        #expect(error.attribute == attribute)
        #expect(error.description.contains(attribute))
    }

    @Test func missingRequiredAttribute() throws {
        var map = InventoryItem(resourceID: "arn:vol", scan: Self.scan, region: "r", accountID: "a",
                                details: Self.samples[1]).attributes
        map["volume_type"] = nil
        let error = try #require(throws: InventoryError.self) { try InventoryItem(attributes: map) }
        #expect(error.code == .missingAttribute && error.attribute == "volume_type")
    }

    @Test func scanKeyParsesItsOwnScanDate() throws {
        let key = try ScanKey(scanDate: Self.scan.scanDate, timestamp: Self.scan.timestamp)
        #expect(key == Self.scan)
        #expect(throws: InventoryError.self) { try ScanKey(scanDate: "2026-11-29#", timestamp: "2026-11-29T00:00:00Z") }
    }

    @Test func numbersHaveCanonicalText() {
        #expect(ItemValue.numberText(8) == "8")
        #expect(ItemValue.numberText(0.5) == "0.5")
    }
}

@Suite struct BatchDecodeTests {
    @Test func batchDecodingMatchesOneByOneAcrossScans() throws {
        let first = ScanKey.derived(from: Timestamp.parse("2026-11-28T04:00:00Z")!)
        let second = ScanKey.derived(from: Timestamp.parse("2026-11-29T04:00:00Z")!)
        let items = [first, first, second, first].enumerated().map { index, scan in
            InventoryItem(resourceID: "arn:\(index)", scan: scan, region: "r", accountID: "a",
                          details: InventoryItemTests.samples[index % InventoryItemTests.samples.count])
        }
        let maps = items.map(\.attributes)
        #expect(try InventoryItem.decode(maps) == items)
        #expect(try InventoryItem.decode(maps) == maps.map(InventoryItem.init(attributes:)))
    }
}
