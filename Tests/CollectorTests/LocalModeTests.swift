import Foundation
import InfragenTestSupport
import Testing

/// The `inventory-collector` executable, run as a process in local mode against the moto estate.
@Suite struct CollectorExecutableTests {
    static func executable() throws -> String { try Tools.builtExecutable("inventory-collector") }

    /// An EventBridge scheduled event, as the `inventory-daily-scan` rule sends it.
    static let scheduledEvent = """
        {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",\
        "source":"aws.events","account":"123456789012","time":"2026-11-29T02:00:00Z","region":"us-east-1",\
        "resources":["arn:aws:events:us-east-1:123456789012:rule/inventory-daily-scan"],"detail":{}}
        """

    @Test func aScheduledEventRunsOneScanAndPrintsTheResponse() throws {
        let setup = try CollectorEstate.setup()
        try CollectorEstate.createTable("inventory-local", server: setup.server)
        let directory = try RepoPaths.scratchDirectory("collector-local")
        let event = directory.appendingPathComponent("event.json")
        try Self.scheduledEvent.write(to: event, atomically: true, encoding: .utf8)
        let environment = setup.server.clientEnvironment.merging([
            "TABLE_NAME": "inventory-local", "SCAN_REGIONS": "us-east-1, eu-west-1", "RETENTION_DAYS": "7",
        ]) { _, new in new }
        let result = try Subprocess.run([try Self.executable(), "--event", event.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        struct Response: Decodable {
            struct Body: Decodable {
                var message: String
                var scan_id: String
                var counts: [String: Int]
                var errors: [String]
            }
            var statusCode: Int
            var body: Body
        }
        let response = try JSONDecoder().decode(Response.self, from: Data(result.stdout.utf8))
        #expect(response.statusCode == 200)
        #expect(response.body.message == "Successfully collected \(setup.expected.count) resources")
        // The scan's start is the event's time, so EventBridge retrying the event rewrites the same items.
        #expect(response.body.scan_id == "scan-20261129T020000Z")
        #expect(response.body.counts["s3.bucket"] == 4)
        let stored = try CollectorEstate.queryScan("2026-11-29#scan-20261129T020000Z", table: "inventory-local",
                                                   server: setup.server)
        #expect(stored.count == setup.expected.count)
        #expect(stored.allSatisfy { $0.expiresAt == Date(timeIntervalSince1970: 1_795_917_600 + 7 * 86_400) })
        #expect(result.stderr.contains("scan finished"))
    }

    @Test func aMissingTableNameIsAnInitErrorNamingTheVariable() throws {
        let directory = try RepoPaths.scratchDirectory("collector-local-bad")
        let event = directory.appendingPathComponent("event.json")
        try "{}".write(to: event, atomically: true, encoding: .utf8)
        let result = try Subprocess.run([try Self.executable(), "--event", event.path],
                                        environment: ["AWS_REGION": "us-east-1", "TABLE_NAME": ""])
        #expect(result.status == 1)
        #expect(result.stdout.contains("TABLE_NAME is not set"))
    }
}
