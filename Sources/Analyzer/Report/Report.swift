import Foundation

/// Which text the report's summary paragraph came from.
public enum SummarySource: String, Sendable, Hashable, Codable {
    case bedrock
    case rules
}

/// The email: what `Publish` sends to the topic.
public struct Report: Sendable, Hashable {
    /// SNS's limits: subject ≤ 100 characters, message ≤ 256 KB.
    public static let maxSubjectCharacters = 100
    public static let snsMessageLimitBytes = 262_144

    public var subject: String
    public var message: String
    public var summarySource: SummarySource

    /// `AWS Inventory Alert - N Resources Scanned`, as the seed's subject.
    public static func subject(resourceCount: Int) -> String {
        let text = "AWS Inventory Alert - \(resourceCount) Resources Scanned"
        return String(text.prefix(maxSubjectCharacters))
    }
}
