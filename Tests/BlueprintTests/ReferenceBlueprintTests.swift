import Blueprint
import Foundation
import InfraModel
import InfragenTestSupport
import Testing

@Suite("The reference blueprint")
struct ReferenceBlueprintTests {
    static func load() throws -> Stack {
        try Blueprint.load(path: RepoPaths.file("blueprints/aws-inventory.yaml").path)
    }

    @Test("describes the seed stack with its names")
    func seedNames() throws {
        let stack = try Self.load()
        #expect(stack.name == "aws-inventory")
        #expect(stack.tables.map(\.name) == ["aws-inventory"])
        #expect(stack.functions.map(\.name) == ["inventory-collector", "inventory-analyzer"])
        #expect(stack.rules.map(\.name) == ["inventory-daily-scan", "inventory-trigger-analyzer"])
        #expect(stack.topics.map(\.name) == ["inventory-alerts"])
        #expect(stack.roles.map(\.name) == ["inventory-collector-role", "inventory-analyzer-role"])
        #expect(stack.logGroups.map(\.path) == ["/aws/lambda/inventory-collector", "/aws/lambda/inventory-analyzer"])
    }

    @Test("table: resource_id/timestamp keys, scan_date index, TTL, PITR and KMS")
    func table() throws {
        let table = try #require(try Self.load().tables.first)
        #expect(table.hashKey == "resource_id")
        #expect(table.rangeKey == "timestamp")
        #expect(table.globalIndexes.map(\.hashKey) == ["scan_date"])
        #expect(table.ttlAttribute == "expires_at")
        #expect(table.pointInTimeRecovery)
        #expect(table.encryptionKey == "inventory")
    }

    @Test("the daily schedule and the completion event trigger the two functions")
    func rules() throws {
        let stack = try Self.load()
        #expect(stack.rules[0].trigger == .schedule("cron(0 2 * * ? *)"))
        #expect(stack.rules[0].targets == ["inventory-collector"])
        #expect(stack.rules[1].trigger == .pattern(.object([
            "source": .array([.string("inventory.collector")]),
            "detail-type": .array([.string("Inventory Scan Completed")]),
        ])))
        #expect(stack.rules[1].targets == ["inventory-analyzer"])
    }

    @Test("the alert address is a required parameter and appears nowhere else")
    func emailIsAParameter() throws {
        let stack = try Self.load()
        let parameter = try #require(stack.parameters.first { $0.name == "alert_email" })
        #expect(parameter.defaultValue == nil)
        #expect(stack.topics[0].subscriptions.map(\.endpoint) == [.ref(Reference(.parameter, "alert_email", .value))])
        let text = try String(contentsOf: RepoPaths.file("blueprints/aws-inventory.yaml"), encoding: .utf8)
        #expect(text.firstMatch(of: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/) == nil)
    }

    @Test("no policy grants a wildcard action")
    func noWildcardActions() throws {
        let actions = try Self.load().roles.flatMap(\.policies).flatMap(\.statements).flatMap(\.actions)
        #expect(!actions.isEmpty)
        #expect(actions.allSatisfy { !$0.contains("*") && $0.split(separator: ":").count == 2 })
    }
}
