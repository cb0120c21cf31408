import Foundation

/// Decodes `Decodable` shapes from an `XMLNode` the way AWS's XML protocols lay them out: members are child
/// elements named by the coding key; lists are wrapped (`<Key><member|item|Anything>..</..></Key>`) unless the
/// containing type lists the key in `AWSXMLFlattenedLists`; timestamps are ISO 8601; booleans `true`/`false`.
public enum XMLShapeDecoder {
    public static func decode<T: Decodable>(_ type: T.Type, from node: XMLNode) throws -> T {
        try T(from: XMLElementDecoder(nodes: [node], codingPath: [], flattened: false))
    }
}

/// A decoder over the elements that share one key (one element for a member, several for a flattened list).
struct XMLElementDecoder: Decoder {
    let nodes: [XMLNode]
    let codingPath: [any CodingKey]
    /// Whether `nodes` are the items of a flattened list (rather than one wrapper element).
    let flattened: Bool
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var node: XMLNode? { nodes.first }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let node else { throw missing("element") }
        return KeyedDecodingContainer(XMLKeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let items = flattened ? nodes : (node?.children ?? [])
        return XMLUnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        XMLSingleValueContainer(decoder: self)
    }

    func missing(_ what: String) -> DecodingError {
        .valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "no \(what)"))
    }

    /// Decodes `T` from these nodes, with scalars parsed from text.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if let scalar = try decodeScalar(type) { return scalar }
        return try T(from: self)
    }

    func decodeScalar<T: Decodable>(_ type: T.Type) throws -> T? {
        guard let scalarType = type as? any XMLScalar.Type else { return nil }
        guard let node else { throw missing("value") }
        let text = Self.trimmed(node.text)
        guard let value = scalarType.init(xmlText: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath, debugDescription: "cannot read \(T.self) from \(text.debugDescription)"))
        }
        return value as? T
    }
}

extension XMLElementDecoder {
    /// The text without leading and trailing ASCII whitespace (Foundation's `trimmingCharacters` costs a third of
    /// a whole decode).
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return text }
        guard let start = utf8.firstIndex(where: { !isSpace($0) }), let end = utf8.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[start...end])
    }
}

/// Types read directly from element text.
protocol XMLScalar {
    init?(xmlText: String)
}

extension String: XMLScalar { init?(xmlText: String) { self = xmlText } }
extension Int: XMLScalar { init?(xmlText: String) { self.init(xmlText) } }
extension Int64: XMLScalar { init?(xmlText: String) { self.init(xmlText) } }
extension Int32: XMLScalar { init?(xmlText: String) { self.init(xmlText) } }
extension Double: XMLScalar { init?(xmlText: String) { self.init(xmlText) } }
extension Bool: XMLScalar {
    init?(xmlText: String) {
        switch xmlText.lowercased() {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
}
extension Date: XMLScalar {
    init?(xmlText: String) {
        guard let date = Timestamps.parseISO8601(xmlText) else { return nil }
        self = date
    }
}

struct XMLKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: XMLNode
    let codingPath: [any CodingKey]

    var allKeys: [Key] { node.children.compactMap { Key(stringValue: $0.name) } }

    func contains(_ key: Key) -> Bool { node.children.contains { $0.name == key.stringValue } }

    func decodeNil(forKey key: Key) throws -> Bool { !contains(key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let matches = node.children.filter { $0.name == key.stringValue }
        guard !matches.isEmpty else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "no <\(key.stringValue)>"))
        }
        return try decoder(for: key, matches).decodeValue(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        contains(key) ? try decode(type, forKey: key) : nil
    }

    private func decoder(for key: Key, _ matches: [XMLNode]) -> XMLElementDecoder {
        // Whether the *containing* type flattens this key is known only to it; Key's enclosing type conforms.
        let flattenedKeys = (Key.self as? any AWSXMLFlattenedLists.Type)?.flattenedXMLKeys ?? []
        return XMLElementDecoder(
            nodes: matches, codingPath: codingPath + [key], flattened: flattenedKeys.contains(key.stringValue))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try decoder(for: key, node.children.filter { $0.name == key.stringValue }).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(for: key, node.children.filter { $0.name == key.stringValue }).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        XMLElementDecoder(nodes: [node], codingPath: codingPath, flattened: false)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder(for: key, node.children.filter { $0.name == key.stringValue })
    }
}

struct XMLUnkeyedContainer: UnkeyedDecodingContainer {
    let items: [XMLNode]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(items: [XMLNode], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath, debugDescription: "list ended"))
        }
        let item = items[currentIndex]
        currentIndex += 1
        return try XMLElementDecoder(nodes: [item], codingPath: codingPath, flattened: false).decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let item = items[currentIndex]
        currentIndex += 1
        return try XMLElementDecoder(nodes: [item], codingPath: codingPath, flattened: false).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let item = items[currentIndex]
        currentIndex += 1
        return XMLUnkeyedContainer(items: item.children, codingPath: codingPath)
    }

    mutating func superDecoder() throws -> any Decoder {
        let item = items[currentIndex]
        currentIndex += 1
        return XMLElementDecoder(nodes: [item], codingPath: codingPath, flattened: false)
    }
}

struct XMLSingleValueContainer: SingleValueDecodingContainer {
    let decoder: XMLElementDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.node == nil }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}
