/// The type-specific attributes of one resource kind, stored flat beside the common attributes of the item.
/// Attribute names are unique across kinds, so one item never holds two meanings for a name.
public protocol ResourceAttributes: Sendable, Hashable {
    /// The kind these attributes describe.
    static var resourceType: ResourceType { get }
    /// Writes the attributes into the item's flat map (absent facts are skipped).
    func encode(into map: inout AttributeMap)
    /// Reads the attributes from an item's flat map.
    init(decoding map: AttributeMap) throws
}
