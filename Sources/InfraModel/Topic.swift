/// An SNS topic and its subscriptions.
public struct Topic: Hashable, Sendable {
    public struct Subscription: Hashable, Sendable {
        public enum DeliveryProtocol: String, Hashable, Sendable, CaseIterable {
            case email, sqs, lambda, https, http, sms
            case emailJSON = "email-json"
        }

        public var `protocol`: DeliveryProtocol
        public var endpoint: Value

        public init(protocol: DeliveryProtocol, endpoint: Value) {
            self.protocol = `protocol`
            self.endpoint = endpoint
        }
    }

    public var name: String
    public var displayName: String
    public var encryptionKey: String?
    public var subscriptions: [Subscription]

    public init(name: String, displayName: String = "", encryptionKey: String? = nil, subscriptions: [Subscription] = []) {
        self.name = name
        self.displayName = displayName
        self.encryptionKey = encryptionKey
        self.subscriptions = subscriptions
    }
}
