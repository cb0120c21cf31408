import Foundation

/// Encodes an `Encodable` shape as one XML element, the way botocore's rest-xml serializer writes a structure
/// payload (S3 `CreateBucket`'s `<CreateBucketConfiguration>`): members are child elements named by their coding
/// keys, in encoding order; lists are wrapped in an element named by the key, each item named by the key's
/// `AWSXMLListItemNames` entry (default `member`), unless the key is in `AWSXMLFlattenedLists`; booleans are
/// `true`/`false`, timestamps ISO 8601, blobs base64; an empty value is written `<Name />`; no XML declaration.
public struct XMLBodyEncoder: Sendable {
    public init() {}

    /// The element `<root xmlns="namespace">…</root>` as UTF-8.
    public func encode(_ value: some Encodable, root: String, namespace: String? = nil) throws -> Data {
        let document = XMLTree(name: "")
        try XMLTreeEncoder(parent: document, name: root, layout: .wrapped(item: "member")).encodeValue(value)
        guard let element = document.children.first else {
            throw AWSClientError(.invalidRequest, "the \(root) payload encoded to nothing")
        }
        if let namespace { element.attributes.append(("xmlns", namespace)) }
        var out: [UInt8] = []
        element.write(into: &out)
        return Data(out)
    }
}

/// For XML shapes, adopted by the shape's `CodingKeys`: the element name of each item of a wrapped list, by the
/// list member's key (S3's `Tags` holds `<Tag>` items; botocore's `member.locationName`).
public protocol AWSXMLListItemNames {
    static var xmlListItemNames: [String: String] { get }
}

/// An element being built: its name, attributes, text (for scalars) and children.
final class XMLTree {
    let name: String
    var attributes: [(name: String, value: String)] = []
    var text: String?
    var children: [XMLTree] = []

    init(name: String, text: String? = nil) {
        self.name = name
        self.text = text
    }

    func append(_ name: String, text: String? = nil) -> XMLTree {
        let child = XMLTree(name: name, text: text)
        children.append(child)
        return child
    }

    func write(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        out += name.utf8
        for attribute in attributes {
            out += " \(attribute.name)=\"".utf8
            Self.escape(attribute.value, attribute: true, into: &out)
            out.append(UInt8(ascii: "\""))
        }
        let text = text ?? ""
        if text.isEmpty && children.isEmpty {
            out += " />".utf8
            return
        }
        out.append(UInt8(ascii: ">"))
        Self.escape(text, attribute: false, into: &out)
        for child in children { child.write(into: &out) }
        out += "</\(name)>".utf8
    }

    /// `&`, `<`, `>` always (as botocore's ElementTree does); `"` in attributes; carriage return as a character
    /// reference, since an XML parser turns a literal one into a line feed.
    static func escape(_ text: String, attribute: Bool, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\"") where attribute: out += "&quot;".utf8
            case 0x0D: out += "&#13;".utf8
            default: out.append(byte)
            }
        }
    }
}

/// How the items of a list value are laid out under its member's name.
enum XMLListLayout {
    /// `<Name><Item>…</Item><Item>…</Item></Name>`.
    case wrapped(item: String)
    /// `<Name>…</Name><Name>…</Name>`, directly in the parent.
    case flattened
}

/// Encodes one value as the element `name` inside `parent`.
struct XMLTreeEncoder: Encoder {
    let parent: XMLTree
    let name: String
    let layout: XMLListLayout
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(XMLTreeKeyedContainer<Key>(element: parent.append(name), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        switch layout {
        case .wrapped(let item):
            return XMLTreeUnkeyedContainer(parent: parent.append(name), itemName: item, codingPath: codingPath)
        case .flattened:
            return XMLTreeUnkeyedContainer(parent: parent, itemName: name, codingPath: codingPath)
        }
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        XMLTreeSingleValueContainer(encoder: self)
    }

    /// Scalars become an element with text; anything else encodes itself through this encoder.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if let text = Self.scalarText(value) {
            _ = parent.append(name, text: text)
        } else {
            try value.encode(to: self)
        }
    }

    static func scalarText(_ value: Any) -> String? {
        switch value {
        case let data as Data: return data.base64EncodedString()
        case let date as Date: return ISO8601DateFormatter().string(from: date)
        default: return QueryEncoderImpl.scalarText(value)
        }
    }
}

struct XMLTreeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let element: XMLTree
    var codingPath: [any CodingKey]

    func encoder(for key: Key) -> XMLTreeEncoder {
        let name = key.stringValue
        let layout: XMLListLayout
        if let flattened = Key.self as? any AWSXMLFlattenedLists.Type, flattened.flattenedXMLKeys.contains(name) {
            layout = .flattened
        } else {
            let itemNames = (Key.self as? any AWSXMLListItemNames.Type)?.xmlListItemNames ?? [:]
            layout = .wrapped(item: itemNames[name] ?? "member")
        }
        return XMLTreeEncoder(parent: element, name: name, layout: layout, codingPath: codingPath + [key])
    }

    /// An absent member is left out, as botocore leaves out a parameter not given.
    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder(for: key).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder(for: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder(for: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        XMLTreeEncoder(parent: element, name: "super", layout: .wrapped(item: "member"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder(for: key) }
}

struct XMLTreeUnkeyedContainer: UnkeyedEncodingContainer {
    /// The element the items go in: the wrapper, or the list member's parent when the list is flattened.
    let parent: XMLTree
    let itemName: String
    var codingPath: [any CodingKey]
    var count = 0

    init(parent: XMLTree, itemName: String, codingPath: [any CodingKey]) {
        self.parent = parent
        self.itemName = itemName
        self.codingPath = codingPath
    }

    private mutating func nextItem() -> XMLTreeEncoder {
        count += 1
        return XMLTreeEncoder(parent: parent, name: itemName, layout: .wrapped(item: "member"), codingPath: codingPath)
    }

    mutating func encodeNil() throws {}

    mutating func encode<T: Encodable>(_ value: T) throws { try nextItem().encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        nextItem().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { nextItem().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder { nextItem() }
}

struct XMLTreeSingleValueContainer: SingleValueEncodingContainer {
    let encoder: XMLTreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws {}

    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
}
