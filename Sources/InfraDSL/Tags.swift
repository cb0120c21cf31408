import InfraModel

/// Tags put on every taggable resource of the stack.
public struct Tags: StackComponent {
    let tags: [String: String]
    public init(_ tags: [String: String]) { self.tags = tags }
    public func contribute(to assembly: inout StackAssembly) { assembly.stack.tags.merge(tags) { _, new in new } }
}
