/// An error decoding or encoding a stored inventory item. One error type for the module, as in the house style.
public struct InventoryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// A required attribute is absent.
        case missingAttribute
        /// An attribute has another DynamoDB type than the schema says.
        case wrongType
        /// A date attribute is not an ISO 8601 UTC timestamp.
        case invalidDate
        /// `resource_type` names no kind this schema knows.
        case unknownResourceType
        /// A `scan_date` value does not have the form `YYYY-MM-DD#<scan id>`.
        case invalidScanKey
        /// The pages of a multi-item record are missing or inconsistent.
        case inconsistentPages
    }

    public var code: Code
    /// The attribute concerned, when there is one.
    public var attribute: String?
    /// A human-readable explanation.
    public var message: String

    public init(_ code: Code, attribute: String? = nil, _ message: String) {
        self.code = code
        self.attribute = attribute
        self.message = message
    }

    public var description: String {
        if let attribute { return "inventory item attribute '\(attribute)': \(message)" }
        return "inventory item: \(message)"
    }
}
