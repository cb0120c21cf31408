import AWSClient
import Foundation
import InfragenTestSupport
import Inventory
import InventoryStore

/// The AWS side of the analyzer's tests on moto: the inventory table (with its `scan_date-index`), the report topic
/// and an SQS queue subscribed to it, created with the aws CLI; items written with the collector's
/// `InventoryWriter`, so they go through the same mapping as production data.
struct MotoEstateHarness {
    static let table = "aws-inventory"
    let moto: MotoServer
    let topicARN: String
    let queueURL: String

    var environment: [String: String] { moto.clientEnvironment }

    var client: AWSClient {
        get throws { AWSClient(try AWSClientConfiguration.fromEnvironment(environment)) }
    }

    /// The function's environment (Bedrock disabled unless `modelID` is given).
    func functionEnvironment(modelID: String = "") -> [String: String] {
        environment.merging(["TABLE_NAME": Self.table, "TOPIC_ARN": topicARN, "MODEL_ID": modelID]) { _, new in new }
    }

    init(moto: MotoServer) throws {
        self.moto = moto
        try moto.reset()
        let env = moto.clientEnvironment
        try Self.aws(env, [
            "dynamodb", "create-table", "--table-name", Self.table, "--billing-mode", "PAY_PER_REQUEST",
            "--attribute-definitions", "AttributeName=resource_id,AttributeType=S",
            "AttributeName=timestamp,AttributeType=S", "AttributeName=scan_date,AttributeType=S",
            "--key-schema", "AttributeName=resource_id,KeyType=HASH", "AttributeName=timestamp,KeyType=RANGE",
            "--global-secondary-indexes",
            #"[{"IndexName":"scan_date-index","KeySchema":[{"AttributeName":"scan_date","KeyType":"HASH"}],"#
                + #""Projection":{"ProjectionType":"ALL"}}]"#,
        ])
        topicARN = try Self.json(Self.aws(env, ["sns", "create-topic", "--name", "inventory-alerts"]))["TopicArn"]
            as? String ?? ""
        queueURL = try Self.json(Self.aws(env, ["sqs", "create-queue", "--queue-name", "report-inbox"]))["QueueUrl"]
            as? String ?? ""
        let attributes = try Self.json(Self.aws(env, [
            "sqs", "get-queue-attributes", "--queue-url", queueURL, "--attribute-names", "QueueArn",
        ]))["Attributes"] as? [String: String]
        try Self.aws(env, [
            "sns", "subscribe", "--topic-arn", topicARN, "--protocol", "sqs",
            "--notification-endpoint", attributes?["QueueArn"] ?? "",
        ])
    }

    /// Writes a scan's items and its summary.
    func seed(_ items: [InventoryItem], summary: ScanSummary) async throws {
        let writer = InventoryWriter(client: try client, table: Self.table)
        let report = await writer.write(items.map(\.dynamoDBItem) + [summary.dynamoDBItem])
        guard report.unwritten.isEmpty else {
            throw HarnessFailure(description: "seeding left items unwritten: \(report.unwritten)")
        }
    }

    /// The SNS notifications delivered to the queue so far (Subject, Message), oldest first.
    func receiveReports() throws -> [(subject: String, message: String)] {
        var reports: [(String, String)] = []
        while true {
            let output = try Self.aws(environment, [
                "sqs", "receive-message", "--queue-url", queueURL, "--max-number-of-messages", "10",
                "--wait-time-seconds", "0",
            ])
            guard !output.isEmpty, let messages = try Self.json(output)["Messages"] as? [[String: Any]],
                  !messages.isEmpty else { return reports }
            for message in messages {
                let envelope = try Self.json(message["Body"] as? String ?? "")
                reports.append((envelope["Subject"] as? String ?? "", envelope["Message"] as? String ?? ""))
                try Self.aws(environment, [
                    "sqs", "delete-message", "--queue-url", queueURL,
                    "--receipt-handle", message["ReceiptHandle"] as? String ?? "",
                ])
            }
        }
    }

    @discardableResult
    static func aws(_ environment: [String: String], _ arguments: [String]) throws -> String {
        // `--endpoint-url` as well as the environment: this awscli's SQS ignores `AWS_ENDPOINT_URL`.
        let endpoint = environment["AWS_ENDPOINT_URL"].map { ["--endpoint-url", $0] } ?? []
        let result = try Subprocess.run(["aws", "--output", "json"] + endpoint + arguments, environment: environment)
        guard result.succeeded else {
            throw HarnessFailure(description: "aws \(arguments.prefix(2).joined(separator: " ")) failed: "
                                            + result.stderr + result.stdout)
        }
        return result.stdout
    }

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
}

/// One moto server for the analyzer's suites (started on first use, stopped when the test process exits).
enum SharedMoto {
    static let server: Result<MotoServer, any Error> = Result { try MotoServer() }
    static func get() throws -> MotoServer { try server.get() }
}
