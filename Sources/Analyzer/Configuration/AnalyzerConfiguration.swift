import Foundation

/// The analyzer's settings, read from the environment the rendered function sets.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `TABLE_NAME` | `aws-inventory` | inventory table |
/// | `TOPIC_ARN` | (none) | SNS topic for the report |
/// | `MODEL_ID` | `amazon.nova-lite-v1:0` | Bedrock model or inference profile; empty disables Bedrock |
/// | `REQUIRED_TAGS` | `Owner,CostCenter,Environment` | comma-separated tag keys |
/// | `SNAPSHOT_MAX_AGE_DAYS` | 90 | `idle.ebs-snapshot.old` threshold |
/// | `STOPPED_MAX_DAYS` | 30 | `idle.ec2.stopped` severity threshold |
/// | `EOL_WARNING_DAYS` | 90 | warning window before Lambda/RDS/EKS end of support |
/// | `AMI_DEPRECATION_WARNING_DAYS` | 30 | warning window before an AMI's deprecation time |
/// | `COMMITMENT_MIN_DAYS` | 30 | continuous running time for `cost.ec2.commitment` |
public struct AnalyzerConfiguration: Sendable, Hashable {
    /// The blueprint's `bedrock_model_id` default: a foundation model (on-demand in us-east-1), so the derived
    /// `bedrock:InvokeModel` statement on `foundation-model/<id>` covers it; an inference profile would also need
    /// the profile's ARN and the model in every region it routes to. See `docs/analyzer.md`.
    public static let defaultModelID = "amazon.nova-lite-v1:0"
    public static let defaultRequiredTags = ["Owner", "CostCenter", "Environment"]

    public var tableName: String
    public var topicARN: String?
    /// Nil disables the Bedrock summary (the rule-based summary is used).
    public var modelID: String?
    public var requiredTags: [String]
    public var snapshotMaxAgeDays: Int
    public var stoppedMaxDays: Int
    public var eolWarningDays: Int
    public var amiDeprecationWarningDays: Int
    public var commitmentMinDays: Int

    public init(tableName: String = "aws-inventory", topicARN: String? = nil, modelID: String? = defaultModelID,
                requiredTags: [String] = defaultRequiredTags, snapshotMaxAgeDays: Int = 90, stoppedMaxDays: Int = 30,
                eolWarningDays: Int = 90, amiDeprecationWarningDays: Int = 30, commitmentMinDays: Int = 30) {
        self.tableName = tableName
        self.topicARN = topicARN
        self.modelID = modelID
        self.requiredTags = requiredTags
        self.snapshotMaxAgeDays = snapshotMaxAgeDays
        self.stoppedMaxDays = stoppedMaxDays
        self.eolWarningDays = eolWarningDays
        self.amiDeprecationWarningDays = amiDeprecationWarningDays
        self.commitmentMinDays = commitmentMinDays
    }

    /// Reads the configuration; unset variables take their defaults, malformed ones are an error naming the variable.
    public init(environment: [String: String]) throws {
        self.init()
        if let table = environment["TABLE_NAME"], !table.isEmpty { tableName = table }
        if let topic = environment["TOPIC_ARN"], !topic.isEmpty { topicARN = topic }
        if let model = environment["MODEL_ID"] {
            let trimmed = model.trimmingCharacters(in: .whitespaces)
            modelID = trimmed.isEmpty ? nil : trimmed
        }
        if let tags = environment["REQUIRED_TAGS"] {
            requiredTags = tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        snapshotMaxAgeDays = try Self.days(environment, "SNAPSHOT_MAX_AGE_DAYS", default: snapshotMaxAgeDays)
        stoppedMaxDays = try Self.days(environment, "STOPPED_MAX_DAYS", default: stoppedMaxDays)
        eolWarningDays = try Self.days(environment, "EOL_WARNING_DAYS", default: eolWarningDays)
        amiDeprecationWarningDays = try Self.days(environment, "AMI_DEPRECATION_WARNING_DAYS",
                                                  default: amiDeprecationWarningDays)
        commitmentMinDays = try Self.days(environment, "COMMITMENT_MIN_DAYS", default: commitmentMinDays)
    }

    private static func days(_ environment: [String: String], _ name: String, default value: Int) throws -> Int {
        guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return value }
        guard let days = Int(text), (0...36_500).contains(days) else {
            throw AnalyzerError(.invalidConfiguration,
                                "\(name) must be a whole number of days (0…36500), got '\(text)'")
        }
        return days
    }
}
