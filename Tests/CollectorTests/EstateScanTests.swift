import AWSClient
import Collector
import Foundation
import InfragenTestSupport
import Inventory
import InventoryStore
import Testing

/// The collector against moto: a seeded estate in two regions, read back with the aws CLI.
@Suite(.serialized) struct EstateScanTests {
    static let scan = ScanKey(id: "scan-20261129T040000Z", startedAt: Date(timeIntervalSince1970: 1_795_924_800))

    @Test func everyResourceIsFoundWithItsAttributesAndReadableThroughTheIndex() async throws {
        let setup = try CollectorEstate.setup()
        let server = setup.server
        try CollectorEstate.createTable("inventory-estate", server: server)
        let recorder = AWSCallRecorder()
        let outcome = try await CollectorEstate.collector(table: "inventory-estate", server: server,
                                                          observer: recorder).run(scan: Self.scan)

        let stored = try CollectorEstate.queryScan(Self.scan.scanDate, table: "inventory-estate", server: server)
        let byID = Dictionary(stored.map { ($0.resourceID, $0) }) { first, _ in first }
        #expect(stored.count == byID.count, "no resource stored twice")
        #expect(Set(byID.keys) == Set(setup.expected.map(\.resource_id)))
        for expected in setup.expected {
            guard let item = byID[expected.resource_id] else { continue }
            #expect(item.resourceType.rawValue == expected.resource_type, "\(expected.resource_id)")
            #expect(item.region == expected.region, "\(expected.resource_id)")
            #expect(item.accountID == "123456789012")
            #expect(item.expiresAt == Self.scan.startedAt.addingTimeInterval(30 * 86_400))
            let attributes = item.attributes
            for (name, value) in expected.attributes {
                #expect(attributes[name] == value.itemValue, "\(expected.resource_id) \(name)")
            }
        }
        // Dates the analyzer needs are present where AWS gives them.
        for item in stored {
            switch item.details {
            case .ec2Instance(let instance): #expect(instance.launchTime != nil)
            case .ebsSnapshot(let snapshot): #expect(abs(snapshot.startTime.timeIntervalSinceNow) < 3600)
            case .eksCluster(let cluster): #expect(cluster.createdAt != nil)
            case .lambdaFunction(let function): #expect(function.lastModified != nil)
            default: break
            }
        }

        // The summary counts what was written, per type and region, and the response says the same.
        let summary = try CollectorEstate.summary(Self.scan, table: "inventory-estate", server: server)
        #expect(summary == outcome.summary)
        #expect(summary.complete)
        #expect(summary.totalResources == setup.expected.count)
        var expectedCounts: [ResourceType: [String: Int]] = [:]
        for item in setup.expected {
            expectedCounts[ResourceType(rawValue: item.resource_type)!, default: [:]][item.region, default: 0] += 1
        }
        #expect(summary.counts == expectedCounts)
        #expect(summary.regions == CollectorEstate.regions)
        // moto implements neither lifecycle API: reported, and not counted against completeness.
        #expect(Set(summary.errors.map(\.service)).isSubset(of: ["eks-versions", "rds-engine-versions"]))
        let response = CollectorResponse(outcome)
        #expect(response.body.message == "Successfully collected \(setup.expected.count) resources")

        // Every page of every list that moto pages: instances (by reservation), RDS and EKS. (It returns every
        // Lambda function, volume, snapshot and image in one page whatever the page size.)
        func calls(_ name: String, _ region: String) -> Int {
            recorder.records.filter { $0.operation.name == name && $0.region == region }.count
        }
        for region in CollectorEstate.regions {
            #expect(calls("DescribeInstances", region) >= 2)
            #expect(calls("ListFunctions", region) == 1)
            #expect(calls("ListClusters", region) == 2)
        }
        #expect(calls("DescribeDBInstances", "us-east-1") == 2)
        #expect(recorder.records.filter { $0.operation.name == "ListBuckets" }.count == 1, "S3 is listed once")
        #expect(recorder.records.filter { $0.operation.name == "BatchWriteItem" }.count
                    >= setup.expected.count / 25)
    }

    @Test func rerunningTheSameScanRewritesTheSameKeys() async throws {
        let setup = try CollectorEstate.setup()
        try CollectorEstate.createTable("inventory-rerun", server: setup.server)
        let collector = CollectorEstate.collector(table: "inventory-rerun", server: setup.server)
        let first = try await collector.run(scan: Self.scan)
        let second = try await collector.run(scan: Self.scan)
        #expect(first.summary.totalResources == second.summary.totalResources)
        let stored = try CollectorEstate.queryScan(Self.scan.scanDate, table: "inventory-rerun", server: setup.server)
        #expect(stored.count == setup.expected.count)
        let scan = try Subprocess.run(["aws", "dynamodb", "scan", "--table-name", "inventory-rerun", "--select",
                                       "COUNT", "--output", "json"], environment: setup.server.clientEnvironment)
        struct Count: Decodable { var Count: Int }
        // Every resource once, plus one summary.
        #expect(try JSONDecoder().decode(Count.self, from: Data(scan.stdout.utf8)).Count == setup.expected.count + 1)
    }

    @Test func theCompletionEventReachesTheDefaultBus() async throws {
        let setup = try CollectorEstate.setup()
        try CollectorEstate.createTable("inventory-event", server: setup.server)
        let python = """
            import boto3, json, sys
            kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing",
                      aws_secret_access_key="testing")
            sqs, events = boto3.client("sqs", **kw), boto3.client("events", **kw)
            url = sqs.create_queue(QueueName="collector-events")["QueueUrl"]
            arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            if sys.argv[2] == "setup":
                events.put_rule(Name="scan-done", EventPattern=json.dumps({"source": ["inventory.collector"],
                                "detail-type": ["Inventory Scan Completed"]}))
                events.put_targets(Rule="scan-done", Targets=[{"Id": "q", "Arn": arn}])
            else:
                got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=2)
                print(json.dumps([json.loads(m["Body"]) for m in got.get("Messages", [])]))
            """
        let script = try RepoPaths.scratchDirectory("collector-event").appendingPathComponent("events.py")
        try python.write(to: script, atomically: true, encoding: .utf8)
        let ready = try Subprocess.run(["python3", script.path, setup.server.endpoint, "setup"])
        #expect(ready.succeeded, "\(ready.stderr)")
        let scan = ScanKey(id: "scan-event", startedAt: Self.scan.startedAt)
        _ = try await CollectorEstate.collector(table: "inventory-event", server: setup.server).run(scan: scan)
        let received = try Subprocess.run(["python3", script.path, setup.server.endpoint, "receive"])
        struct Event: Decodable {
            struct Detail: Decodable { var scan_id: String; var resource_count: Int; var complete: Bool }
            var source: String
            var detail: Detail
            enum CodingKeys: String, CodingKey { case source, detail, detailType = "detail-type" }
            var detailType: String
        }
        let events = try JSONDecoder().decode([Event].self, from: Data(received.stdout.utf8))
        let mine = events.filter { $0.detail.scan_id == "scan-event" }
        #expect(mine.count == 1)
        #expect(mine.first?.source == "inventory.collector")
        #expect(mine.first?.detailType == "Inventory Scan Completed")
        #expect(mine.first?.detail.resource_count == setup.expected.count)
        #expect(mine.first?.detail.complete == true)
    }
}
