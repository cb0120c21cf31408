import AWSClient
import AWSSigV4
import Collector
import Foundation
import InfragenTestSupport
import Inventory
import Testing

/// `SCAN_ACCOUNTS`: a member account is scanned through STS AssumeRole (moto keeps each account's resources
/// apart and maps assumed-role credentials to the role's account), and its items carry its account id, stored in
/// the home account's table.
@Suite struct CrossAccountScanTests {
    static let member = "222222222222"
    static let role = "arn:aws:iam::222222222222:role/inventory-read"
    static let scan = ScanKey(id: "scan-20261129T050000Z", startedAt: Date(timeIntervalSince1970: 1_795_928_400))

    @Test func memberAccountResourcesAreScannedThroughTheRoleAndStoredAtHome() async throws {
        let server = try MotoServer()
        defer { server.stop() }
        // Resources on both sides: one volume and bucket at home, two volumes and a bucket in the member account.
        let seeded = try Subprocess.run(["python3", "-c", """
            import boto3, sys
            kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing",
                      aws_secret_access_key="testing")
            home = boto3.client("ec2", **kw).create_volume(AvailabilityZone="us-east-1a", Size=8)["VolumeId"]
            boto3.client("s3", **kw).create_bucket(Bucket="home-bucket")
            c = boto3.client("sts", **kw).assume_role(RoleArn=sys.argv[2], RoleSessionName="seed")["Credentials"]
            kw.update(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                      aws_session_token=c["SessionToken"])
            ec2 = boto3.client("ec2", **kw)
            member = [ec2.create_volume(AvailabilityZone="us-east-1a", Size=s)["VolumeId"] for s in (5, 6)]
            boto3.client("s3", **kw).create_bucket(Bucket="member-bucket")
            print(home, *member)
            """, server.endpoint, Self.role])
        try #require(seeded.succeeded, "seeding: \(seeded.stderr)")
        let ids = seeded.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        try #require(ids.count == 3)
        try CollectorEstate.createTable("inventory-accounts", server: server)

        let recorder = AWSCallRecorder(keepsRequests: true)
        let client = AWSClient(AWSClientConfiguration(
            region: "us-east-1",
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")),
            endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": server.endpoint]), observer: recorder))
        let configuration = CollectorConfiguration(
            tableName: "inventory-accounts", regions: ["us-east-1"],
            accounts: [.init(accountID: Self.member, roleARN: Self.role)], retentionDays: 30)
        let outcome = try await InventoryCollector(configuration: configuration, client: client).run(scan: Self.scan)
        #expect(outcome.summary.errors.isEmpty, "\(outcome.summary.errors)")

        // The home table holds both accounts' items, each with its own account id.
        let stored = try CollectorEstate.queryScan(Self.scan.scanDate, table: "inventory-accounts", server: server)
        let volumes = Dictionary(stored.filter { $0.resourceType == .ebsVolume }.map { ($0.resourceID, $0.accountID) },
                                 uniquingKeysWith: { first, _ in first })
        func volume(_ account: String, _ id: String) -> String { "arn:aws:ec2:us-east-1:\(account):volume/\(id)" }
        #expect(volumes == [volume("123456789012", ids[0]): "123456789012", volume(Self.member, ids[1]): Self.member,
                            volume(Self.member, ids[2]): Self.member])
        let buckets = Dictionary(stored.filter { $0.resourceType == .s3Bucket }.map { ($0.resourceID, $0.accountID) },
                                 uniquingKeysWith: { first, _ in first })
        #expect(buckets == ["arn:aws:s3:::home-bucket": "123456789012", "arn:aws:s3:::member-bucket": Self.member])

        // The member account was reached only through the configured role.
        let assumed = recorder.records.filter { $0.operation.iamAction == "sts:AssumeRole" }
        #expect(!assumed.isEmpty)
        for record in assumed {
            let body = String(decoding: record.request?.body ?? Data(), as: UTF8.self)
            #expect(body.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Finventory-read"), "\(body)")
        }
    }
}
