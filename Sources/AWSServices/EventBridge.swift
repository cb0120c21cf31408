import AWSClient
import Foundation

/// EventBridge (awsJson1_1).
public enum EventBridge {
    public static let putEvents = AWSOperation<PutEventsInput, PutEventsOutput>(
        service: .eventBridge, name: "PutEvents", iamAction: "events:PutEvents",
        resourceARN: "arn:${Partition}:events:${Region}:${Account}:event-bus/${EventBusName}")

    static let all = [putEvents.descriptor]

    public struct Entry: Encodable, Sendable {
        public var source: String
        public var detailType: String
        /// A JSON object, as text.
        public var detail: String
        /// Name or ARN; nil for the default bus.
        public var eventBusName: String?
        public var resources: [String]?
        public var time: Date?
        public init(
            source: String, detailType: String, detail: String, eventBusName: String? = nil,
            resources: [String]? = nil, time: Date? = nil
        ) {
            self.source = source
            self.detailType = detailType
            self.detail = detail
            self.eventBusName = eventBusName
            self.resources = resources
            self.time = time
        }
        enum CodingKeys: String, CodingKey {
            case source = "Source", detailType = "DetailType", detail = "Detail", eventBusName = "EventBusName"
            case resources = "Resources", time = "Time"
        }
    }

    public struct PutEventsInput: AWSInput {
        public var entries: [Entry]
        public init(entries: [Entry]) { self.entries = entries }
        enum CodingKeys: String, CodingKey { case entries = "Entries" }
    }

    public struct PutEventsOutput: AWSOutput {
        public struct Result: Decodable, Sendable {
            public var eventId: String?
            public var errorCode: String?
            public var errorMessage: String?
            enum CodingKeys: String, CodingKey {
                case eventId = "EventId", errorCode = "ErrorCode", errorMessage = "ErrorMessage"
            }
        }
        public var failedEntryCount: Int?
        public var entries: [Result]?
        enum CodingKeys: String, CodingKey { case failedEntryCount = "FailedEntryCount", entries = "Entries" }
    }
}
