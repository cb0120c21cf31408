/// A failure of the DynamoDB mapping or of writing inventory items.
public struct InventoryStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A stored attribute has a DynamoDB type the schema does not use.
        case unsupportedAttribute
        /// Some items could not be written (after resending `UnprocessedItems`, or the request failed).
        case unwritten
    }

    public var code: Code
    /// The attribute at fault (`tags.Owner`, `attached_instance_ids[2]`), when there is one.
    public var attribute: String?
    public var message: String

    public init(_ code: Code, attribute: String? = nil, _ message: String) {
        self.code = code
        self.attribute = attribute
        self.message = message
    }

    public var description: String {
        "\(code.rawValue)" + (attribute.map { " (\($0))" } ?? "") + ": " + message
    }
}
