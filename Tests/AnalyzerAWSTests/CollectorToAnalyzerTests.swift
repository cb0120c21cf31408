import Foundation
import InfragenTestSupport
import Testing

/// End to end on moto, as the deployed stack runs: an estate made by `tools/collector/seed_estate.py` →
/// `inventory-collector` → `inventory-analyzer` (given the collector's completion event) → the report on SQS.
/// Expectations come from the seeder's manifest (what was requested), not from either runtime.
extension AnalyzerOnMotoTests {
    struct ManifestEntry: Decodable {
        var resource_id: String
        var resource_type: String
        var attributes: [String: JSONAttribute]
    }

    enum JSONAttribute: Decodable, Equatable {
        case string(String), number(Double), bool(Bool), list([String]), other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([String].self) { self = .list(value) }
            else { self = .other }
        }
    }

    /// Seeds the sample estate (`tools/collector/seed_estate.py`) in us-east-1 and returns its manifest: what was
    /// requested, which the tests' expectations come from.
    static func seedSampleEstate(_ harness: MotoEstateHarness, in directory: URL) throws -> [ManifestEntry] {
        let manifestFile = directory.appendingPathComponent("manifest.json")
        let seeded = try Subprocess.run([
            "python3", RepoPaths.file("tools/collector/seed_estate.py").path, harness.moto.endpoint, "us-east-1",
            "--manifest", manifestFile.path,
        ])
        guard seeded.succeeded else { throw HarnessFailure(description: "seeding failed: \(seeded.stderr)") }
        return try JSONDecoder().decode([ManifestEntry].self, from: Data(contentsOf: manifestFile))
    }

    /// The resources of `type` for which `matches` holds, by id.
    static func resources(_ manifest: [ManifestEntry], _ type: String,
                          _ matches: ([String: JSONAttribute]) -> Bool) -> Set<String> {
        Set(manifest.filter { $0.resource_type == type && matches($0.attributes) }.map(\.resource_id))
    }

    @Test func collectorThenAnalyzerReportTheSeededEstate() async throws {
        let harness = try MotoEstateHarness(moto: try SharedMoto.get())
        let directory = try RepoPaths.scratchDirectory("analyzer-e2e")
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = try Self.seedSampleEstate(harness, in: directory)

        let eventFile = directory.appendingPathComponent("event.json")
        try Data("{}".utf8).write(to: eventFile)
        let environment = harness.functionEnvironment().merging(["SCAN_REGIONS": "us-east-1"]) { $1 }
        let collected = try Subprocess.run([try Self.sibling("inventory-collector"), "--event", eventFile.path],
                                           environment: environment)
        try #require(collected.succeeded, "collector: \(collected.stderr)")
        let collectorBody = try #require(
            (try JSONSerialization.jsonObject(with: Data(collected.stdout.utf8)) as? [String: Any])?["body"]
                as? [String: Any])
        let scanID = try #require(collectorBody["scan_id"] as? String)

        // The analyzer gets the collector's completion event, as EventBridge would deliver it.
        let event = Self.completionEvent(scanID: scanID)
        try Data(event.utf8).write(to: eventFile)
        let jsonFile = directory.appendingPathComponent("findings.json")
        let analyzed = try Subprocess.run(
            [try Self.executable(), "--event", eventFile.path, "--findings-json", jsonFile.path],
            environment: environment)
        try #require(analyzed.succeeded, "analyzer: \(analyzed.stderr)")
        let body = try #require(
            (try JSONSerialization.jsonObject(with: Data(analyzed.stdout.utf8)) as? [String: Any])?["body"]
                as? [String: Any])
        #expect(body["resources_analyzed"] as? Int == manifest.count)
        #expect(body["summary_source"] as? String == "rules")

        let findings = try JSONSerialization.jsonObject(with: Data(contentsOf: jsonFile)) as? [[String: Any]] ?? []
        #expect(body["findings"] as? Int == findings.count)
        var byRule: [String: Set<String>] = [:]
        for finding in findings {
            byRule[finding["finding_id"] as? String ?? "?", default: []].insert(finding["resource_id"] as? String ?? "")
        }
        // No finding about a resource that was not seeded.
        let seededIDs = Set(manifest.map(\.resource_id))
        #expect(byRule.values.reduce(Set<String>()) { $0.union($1) }.isSubset(of: seededIDs))

        // Rules whose trigger the manifest states directly: exactly the resources it implies, no more, no fewer.
        let expected: [String: Set<String>] = [
            "idle.ec2.stopped": Self.resources(manifest, "ec2.instance") { $0["state"] == .string("stopped") },
            "idle.ebs.unattached": Self.resources(manifest, "ebs.volume") {
                $0["attached_instance_ids"] == nil || $0["attached_instance_ids"] == .list([])
            },
            "cost.ebs.gp2": Self.resources(manifest, "ebs.volume") { $0["volume_type"] == .string("gp2") },
            "cmp.ebs.unencrypted": Self.resources(manifest, "ebs.volume") { $0["encrypted"] == .bool(false) },
            "cost.s3.no-lifecycle": Self.resources(manifest, "s3.bucket") {
                $0["lifecycle_configured"] == .bool(false)
            },
            "cmp.s3.versioning": Self.resources(manifest, "s3.bucket") {
                if case .string(let status)? = $0["versioning_status"] { return status != "Enabled" }
                return false
            },
            "cmp.rds.backup-retention": Self.resources(manifest, "rds.instance") {
                if case .number(let days)? = $0["backup_retention_period"] { return days < 7 }
                return false
            },
            "cmp.rds.unencrypted": Self.resources(manifest, "rds.instance") {
                $0["storage_encrypted"] == .bool(false)
            },
            "cmp.rds.multi-az": Self.resources(manifest, "rds.instance") {
                guard case .string(let engine)? = $0["engine"], !engine.hasPrefix("aurora") else { return false }
                return $0["multi_az"] == .bool(false)
            },
        ]
        for (rule, resources) in expected {
            #expect(byRule[rule, default: []] == resources, "\(rule)")
            #expect(!resources.isEmpty, "the seeded estate should trigger \(rule)")
        }

        let reports = try harness.receiveReports()
        try #require(reports.count == 1)
        #expect(reports[0].subject == "AWS Inventory Alert - \(manifest.count) Resources Scanned")
        #expect(reports[0].message.contains("Scan: \(scanID)"))
        // moto lacks the lifecycle APIs: the collector reports those lookups as failed but the scan as complete, and
        // the report must agree with the scan summary (and keep each failure on one line).
        #expect(collectorBody["complete"] as? Bool == true)
        #expect(!reports[0].message.contains("INCOMPLETE"))
        #expect(!reports[0].message.contains("<html"))
        for (rule, resources) in expected {
            for resource in resources {
                #expect(reports[0].message.contains("[\(rule)] \(resource)"), "\(rule) \(resource) not in the report")
            }
        }
    }

    /// A runtime binary next to the test bundle.
    static func sibling(_ name: String) throws -> String { try Tools.builtExecutable(name) }
}
