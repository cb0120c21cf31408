import InfraModel

/// A customer-managed KMS key.
public struct Key: StackComponent {
    let key: EncryptionKey
    public init(_ name: String, description: String = "", rotation: Bool = true, deletionWindowDays: Int = 30) {
        key = EncryptionKey(name: name, description: description, rotation: rotation, deletionWindowDays: deletionWindowDays)
    }
    public func contribute(to assembly: inout StackAssembly) { assembly.stack.keys.append(key) }
}
