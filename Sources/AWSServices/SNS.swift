import AWSClient

/// SNS (query protocol).
public enum SNS {
    public static let publish = AWSOperation<PublishInput, PublishOutput>(
        service: .sns, name: "Publish", iamAction: "sns:Publish",
        resourceARN: "arn:${Partition}:sns:${Region}:${Account}:${TopicName}")

    static let all = [publish.descriptor]

    public struct PublishInput: AWSInput {
        public var topicArn: String
        public var message: String
        /// At most 100 characters (SNS rejects longer subjects).
        public var subject: String?
        public init(topicArn: String, message: String, subject: String? = nil) {
            self.topicArn = topicArn
            self.message = message
            self.subject = subject
        }
        enum CodingKeys: String, CodingKey { case topicArn = "TopicArn", message = "Message", subject = "Subject" }
    }

    public struct PublishOutput: AWSOutput {
        public var messageId: String?
        enum CodingKeys: String, CodingKey { case messageId = "MessageId" }
    }
}
