import Foundation
import InfragenTestSupport
import Testing

/// The launcher's EventBridge → Lambda delivery: moto matches the rule, PutEvents succeeds as on AWS (unpatched moto
/// answers 500), and the event the function would receive is recorded for a harness to run it with.
struct LambdaTargetTests {
    @Test("a matching event for a Lambda target is accepted and recorded; a non-matching one is not")
    func matchedEventsAreRecorded() throws {
        let spool = try RepoPaths.scratchDirectory("lambda-events")
        let moto = try MotoServer(environment: ["INFRAGEN_LAMBDA_EVENTS": spool.path])
        defer { moto.stop() }
        func aws(_ arguments: [String]) throws -> ProcessResult {
            try Subprocess.run(["aws"] + arguments + ["--output", "json"], environment: moto.clientEnvironment)
        }
        let pattern = #"{"source": ["inventory.collector"], "detail-type": ["Inventory Scan Completed"]}"#
        #expect(try aws(["events", "put-rule", "--name", "trigger", "--event-pattern", pattern]).succeeded)
        let target = "Id=analyzer,Arn=arn:aws:lambda:us-east-1:123456789012:function:inventory-analyzer"
        #expect(try aws(["events", "put-targets", "--rule", "trigger", "--targets", target]).succeeded)
        let entries = #"""
            [{"Source": "inventory.collector", "DetailType": "Inventory Scan Completed",
              "Detail": "{\"scan_id\": \"s-1\"}"},
             {"Source": "somebody.else", "DetailType": "Inventory Scan Completed", "Detail": "{\"scan_id\": \"s-2\"}"}]
            """#
        let put = try aws(["events", "put-events", "--entries", entries])
        #expect(put.succeeded && put.stdout.contains(#""FailedEntryCount": 0"#), "\(put.stderr)\n\(moto.logTail())")

        let lines = try String(contentsOf: spool.appendingPathComponent("inventory-analyzer.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(lines.count == 1)
        let recorded = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(recorded["rule"] as? String == "trigger")
        let event = try #require(recorded["event"] as? [String: Any])
        #expect(event["source"] as? String == "inventory.collector")
        #expect(event["detail-type"] as? String == "Inventory Scan Completed")
        #expect((event["detail"] as? [String: Any])?["scan_id"] as? String == "s-1")
        // As EventBridge delivers it: an ISO 8601 time, the account and region of the bus.
        #expect((event["time"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
        #expect(event["account"] as? String == "123456789012" && event["region"] as? String == "us-east-1")
    }
}
