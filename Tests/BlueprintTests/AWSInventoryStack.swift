import InfraDSL
import InfraModel

/// The reference stack written with the Swift DSL; `DSLEquivalenceTests` proves it equals the YAML blueprint.
let awsInventoryStack = StackDefinition("aws-inventory", description: "Daily AWS inventory scan and FinOps analysis with an emailed report") {
    Tags(["Project": "aws-inventory", "ManagedBy": "infragen"])

    StackParameter("alert_email", description: "Address that receives the daily report (SNS sends it a confirmation email first)",
                   pattern: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#)
    StackParameter("bedrock_model_id", description: "Bedrock model that writes the report's summary; empty disables the AI summary",
                   default: "amazon.nova-lite-v1:0")
    StackParameter("retention_days", type: .number, description: "Days an inventory item is kept before DynamoDB's TTL removes it",
                   default: "90")

    Key("inventory", description: "Encrypts the inventory table, the alerts topic, the functions' logs and environments",
        rotation: true, deletionWindowDays: 30)

    DynamoTable("aws-inventory", attributes: ["resource_id": .S, "timestamp": .S, "scan_date": .S],
                hashKey: "resource_id", rangeKey: "timestamp") {
        GlobalIndex(name: "scan_date-index", hashKey: "scan_date", rangeKey: "resource_id", projection: .all)
    }
    .billing(.payPerRequest)
    .timeToLive("expires_at")
    .pointInTimeRecovery(true)
    .encrypted(with: "inventory")

    SNSTopic("inventory-alerts", displayName: "AWS Inventory", encryptedWith: "inventory",
             subscriptions: [.init(protocol: .email, endpoint: .ref(.parameter("alert_email")))])

    LambdaFunction("inventory-collector", runtime: "inventory-collector",
                   description: "Scans EC2, EBS, AMIs, RDS, S3, Lambda and EKS into the inventory table") {
        Environment("TABLE_NAME", .ref(.table("aws-inventory")))
        Environment("SCAN_REGIONS", .pseudo(.region))
        Environment("RETENTION_DAYS", .ref(.parameter("retention_days")))
        Environment("EVENT_BUS_NAME", "default")
    }
    .architecture(.x86_64).memory(128).timeout(300).reservedConcurrency(1).logRetention(days: 365)
    .encrypted(with: "inventory").tracing(.active).onFailure(.topic("inventory-alerts"))

    LambdaFunction("inventory-analyzer", runtime: "inventory-analyzer",
                   description: "Finds waste, end-of-support versions and compliance gaps, and emails the report") {
        Environment("TABLE_NAME", .ref(.table("aws-inventory")))
        Environment("TOPIC_ARN", .ref(.topic("inventory-alerts")))
        Environment("MODEL_ID", .ref(.parameter("bedrock_model_id")))
        Environment("REQUIRED_TAGS", "Owner,CostCenter,Environment")
        Environment("SNAPSHOT_MAX_AGE_DAYS", "90")
        Environment("STOPPED_MAX_DAYS", "30")
        Environment("EOL_WARNING_DAYS", "90")
    }
    .architecture(.x86_64).memory(256).timeout(120).reservedConcurrency(1).logRetention(days: 365)
    .encrypted(with: "inventory").tracing(.active).onFailure(.topic("inventory-alerts"))

    Schedule("inventory-daily-scan", "cron(0 2 * * ? *)", description: "Starts the inventory scan daily at 02:00 UTC",
             targets: ["inventory-collector"])
    EventPatternRule("inventory-trigger-analyzer",
                     pattern: .object(["source": .array([.string("inventory.collector")]),
                                       "detail-type": .array([.string("Inventory Scan Completed")])]),
                     description: "Runs the analysis when a scan completes", targets: ["inventory-analyzer"])

    StackOutput("table_name", .ref(.table("aws-inventory")), description: "The inventory table")
    StackOutput("topic_arn", .ref(.topic("inventory-alerts")), description: "The topic that carries the report")
    StackOutput("collector_function", .ref(.function("inventory-collector")), description: "The collector Lambda function")
    StackOutput("analyzer_function", .ref(.function("inventory-analyzer")), description: "The analyzer Lambda function")
}
