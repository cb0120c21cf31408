import AWSClient
import AWSServices
import Analyzer

/// Publishes the report to the topic with SNS `Publish`.
public struct SNSReportPublisher: ReportPublisher {
    /// SNS rejects subjects over 100 characters.
    public static let maxSubjectCharacters = 100

    public var client: AWSClient
    public var topicARN: String

    public init(client: AWSClient, topicARN: String) {
        self.client = client
        self.topicARN = topicARN
    }

    public func publish(subject: String, message: String) async throws {
        _ = try await client.call(
            SNS.publish, SNS.PublishInput(topicArn: topicARN, message: message, subject: Self.subject(subject)))
    }

    /// A subject SNS accepts: printable, one line (SNS rejects control characters and line breaks), at most 100
    /// characters. The report's subject already is; this guards the boundary rather than trusting it.
    public static func subject(_ text: String) -> String {
        let line = String(text.map { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false)
            ? " " : $0 })
        guard line.count > maxSubjectCharacters else { return line }
        return String(line.prefix(maxSubjectCharacters - 1)) + "…"
    }
}
