import AWSClient
import Collector
import Foundation
import InfragenTestSupport
import Inventory
import Testing

/// Faults injected between the collector and moto: the scan completes, nothing is lost, what failed is named.
@Suite(.serialized) struct FaultTests {
    static let scan = ScanKey(id: "scan-faults", startedAt: Date(timeIntervalSince1970: 1_795_924_800))

    static func expectAllStored(_ expected: [CollectorEstate.Expected], table: String, server: MotoServer) throws {
        let stored = try CollectorEstate.queryScan(scan.scanDate, table: table, server: server)
        #expect(Set(stored.map(\.resourceID)) == Set(expected.map(\.resource_id)))
        #expect(stored.count == expected.count)
    }

    @Test func unprocessedItemsAreResentAndNothingIsLost() async throws {
        let setup = try CollectorEstate.setup()
        try CollectorEstate.createTable("inventory-unprocessed", server: setup.server)
        // Every BatchWriteItem stores only 10 of its writes and hands the rest back as UnprocessedItems.
        let transport = FaultInjectingTransport { request in
            request.action == "BatchWriteItem" ? .partialBatchWrite(keep: 10) : .forward
        }
        let outcome = try await CollectorEstate.collector(table: "inventory-unprocessed", server: setup.server,
                                                          transport: transport).run(scan: Self.scan)
        #expect(transport.unprocessedWrites > 0)
        #expect(outcome.unwritten.isEmpty)
        #expect(outcome.summary.complete)
        try Self.expectAllStored(setup.expected, table: "inventory-unprocessed", server: setup.server)
    }

    @Test func accessDeniedOnOneServiceInOneRegionIsReportedAndTheRestIsStored() async throws {
        let setup = try CollectorEstate.setup()
        try CollectorEstate.createTable("inventory-denied", server: setup.server)
        let transport = FaultInjectingTransport { request in
            request.service == "rds" && request.region == "eu-west-1" && request.action == "DescribeDBInstances"
                ? .answer(FaultInjectingTransport.accessDenied(request.action)) : .forward
        }
        let outcome = try await CollectorEstate.collector(table: "inventory-denied", server: setup.server,
                                                          transport: transport).run(scan: Self.scan)
        #expect(!outcome.summary.complete)
        let denied = outcome.summary.errors.filter { $0.key == "rds:eu-west-1" }
        #expect(denied.count == 1 && denied.first?.message.contains("AccessDenied") == true)
        #expect(outcome.summary.counts[.rdsInstance]?["eu-west-1"] == nil)
        #expect(outcome.summary.counts[.rdsInstance]?["us-east-1"] == 22)
        let response = CollectorResponse(outcome)
        #expect(response.body.errors.contains { $0.hasPrefix("rds:eu-west-1: ") && $0.contains("AccessDenied") })
        #expect(!response.body.complete)
        let rest = setup.expected.filter { !($0.resource_type == "rds.instance" && $0.region == "eu-west-1") }
        try Self.expectAllStored(rest, table: "inventory-denied", server: setup.server)
        let summary = try CollectorEstate.summary(Self.scan, table: "inventory-denied", server: setup.server)
        #expect(summary.errors.map(\.key).contains("rds:eu-west-1") && !summary.complete)
    }

    @Test func throttlingOnOneCallInFiveIsRetriedAndTheScanIsComplete() async throws {
        let setup = try CollectorEstate.setup()
        try CollectorEstate.createTable("inventory-throttled", server: setup.server)
        // Every fifth request of any service (writes included) is throttled; the client retries with backoff.
        let transport = FaultInjectingTransport { request in
            request.number % 5 == 0 ? .answer(FaultInjectingTransport.throttled) : .forward
        }
        let outcome = try await CollectorEstate.collector(
            table: "inventory-throttled", server: setup.server, transport: transport,
            retry: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(5), maxBackoff: .milliseconds(40))
        ).run(scan: Self.scan)
        #expect(transport.injected * 5 >= transport.requests - 4)
        #expect(outcome.summary.complete, "\(outcome.summary.errors)")
        #expect(outcome.unwritten.isEmpty)
        try Self.expectAllStored(setup.expected, table: "inventory-throttled", server: setup.server)
    }

    @Test func throttlingPastTheRetriesIsReportedForThatServiceOnly() async throws {
        let setup = try CollectorEstate.setup()
        try CollectorEstate.createTable("inventory-throttled-out", server: setup.server)
        let transport = FaultInjectingTransport { request in
            request.service == "lambda" && request.region == "us-east-1"
                ? .answer(FaultInjectingTransport.throttled) : .forward
        }
        let outcome = try await CollectorEstate.collector(table: "inventory-throttled-out", server: setup.server,
                                                          transport: transport).run(scan: Self.scan)
        #expect(outcome.summary.errors.filter { $0.key == "lambda:us-east-1" }
                    .allSatisfy { $0.message.contains("ThrottlingException") })
        #expect(outcome.summary.errors.contains { $0.key == "lambda:us-east-1" })
        #expect(!outcome.summary.complete)
        let rest = setup.expected.filter { !($0.resource_type == "lambda.function" && $0.region == "us-east-1") }
        try Self.expectAllStored(rest, table: "inventory-throttled-out", server: setup.server)
    }
}
