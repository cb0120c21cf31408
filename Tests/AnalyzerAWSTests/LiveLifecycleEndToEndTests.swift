import Foundation
import InfragenTestSupport
import Testing

/// End to end, live dates over bundled ones: `inventory-collector` scans the seeded estate on moto through a
/// loopback stub that answers `eks:DescribeClusterVersions` and `rds:DescribeDBMajorEngineVersions` (which moto
/// lacks) with dates that contradict the bundled table; `inventory-analyzer` must judge by the live ones, and fall
/// back to the table for versions the live answer does not list.
extension AnalyzerOnMotoTests {
    struct FindingRow: Decodable {
        var finding_id: String
        var resource_id: String
        var severity: String
        var detail: String
    }

    @Test func liveLifecycleDatesRecordedByTheCollectorOverrideTheBundledTable() async throws {
        let harness = try MotoEstateHarness(moto: try SharedMoto.get())
        let directory = try RepoPaths.scratchDirectory("analyzer-live-lifecycle")
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = try Self.seedSampleEstate(harness, in: directory)

        // Bundled: EKS 1.30 left extended support 2026-07-23 (critical once past); MySQL 5.7 is in Extended Support
        // until 2027-02-28 (high). Live, relative to now: 1.30 still has two months of extended support (high);
        // MySQL 5.7's Extended Support ended a month ago (critical). 1.27/1.24 and other engines are not listed.
        let day = 86_400.0, now = Date()
        let stub = LifecycleAPIStub(eksVersions: [
            .init("1.30", released: Date(timeIntervalSince1970: 1_716_422_400),
                  standardEnd: Date(timeIntervalSince1970: 1_753_228_800), extendedEnd: now + 60 * day,
                  status: "EXTENDED_SUPPORT"),
        ], rdsVersions: [
            .init("mysql", "5.7", standardStart: Date(timeIntervalSince1970: 1_445_385_600),
                  standardEnd: Date(timeIntervalSince1970: 1_709_164_800), extendedEnd: now - 30 * day),
        ])
        let forwarder = LoopbackForwarder(upstream: harness.moto.endpoint)
        let server = try LoopbackServer { request in
            if let answer = stub.respond(to: request) { return answer }
            return await forwarder.forward(request)
        }
        defer { server.stop() }

        let eventFile = directory.appendingPathComponent("event.json")
        try Data("{}".utf8).write(to: eventFile)
        let environment = harness.functionEnvironment().merging(["SCAN_REGIONS": "us-east-1"]) { $1 }
        let collected = try Subprocess.run(
            [try Self.sibling("inventory-collector"), "--event", eventFile.path],
            environment: environment.merging(["AWS_ENDPOINT_URL": server.baseURL]) { $1 })
        try #require(collected.succeeded, "collector: \(collected.stderr)")
        #expect(server.requests.contains { LifecycleAPIStub.operation(of: $0) == .describeClusterVersions })
        #expect(server.requests.contains { LifecycleAPIStub.operation(of: $0) == .describeDBMajorEngineVersions })
        let body = try #require(
            (try JSONSerialization.jsonObject(with: Data(collected.stdout.utf8)) as? [String: Any])?["body"]
                as? [String: Any])
        #expect(body["errors"] as? [String] == [], "the lookups succeeded")
        let scanID = try #require(body["scan_id"] as? String)

        // The analyzer reads the scan (and its summary, with the live dates) straight from moto.
        try Data(Self.completionEvent(scanID: scanID).utf8).write(to: eventFile)
        let jsonFile = directory.appendingPathComponent("findings.json")
        let analyzed = try Subprocess.run(
            [try Self.executable(), "--event", eventFile.path, "--findings-json", jsonFile.path],
            environment: environment)
        try #require(analyzed.succeeded, "analyzer: \(analyzed.stderr)")
        let all = try JSONDecoder().decode([FindingRow].self, from: Data(contentsOf: jsonFile))
        /// The rule's findings about the seeded resources for which `matches` holds.
        func rows(_ rule: String, where matches: ([String: JSONAttribute]) -> Bool) -> [FindingRow] {
            let ids = Self.resources(manifest, rule == "eos.eks.version" ? "eks.cluster" : "rds.instance", matches)
            return all.filter { $0.finding_id == rule && ids.contains($0.resource_id) }
        }

        let eks130 = rows("eos.eks.version") { $0["kubernetes_version"] == .string("1.30") }
        #expect(!eks130.isEmpty)
        #expect(eks130.allSatisfy { $0.severity == "high" && $0.detail.contains("live AWS API") }, "\(eks130)")
        let eks127 = rows("eos.eks.version") { $0["kubernetes_version"] == .string("1.27") }
        #expect(!eks127.isEmpty)
        #expect(eks127.allSatisfy { $0.severity == "critical" && $0.detail.contains("bundled table") }, "\(eks127)")
        let mysql57 = rows("eos.rds.engine") { $0["engine_version"] == .string("5.7.44") }
        #expect(!mysql57.isEmpty)
        #expect(mysql57.allSatisfy { $0.severity == "critical" && $0.detail.contains("live AWS API") }, "\(mysql57)")
        let postgres = rows("eos.rds.engine") { $0["engine"] == .string("postgres") }
        #expect(postgres.allSatisfy { $0.detail.contains("bundled table") }, "\(postgres)")

        let reports = try harness.receiveReports()
        try #require(reports.count == 1)
        #expect(reports[0].message.contains("live AWS lifecycle dates for 2 EKS/RDS versions took precedence"))
    }
}
