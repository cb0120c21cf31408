import Foundation

/// What the collector scans and where it stores it, from the environment the rendered function sets.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `TABLE_NAME` | the inventory table | required |
/// | `SCAN_REGIONS` | comma-separated regions | the function's region (`AWS_REGION`) |
/// | `SCAN_ACCOUNTS` | comma-separated `account_id:role_arn`, scanned through STS AssumeRole | none |
/// | `RETENTION_DAYS` | days until DynamoDB TTL expires an item (`expires_at`); `0` = no TTL | 90 |
/// | `EVENT_BUS_NAME` | bus of the completion event | `default` |
/// | `SCAN_CONCURRENCY` | service × region scans in flight at once | 8 |
public struct CollectorConfiguration: Sendable, Hashable {
    /// One account to scan through an assumed role.
    public struct Account: Sendable, Hashable {
        public var accountID: String
        public var roleARN: String

        public init(accountID: String, roleARN: String) {
            self.accountID = accountID
            self.roleARN = roleARN
        }
    }

    public var tableName: String
    public var regions: [String]
    public var accounts: [Account]
    public var retentionDays: Int
    public var eventBusName: String
    public var concurrency: Int
    public var pageSizes: PageSizes

    public init(tableName: String, regions: [String], accounts: [Account] = [], retentionDays: Int = 90,
                eventBusName: String = "default", concurrency: Int = 8, pageSizes: PageSizes = .maximum) {
        self.tableName = tableName
        self.regions = regions
        self.accounts = accounts
        self.retentionDays = retentionDays
        self.eventBusName = eventBusName
        self.concurrency = max(1, concurrency)
        self.pageSizes = pageSizes
    }

    /// Reads the configuration; throws `CollectorError(.configuration)` naming the variable at fault.
    public init(environment: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        guard let table = value("TABLE_NAME") else {
            throw CollectorError(.configuration, "TABLE_NAME is not set")
        }
        let home = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION")
        var regions = (value("SCAN_REGIONS") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if regions.isEmpty, let home { regions = [home] }
        guard !regions.isEmpty else {
            throw CollectorError(.configuration, "no region to scan: set SCAN_REGIONS or AWS_REGION")
        }
        for region in regions where !region.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) {
            throw CollectorError(.configuration, "SCAN_REGIONS: '\(region)' is not a region name")
        }
        var accounts: [Account] = []
        for entry in (value("SCAN_ACCOUNTS") ?? "").split(separator: ",") {
            let text = entry.trimmingCharacters(in: .whitespaces)
            guard let colon = text.firstIndex(of: ":") else {
                throw CollectorError(.configuration, "SCAN_ACCOUNTS: '\(text)' is not account_id:role_arn")
            }
            let account = String(text[..<colon]), role = String(text[text.index(after: colon)...])
            guard account.count == 12, account.allSatisfy(\.isNumber), role.hasPrefix("arn:"), role.contains(":role/")
            else {
                throw CollectorError(.configuration, "SCAN_ACCOUNTS: '\(text)' is not account_id:role_arn")
            }
            accounts.append(Account(accountID: account, roleARN: role))
        }
        let retention = try Self.integer(value("RETENTION_DAYS"), name: "RETENTION_DAYS", default: 90)
        let concurrency = try Self.integer(value("SCAN_CONCURRENCY"), name: "SCAN_CONCURRENCY", default: 8)
        guard concurrency >= 1 else { throw CollectorError(.configuration, "SCAN_CONCURRENCY must be at least 1") }
        var seen = Set<String>()
        regions = regions.filter { seen.insert($0).inserted }
        self.init(tableName: table, regions: regions,
                  accounts: accounts, retentionDays: retention, eventBusName: value("EVENT_BUS_NAME") ?? "default",
                  concurrency: concurrency)
    }

    private static func integer(_ text: String?, name: String, default fallback: Int) throws -> Int {
        guard let text else { return fallback }
        guard let number = Int(text), number >= 0 else {
            throw CollectorError(.configuration, "\(name): '\(text)' is not a non-negative integer")
        }
        return number
    }
}

/// The page size each list call asks for: AWS's maximum by default (fewest calls); tests lower them to force
/// several pages from a small estate.
public struct PageSizes: Sendable, Hashable {
    /// `DescribeInstances`/`DescribeVolumes`/`DescribeSnapshots`/`DescribeImages` `MaxResults` (5…1000).
    public var ec2: Int
    /// `DescribeDBInstances`/`DescribeDBMajorEngineVersions` `MaxRecords` (20…100).
    public var rds: Int
    /// `ListFunctions` `MaxItems` (AWS returns at most 50 whatever is asked).
    public var lambda: Int
    /// `ListClusters`/`DescribeClusterVersions` `maxResults` (1…100).
    public var eks: Int
    /// `ListBuckets` `max-buckets` (1…10000).
    public var s3: Int

    public init(ec2: Int, rds: Int, lambda: Int, eks: Int, s3: Int) {
        self.ec2 = ec2
        self.rds = rds
        self.lambda = lambda
        self.eks = eks
        self.s3 = s3
    }

    public static let maximum = PageSizes(ec2: 1000, rds: 100, lambda: 50, eks: 100, s3: 10_000)
}
