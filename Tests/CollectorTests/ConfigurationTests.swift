import Collector
import Foundation
import Inventory
import Testing

@Suite struct ConfigurationTests {
    @Test func everyVariableIsRead() throws {
        let configuration = try CollectorConfiguration(environment: [
            "TABLE_NAME": "aws-inventory", "SCAN_REGIONS": " us-east-1,eu-west-1,us-east-1 ", "AWS_REGION": "eu-west-1",
            "SCAN_ACCOUNTS": "111122223333:arn:aws:iam::111122223333:role/inventory-read",
            "RETENTION_DAYS": "30", "EVENT_BUS_NAME": "ops", "SCAN_CONCURRENCY": "3",
        ])
        #expect(configuration == CollectorConfiguration(
            tableName: "aws-inventory", regions: ["us-east-1", "eu-west-1"],
            accounts: [.init(accountID: "111122223333", roleARN: "arn:aws:iam::111122223333:role/inventory-read")],
            retentionDays: 30, eventBusName: "ops", concurrency: 3))
    }

    @Test func defaultsAreTheFunctionsRegionAndTheDefaultBus() throws {
        let configuration = try CollectorConfiguration(environment: ["TABLE_NAME": "t", "AWS_REGION": "eu-west-1"])
        #expect(configuration.regions == ["eu-west-1"])
        #expect(configuration.eventBusName == "default" && configuration.retentionDays == 90)
        #expect(configuration.accounts.isEmpty && configuration.pageSizes == .maximum)
    }

    @Test(arguments: [
        (["AWS_REGION": "us-east-1"], "TABLE_NAME is not set"),
        (["TABLE_NAME": "t"], "no region to scan"),
        (["TABLE_NAME": "t", "SCAN_REGIONS": "us-east-1,EU West"], "SCAN_REGIONS: 'EU West'"),
        (["TABLE_NAME": "t", "AWS_REGION": "x", "SCAN_ACCOUNTS": "1234:arn:aws:iam::1234:role/r"], "SCAN_ACCOUNTS"),
        (["TABLE_NAME": "t", "AWS_REGION": "x", "SCAN_ACCOUNTS": "111122223333"], "account_id:role_arn"),
        (["TABLE_NAME": "t", "AWS_REGION": "x", "RETENTION_DAYS": "-1"], "RETENTION_DAYS: '-1'"),
        (["TABLE_NAME": "t", "AWS_REGION": "x", "SCAN_CONCURRENCY": "0"], "SCAN_CONCURRENCY"),
    ])
    func badConfigurationNamesTheVariable(environment: [String: String], text: String) {
        #expect {
            try CollectorConfiguration(environment: environment)
        } throws: { error in
            (error as? CollectorError)?.code == .configuration && "\(error)".contains(text)
        }
    }

    static let start = Date(timeIntervalSince1970: 1_795_917_600)  // 2026-11-29T02:00:00Z

    @Test func theScanKeyComesFromTheEvent() throws {
        #expect(try ScanEvent().scanKey(now: Self.start.addingTimeInterval(0.75))
                    == ScanKey(id: "scan-20261129T020000Z", startedAt: Self.start))
        #expect(try ScanEvent(time: "2026-11-29T02:00:00Z").scanKey(now: .distantFuture)
                    == ScanKey(id: "scan-20261129T020000Z", startedAt: Self.start))
        #expect(try ScanEvent(scanID: "scan-20261129T020000Z").scanKey(now: .distantFuture)
                    == ScanKey(id: "scan-20261129T020000Z", startedAt: Self.start))
        #expect(try ScanEvent(time: "2026-11-29T02:00:00Z", scanID: "manual-1").scanKey(now: .distantFuture)
                    == ScanKey(id: "manual-1", startedAt: Self.start))
    }

    @Test(arguments: [
        (ScanEvent(scanID: "manual-1"), "needs a 'time'"),
        (ScanEvent(time: "yesterday"), "not an ISO 8601"),
        (ScanEvent(time: "2026-11-29T02:00:00Z", scanID: "a#b"), "must not contain '#'"),
    ])
    func eventsThatWouldDuplicateAScanAreRejected(event: ScanEvent, text: String) {
        #expect { try event.scanKey(now: Self.start) } throws: { "\($0)".contains(text) }
    }
}
