/// Decodes inventory items attribute by attribute, as a streaming reader meets them, without building a whole
/// `AttributeMap` per item: the common attributes and the kind's attributes go into two short maps whose storage is
/// reused for every item, and all items of one scan share one parsed scan key.
///
/// The result and every error are exactly `InventoryItem(attributes:)`'s for the same attributes: both paths read
/// through the same initializer. Reading 100,000 items this way skips 100,000 maps built and freed
/// (see AnalyzerBench).
public struct InventoryItemDecoder {
    private var common = AttributeMap(capacity: 10)
    private var details = AttributeMap(capacity: 12)
    private var tags: [String: String]?
    private var cache: InventoryItem.ScanKeyCache?

    public init() {}

    /// Adds one attribute of the item being read (a later value of the same name replaces the earlier one).
    public mutating func add(_ name: String, _ value: ItemValue) {
        guard ItemKeys.isCommon(name) else { return details[name] = value }
        if name == ItemKeys.tags { tags = nil }
        common[name] = value
    }

    /// Adds the `tags` attribute already read as strings (a reader's shortcut for `.map` of `.string` values).
    public mutating func add(tags: [String: String]) {
        common[ItemKeys.tags] = nil
        self.tags = tags
    }

    /// The item whose attributes were added since the last `finish()` or `discard()`.
    public mutating func finish() throws -> InventoryItem {
        defer { discard() }
        return try InventoryItem(common: common, details: details, tags: tags, cache: &cache)
    }

    /// Forgets the attributes added so far (an item that could not be read to its end).
    public mutating func discard() {
        common.removeAll(keepingCapacity: true)
        details.removeAll(keepingCapacity: true)
        tags = nil
    }
}
