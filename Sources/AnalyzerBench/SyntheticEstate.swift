import Analyzer
import Foundation
import Inventory

/// A deterministic synthetic estate: a realistic mix of kinds with a share of every finding's trigger.
struct SyntheticEstate {
    /// SplitMix64: fast, deterministic, good enough for picking mixes.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"]
    static let instanceTypes = ["t3.micro", "t2.micro", "m5.large", "m4.large", "c5.large", "c4.large", "r5.large"]
    static let runtimes = ["python3.12", "python3.9", "nodejs20.x", "nodejs22.x", "java17", "provided.al2023"]
    static let engines = [("postgres", "16.4"), ("postgres", "12.19"), ("mysql", "8.0.39"), ("mysql", "5.7.44"),
                          ("mariadb", "10.6.18"), ("aurora-postgresql", "15.4")]

    /// `count` stored items of `scan` as a DynamoDB query returns them (attribute maps), numbered from
    /// `firstIndex` and cross-referencing an estate of `estateSize` items.
    static func items(count: Int, scan: ScanKey, now: Date, seed: UInt64, firstIndex: Int = 0,
                      estateSize: Int) -> [AttributeMap] {
        var random = Random(state: seed)
        var maps: [AttributeMap] = []
        maps.reserveCapacity(count)
        let account = "123456789012"
        for index in firstIndex..<(firstIndex + count) {
            let region = regions[random.below(regions.count)]
            let roll = random.below(100)
            var tags = ["Name": "res-\(index)"]
            if random.chance(80) { tags.merge(["Owner": "team-\(index % 17)", "CostCenter": "cc-\(index % 5)",
                                               "Environment": "prod"]) { $1 } }
            func daysAgo(_ days: Int) -> Date { now.addingTimeInterval(-Double(days) * 86_400) }
            let details: ResourceDetails
            let arn: String
            var state: String?
            switch roll {
            case 0..<30:
                let id = "i-\(String(index, radix: 16))"
                arn = "arn:aws:ec2:\(region):\(account):instance/\(id)"
                state = random.chance(10) ? "stopped" : "running"
                details = .ec2Instance(EC2Instance(
                    instanceID: id, instanceType: instanceTypes[random.below(instanceTypes.count)],
                    launchTime: daysAgo(random.below(400)),
                    stateTransitionTime: state == "stopped" && random.chance(50) ? daysAgo(random.below(120)) : nil,
                    imageID: "ami-\(random.below(estateSize))"))
            case 30..<60:
                let id = "vol-\(String(index, radix: 16))"
                arn = "arn:aws:ec2:\(region):\(account):volume/\(id)"
                let attached = random.chance(85)
                state = attached ? "in-use" : "available"
                details = .ebsVolume(EBSVolume(
                    volumeID: id, volumeType: random.chance(40) ? "gp2" : "gp3", sizeGiB: 8 + random.below(2_000),
                    attachedInstanceIDs: attached ? ["i-\(String(random.below(estateSize), radix: 16))"] : [],
                    encrypted: random.chance(70), createTime: daysAgo(random.below(900))))
            case 60..<75:
                let id = "snap-\(String(index, radix: 16))"
                arn = "arn:aws:ec2:\(region)::snapshot/\(id)"
                state = "completed"
                details = .ebsSnapshot(EBSSnapshot(snapshotID: id, volumeSizeGiB: 8 + random.below(500),
                                                   startTime: daysAgo(random.below(700)),
                                                   sourceVolumeID: "vol-\(String(random.below(estateSize), radix: 16))",
                                                   encrypted: true))
            case 75..<78:
                let id = "ami-\(index)"
                arn = "arn:aws:ec2:\(region)::image/\(id)"
                state = "available"
                details = .ami(MachineImage(imageID: id, creationDate: daysAgo(random.below(900)),
                                            deprecationTime: daysAgo(random.below(900) - 450),
                                            snapshotIDs: ["snap-\(String(random.below(estateSize), radix: 16))"]))
            case 78..<83:
                let (engine, version) = engines[random.below(engines.count)]
                arn = "arn:aws:rds:\(region):\(account):db:db-\(index)"
                state = "available"
                details = .rdsInstance(RDSInstance(engine: engine, engineVersion: version,
                                                   instanceClass: random.chance(50) ? "db.m5.large" : "db.r6g.xlarge",
                                                   multiAZ: random.chance(50), backupRetentionDays: random.below(14),
                                                   storageEncrypted: random.chance(80), storageType: "gp3",
                                                   allocatedStorageGiB: 100))
            case 83..<90:
                arn = "arn:aws:s3:::bucket-\(index)"
                details = .s3Bucket(S3Bucket(lifecycleConfigured: random.chance(60),
                                             versioningStatus: random.chance(70) ? "Enabled" : "Suspended",
                                             defaultEncryption: random.chance(95) ? "AES256" : "none"))
            case 90..<98:
                arn = "arn:aws:lambda:\(region):\(account):function:fn-\(index)"
                state = "Active"
                details = .lambdaFunction(LambdaFunction(runtime: runtimes[random.below(runtimes.count)],
                                                         memorySizeMB: 128, lastModified: daysAgo(random.below(500))))
            default:
                arn = "arn:aws:eks:\(region):\(account):cluster/eks-\(index)"
                state = "ACTIVE"
                details = .eksCluster(EKSCluster(kubernetesVersion: "1.\(29 + random.below(8))",
                                                 createdAt: daysAgo(random.below(900))))
            }
            let item = InventoryItem(resourceID: arn, scan: scan, region: region, accountID: account,
                                     name: tags["Name"], state: state, tags: tags,
                                     expiresAt: now.addingTimeInterval(90 * 86_400), details: details)
            maps.append(item.attributes)
        }
        return maps
    }
}
