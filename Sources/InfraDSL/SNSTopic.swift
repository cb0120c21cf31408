import InfraModel

/// An SNS topic with its subscriptions.
public struct SNSTopic: StackComponent {
    let topic: Topic

    public init(_ name: String, displayName: String = "", encryptedWith key: String? = nil,
                subscriptions: [Topic.Subscription] = []) {
        topic = Topic(name: name, displayName: displayName, encryptionKey: key, subscriptions: subscriptions)
    }

    public func contribute(to assembly: inout StackAssembly) { assembly.stack.topics.append(topic) }
}
