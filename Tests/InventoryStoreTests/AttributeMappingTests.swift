import AWSClient
import Foundation
import Inventory
import InventoryStore
import Testing

@Suite struct AttributeMappingTests {
    static let scan = ScanKey(id: "scan-20261129T040722Z", startedAt: Date(timeIntervalSince1970: 1_795_925_242))

    @Test(arguments: [
        (ItemValue.string("t3.micro"), AttributeValue.s("t3.micro")),
        (.number(8), .n("8")),
        (.number(2.5), .n("2.5")),
        (.bool(false), .bool(false)),
        (.stringList([]), .l([])),
        (.stringList(["i-1", "i-2"]), .l([.s("i-1"), .s("i-2")])),
        (.map(["Owner": .string("team"), "n": .map(["x": .number(1)])]),
         .m(["Owner": .s("team"), "n": .m(["x": .n("1")])])),
    ])
    func valueMapsOneToOneBothWays(value: ItemValue, attribute: AttributeValue) throws {
        #expect(value.attributeValue == attribute)
        #expect(try ItemValue(attributeValue: attribute, name: "a") == value)
    }

    @Test(arguments: [
        (AttributeValue.null, "tags", "NULL"),
        (.ss(["a"]), "tags", "SS"),
        (.b(Data([1])), "tags", "B"),
        (.n("twelve"), "tags", "not a number"),
    ])
    func typesOutsideTheSchemaAreErrorsNamingTheAttribute(value: AttributeValue, name: String, text: String) {
        #expect {
            try ItemValue(attributeValue: value, name: name)
        } throws: { error in
            guard let error = error as? InventoryStoreError else { return false }
            return error.code == .unsupportedAttribute && error.attribute == name && error.message.contains(text)
        }
    }

    @Test func nestedErrorsNameThePath() {
        let item: DynamoDBItem = ["attached_instance_ids": .l([.s("i-1"), .n("2")]), "tags": .m(["k": .null])]
        #expect(throws: InventoryStoreError(.unsupportedAttribute, attribute: "attached_instance_ids[1]",
                                            "lists hold strings only, found N")) {
            try AttributeMap(dynamoDBItem: ["attached_instance_ids": item["attached_instance_ids"]!])
        }
        #expect { try AttributeMap(dynamoDBItem: ["tags": item["tags"]!]) } throws: {
            ($0 as? InventoryStoreError)?.attribute == "tags.k"
        }
    }

    static var everyKind: [InventoryItem] {
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        func item(_ id: String, _ details: ResourceDetails) -> InventoryItem {
            InventoryItem(resourceID: id, scan: scan, region: "eu-west-1", accountID: "123456789012", name: "n",
                          state: "s", tags: ["Owner": "a", "Empty": ""], expiresAt: date, details: details)
        }
        return [
            item("arn:aws:ec2:eu-west-1:123456789012:instance/i-1", .ec2Instance(EC2Instance(
                instanceID: "i-1", instanceType: "t2.micro", launchTime: date, stateTransitionTime: date,
                stateTransitionReason: "User initiated (2023-11-14 22:13:20 GMT)", platform: "windows",
                imageID: "ami-1"))),
            item("arn:aws:ec2:eu-west-1:123456789012:volume/vol-1", .ebsVolume(EBSVolume(
                volumeID: "vol-1", volumeType: "gp2", sizeGiB: 8, iops: 100, throughputMiBps: 125,
                attachedInstanceIDs: [], encrypted: false, createTime: date))),
            item("arn:aws:ec2:eu-west-1::snapshot/snap-1", .ebsSnapshot(EBSSnapshot(
                snapshotID: "snap-1", volumeSizeGiB: 8, startTime: date, sourceVolumeID: "vol-1", encrypted: true,
                storageTier: "standard"))),
            item("arn:aws:ec2:eu-west-1::image/ami-1", .ami(MachineImage(
                imageID: "ami-1", creationDate: date, deprecationTime: date, snapshotIDs: ["snap-1"]))),
            item("arn:aws:rds:eu-west-1:123456789012:db:db1", .rdsInstance(RDSInstance(
                engine: "mysql", engineVersion: "8.0.35", instanceClass: "db.t3.micro", multiAZ: false,
                backupRetentionDays: 0, storageEncrypted: false, storageType: "gp2", allocatedStorageGiB: 20))),
            item("arn:aws:s3:::bucket", .s3Bucket(S3Bucket(
                lifecycleConfigured: false, versioningStatus: "Disabled", defaultEncryption: "none",
                creationDate: date))),
            item("arn:aws:s3:::bucket-unknown", .s3Bucket(S3Bucket(
                lifecycleConfigured: nil, versioningStatus: nil, defaultEncryption: nil))),
            item("arn:aws:lambda:eu-west-1:123456789012:function:f", .lambdaFunction(LambdaFunction(
                runtime: "python3.8", architectures: ["arm64"], memorySizeMB: 128, lastModified: date,
                packageType: "Zip"))),
            item("arn:aws:eks:eu-west-1:123456789012:cluster/c", .eksCluster(EKSCluster(
                kubernetesVersion: "1.27", platformVersion: "eks.1", createdAt: date, supportType: "STANDARD"))),
        ]
    }

    @Test(arguments: everyKind)
    func everyKindRoundTripsThroughDynamoDBItems(item: InventoryItem) throws {
        let stored = item.dynamoDBItem
        #expect(stored["resource_id"] == .s(item.resourceID))
        #expect(stored["scan_date"] == .s("2026-11-29#scan-20261129T040722Z"))
        #expect(stored["expires_at"] == .n("1700000000"))
        #expect(stored["tags"] == .m(["Owner": .s("a"), "Empty": .s("")]))
        #expect(try InventoryItem(dynamoDBItem: stored) == item)
        // Through DynamoDB's JSON wire form as well, as a real read returns it.
        let json = try JSONEncoder().encode(stored)
        #expect(try InventoryItem(dynamoDBItem: JSONDecoder().decode(DynamoDBItem.self, from: json)) == item)
    }

    @Test func unknownFactsStayAbsent() {
        let bucket = Self.everyKind.first { $0.resourceID == "arn:aws:s3:::bucket-unknown" }!
        let stored = bucket.dynamoDBItem
        #expect(stored["lifecycle_configured"] == nil && stored["versioning_status"] == nil)
        #expect(!stored.values.contains(.null))
    }

    @Test func scanSummaryRoundTrips() throws {
        let summary = ScanSummary(
            scan: Self.scan, finishedAt: Self.scan.startedAt.addingTimeInterval(42), complete: false,
            counts: [.ec2Instance: ["eu-west-1": 3, "us-east-1": 1], .s3Bucket: ["eu-west-1": 2]],
            errors: [.init(service: "rds", region: "eu-west-1", message: "AccessDenied: no")],
            regions: ["eu-west-1", "us-east-1"],
            eksVersions: ["1.27": .init(endOfStandardSupport: Self.scan.startedAt, endOfExtendedSupport: nil,
                                        status: "EXTENDED_SUPPORT")],
            rdsEngineLifecycles: ["mysql:8.0": .init(endOfStandardSupport: Self.scan.startedAt,
                                                     endOfExtendedSupport: Self.scan.startedAt)],
            expiresAt: Self.scan.startedAt)
        let stored = summary.dynamoDBItem
        #expect(stored["resource_id"] == .s("inventory#scan-summary"))
        #expect(stored["counts"]?.map?["ec2.instance"] == .m(["eu-west-1": .n("3"), "us-east-1": .n("1")]))
        #expect(try ScanSummary(dynamoDBItem: stored) == summary)
    }
}
