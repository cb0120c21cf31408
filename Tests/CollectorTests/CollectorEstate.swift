import AWSClient
import AWSSigV4
import Collector
import Foundation
import InfragenTestSupport
import Inventory
import InventoryStore

/// One moto server holding the seeded estate (two regions, every kind, more than a page where moto pages), shared
/// by the suites of this target: scans only read it, and each test writes to its own table.
enum CollectorEstate {
    static let regions = ["us-east-1", "eu-west-1"]

    struct Expected: Decodable, Sendable {
        var resource_id: String
        var resource_type: String
        var region: String
        var attributes: [String: JSONValue]
    }

    struct Setup: Sendable {
        var server: MotoServer
        var expected: [Expected]
    }

    static let shared: Result<Setup, Error> = Result {
        let server = try MotoServer()
        let manifest = try RepoPaths.scratchDirectory("collector-estate").appendingPathComponent("manifest.json")
        let result = try Subprocess.run([
            "python3", RepoPaths.file("tools/collector/seed_estate.py").path, server.endpoint,
            regions.joined(separator: ","), "--manifest", manifest.path,
        ])
        guard result.succeeded else { throw Failure(description: "seeding failed:\n\(result.stderr)") }
        let expected = try JSONDecoder().decode([Expected].self, from: Data(contentsOf: manifest))
        return Setup(server: server, expected: expected)
    }

    static func setup() throws -> Setup { try shared.get() }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Creates an inventory table shaped as the blueprint renders it (keys, GSI `scan_date-index`).
    static func createTable(_ name: String, server: MotoServer) throws {
        let result = try Subprocess.run([
            "aws", "dynamodb", "create-table", "--table-name", name,
            "--attribute-definitions", "AttributeName=resource_id,AttributeType=S",
            "AttributeName=timestamp,AttributeType=S", "AttributeName=scan_date,AttributeType=S",
            "--key-schema", "AttributeName=resource_id,KeyType=HASH", "AttributeName=timestamp,KeyType=RANGE",
            "--global-secondary-indexes",
            #"[{"IndexName":"scan_date-index","KeySchema":[{"AttributeName":"scan_date","KeyType":"HASH"}],"#
            + #""Projection":{"ProjectionType":"ALL"}}]"#,
            "--billing-mode", "PAY_PER_REQUEST",
        ], environment: server.clientEnvironment)
        guard result.succeeded else { throw Failure(description: "create-table failed: \(result.stderr)") }
    }

    /// Reads a whole scan back with the aws CLI (`Query` on the GSI, every page): a real client reads what we
    /// wrote.
    static func queryScan(_ scanDate: String, table: String, server: MotoServer) throws -> [InventoryItem] {
        let result = try Subprocess.run([
            "aws", "dynamodb", "query", "--table-name", table, "--index-name", "scan_date-index",
            "--key-condition-expression", "scan_date = :k",
            "--expression-attribute-values", #"{":k":{"S":"\#(scanDate)"}}"#, "--output", "json",
        ], environment: server.clientEnvironment)
        guard result.succeeded else { throw Failure(description: "query failed: \(result.stderr)") }
        struct Page: Decodable { var Items: [DynamoDBItem] }
        let page = try JSONDecoder().decode(Page.self, from: Data(result.stdout.utf8))
        return try page.Items.map { try InventoryItem(dynamoDBItem: $0) }
    }

    /// The scan-summary item, read with the aws CLI.
    static func summary(_ scan: ScanKey, table: String, server: MotoServer) throws -> ScanSummary {
        let key = #"{"resource_id":{"S":"inventory#scan-summary"},"timestamp":{"S":"\#(scan.timestamp)"}}"#
        let result = try Subprocess.run([
            "aws", "dynamodb", "get-item", "--table-name", table, "--key", key, "--output", "json",
        ], environment: server.clientEnvironment)
        guard result.succeeded else { throw Failure(description: "get-item failed: \(result.stderr)") }
        struct Answer: Decodable { var Item: DynamoDBItem }
        return try ScanSummary(dynamoDBItem: JSONDecoder().decode(Answer.self, from: Data(result.stdout.utf8)).Item)
    }

    /// A collector on the estate, writing to `table`, with an optional transport wrapper for fault injection.
    static func collector(
        table: String, server: MotoServer, transport: (any HTTPTransport)? = nil, observer: AWSCallRecorder? = nil,
        pageSizes: PageSizes = PageSizes(ec2: 5, rds: 20, lambda: 3, eks: 2, s3: 10_000), concurrency: Int = 6,
        retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5), maxBackoff: .milliseconds(50))
    ) -> InventoryCollector {
        collector(table: table, endpoint: server.endpoint, transport: transport, observer: observer,
                  pageSizes: pageSizes, concurrency: concurrency, retry: retry)
    }

    /// The same, through another endpoint (a loopback stub in front of moto).
    static func collector(
        table: String, endpoint: String, transport: (any HTTPTransport)? = nil, observer: AWSCallRecorder? = nil,
        pageSizes: PageSizes = PageSizes(ec2: 5, rds: 20, lambda: 3, eks: 2, s3: 10_000), concurrency: Int = 6,
        retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5), maxBackoff: .milliseconds(50))
    ) -> InventoryCollector {
        let client = AWSClient(AWSClientConfiguration(
            region: "us-east-1",
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing")),
            endpoints: EndpointResolver(environment: ["AWS_ENDPOINT_URL": endpoint]),
            transport: transport ?? AsyncHTTPClientTransport.shared, retry: retry, observer: observer))
        let configuration = CollectorConfiguration(
            tableName: table, regions: regions, retentionDays: 30, concurrency: concurrency, pageSizes: pageSizes)
        return InventoryCollector(configuration: configuration, client: client)
    }
}

/// A JSON value of the manifest.
enum JSONValue: Decodable, Hashable, Sendable {
    case string(String), number(Double), bool(Bool), list([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([JSONValue].self) { self = .list(v) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// The stored form the schema gives this value.
    var itemValue: ItemValue {
        switch self {
        case .string(let v): .string(v)
        case .number(let v): .number(v)
        case .bool(let v): .bool(v)
        case .list(let v): .stringList(v.map { if case .string(let s) = $0 { s } else { "\($0)" } })
        case .object(let v): .map(v.mapValues(\.itemValue))
        }
    }
}
