import AWSClient
import Analyzer
import AnalyzerAWS
import Foundation
import InfragenTestSupport
import Inventory
import LambdaRuntime
import Logging
import Testing

/// The analyzer against moto: a seeded scan in DynamoDB → the handler (in process, and the built executable in local
/// mode) → the report read back from an SQS queue subscribed to the topic, the analysis summary read back from the
/// table. One moto for the suite, reset per test.
@Suite(.serialized)
struct AnalyzerOnMotoTests {
    static let prefix = "arn:aws:test:\(SeededEstate.region):\(SeededEstate.account):"

    static func context() -> LambdaContext {
        LambdaContext(invocation: Invocation(requestID: "test-request", deadlineMilliseconds: Int64.max,
                                             invokedFunctionARN: "arn:aws:lambda:us-east-1:000000000000:function:t",
                                             event: []),
                      logger: Logger(label: "analyzer-test"))
    }

    /// `finding_id|short resource id` of each object of a findings JSON document.
    static func findingPairs(_ json: Data) throws -> [String] {
        let objects = try JSONSerialization.jsonObject(with: json) as? [[String: Any]] ?? []
        return objects.map { object in
            let resource = (object["resource_id"] as? String ?? "").replacingOccurrences(of: prefix, with: "")
            return (object["finding_id"] as? String ?? "?") + "|" + resource
        }
    }

    @Test func reportsEveryFindingOnceAndStoresTheSummaryForTheDelta() async throws {
        let harness = try MotoEstateHarness(moto: try SharedMoto.get())
        let now = Date()
        let first = SeededEstate(startedAt: now.addingTimeInterval(-7_200), now: now)
        // An older complete scan and a newer incomplete one: `{}` must pick the newest *complete* scan.
        let older = SeededEstate(startedAt: now.addingTimeInterval(-86_400 * 3), now: now)
        let unfinished = SeededEstate(startedAt: now.addingTimeInterval(-3_600), now: now)
        try await harness.seed(older.items, summary: older.summary())
        try await harness.seed(first.items, summary: first.summary())
        try await harness.seed(Array(first.items.prefix(2)).map { item in
            var copy = item
            copy.scan = unfinished.scan
            return copy
        }, summary: unfinished.summary(complete: false))

        let directory = try RepoPaths.scratchDirectory("analyzer-moto")
        defer { try? FileManager.default.removeItem(at: directory) }
        let jsonFile = directory.appendingPathComponent("findings.json")
        let handler = try AnalyzerHandler(environment: harness.functionEnvironment(), findingsJSONPath: jsonFile.path)
        let response = try await handler.handle(AnalyzerEvent(), context: Self.context())

        #expect(response == AnalysisResponse(resourcesAnalyzed: first.items.count,
                                             findings: SeededEstate.expected.count, summarySource: .rules))
        let pairs = try Self.findingPairs(Data(contentsOf: jsonFile))
        #expect(pairs.count == Set(pairs).count, "a finding is reported twice")
        #expect(Set(pairs) == SeededEstate.expected)

        let reports = try harness.receiveReports()
        try #require(reports.count == 1)
        #expect(reports[0].subject == "AWS Inventory Alert - \(first.items.count) Resources Scanned")
        let message = reports[0].message
        #expect(message.contains("Scan: \(first.scan.id)"))
        #expect(message.contains("SUMMARY (source: rules)"))
        #expect(message.contains("No previous analysis"))
        for pair in SeededEstate.expected {
            let parts = pair.split(separator: "|")
            #expect(message.contains("[\(parts[0])] \(Self.prefix)\(parts[1])"), "missing \(pair) in the report")
        }
        #expect(!message.contains("SECRET-NAME-TAG"))

        // The analysis summary is in the table: what the next run reads.
        let store = DynamoDBInventoryStore(client: try harness.client, table: MotoEstateHarness.table)
        let stored = try #require(try await store.previousAnalysis(before: unfinished.scan))
        #expect(stored.scan == first.scan)
        #expect(Set(stored.findingKeys).count == SeededEstate.expected.count)
        #expect(stored.summarySource == "rules")
        #expect(try await store.previousAnalysis(before: first.scan) == nil)

        // A page left over from an earlier, longer write of the same analysis is not read as part of it.
        var stale = AttributeMap()
        stale.set(ItemKeys.resourceID, ItemKeys.analysisSummaryPartition)
        stale.set(ItemKeys.timestamp, first.scan.timestamp + "#0007")
        stale.set(ItemKeys.scanID, first.scan.id)
        stale.set(ItemKeys.resourceType, AnalysisSummary.recordType)
        stale.set("page", 1)
        stale.set("finding_keys", ["idle.ec2.stopped|arn:aws:test:us-east-1:123456789012:stale"])
        try await store.saveAnalysisPage(stale)
        #expect(try await store.previousAnalysis(before: unfinished.scan) == stored)

        // A later scan fixes the bucket and deletes the free volume, and a new volume is left unattached.
        let second = SeededEstate(startedAt: now.addingTimeInterval(-600), now: now)
        var items = second.items.filter { $0.name != "vol-free" && $0.name != "bucket-bad" }
        items.append(second.bucket("bucket-bad"))
        items.append(second.volume("vol-new-free", size: 50))
        try await harness.seed(items, summary: second.summary())
        let event = Self.completionEvent(scanID: second.scan.id)
        let rerun = try await handler.handle(
            JSONDecoder().decode(AnalyzerEvent.self, from: Data(event.utf8)), context: Self.context())
        #expect(rerun.body.resourcesAnalyzed == items.count)
        let delta = try #require(try harness.receiveReports().first).message
        #expect(delta.contains("- Previous scan: \(first.scan.id)"))
        #expect(delta.contains("- New findings: 1\n  - [idle.ebs.unattached] \(Self.prefix)vol-new-free"))
        #expect(delta.contains("- Resolved findings: 4\n"))
        #expect(delta.contains("- Resources: \(items.count) (+0)"))
    }

    @Test func readsEveryPageOfALargeScan() async throws {
        let harness = try MotoEstateHarness(moto: try SharedMoto.get())
        let estate = SeededEstate(startedAt: Date().addingTimeInterval(-600))
        // ~2.4 MB of items: moto, like DynamoDB, pages a Query at 1 MB.
        let padding = String(repeating: "x", count: 2_000)
        let items = (0..<1_200).map { index in
            estate.cluster("eks-\(index)", version: "1.35", tags: SeededEstate.allTags.merging(["Notes": padding]) {
                $1
            })
        }
        try await harness.seed(items, summary: estate.summary())
        let recorder = AWSCallRecorder()
        var configuration = try AWSClientConfiguration.fromEnvironment(harness.environment)
        configuration.observer = recorder
        let store = DynamoDBInventoryStore(client: AWSClient(configuration), table: MotoEstateHarness.table)
        let read = try await store.items(forScan: estate.scan)
        #expect(read.count == items.count)
        #expect(Set(read.map(\.resourceID)) == Set(items.map(\.resourceID)))
        let queries = recorder.records.filter { $0.operation.name == "Query" }
        #expect(queries.count >= 3, "expected several Query pages, saw \(queries.count)")
        #expect(recorder.records.allSatisfy { $0.operation.name == "Query" }, "only Query reads the scan")
    }

    @Test func localModeWritesTheFindingsJSONAndPublishes() async throws {
        let harness = try MotoEstateHarness(moto: try SharedMoto.get())
        let estate = SeededEstate(startedAt: Date().addingTimeInterval(-1_800))
        try await harness.seed(estate.items, summary: estate.summary())
        let directory = try RepoPaths.scratchDirectory("analyzer-local")
        defer { try? FileManager.default.removeItem(at: directory) }
        let eventFile = directory.appendingPathComponent("event.json")
        try Data("{}".utf8).write(to: eventFile)
        let jsonFile = directory.appendingPathComponent("findings.json")

        let result = try Subprocess.run(
            [try Self.executable(), "--event", eventFile.path, "--findings-json", jsonFile.path],
            environment: harness.functionEnvironment())
        #expect(result.succeeded, "stderr: \(result.stderr)")
        let expected = #"{"statusCode":200,"body":{"message":"Analysis complete","#
            + #""resources_analyzed":\#(estate.items.count),"findings":\#(SeededEstate.expected.count),"#
            + #""summary_source":"rules"}}"#
        let response = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? NSDictionary
        #expect(response == (try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary))
        #expect(Set(try Self.findingPairs(Data(contentsOf: jsonFile))) == SeededEstate.expected)
        #expect(try harness.receiveReports().count == 1)

        let usage = try Subprocess.run([try Self.executable(), "--findings-json"], environment: [:])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--findings-json needs a file path"))
    }

    /// The collector's `Inventory Scan Completed` event as EventBridge delivers it.
    static func completionEvent(scanID: String) -> String {
        #"{"source":"inventory.collector","detail-type":"Inventory Scan Completed","detail":{"scan_id":"\#(scanID)"}}"#
    }

    /// The `inventory-analyzer` binary next to the test bundle (built with the tests).
    static func executable() throws -> String { try sibling("inventory-analyzer") }
}
