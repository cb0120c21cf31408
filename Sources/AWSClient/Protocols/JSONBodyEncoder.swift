import Foundation
import JSONText

/// A streaming JSON encoder for request bodies: writes bytes as the shape encodes itself, with no intermediate
/// tree, and writes `AttributeValue`s directly. About five times cheaper than Foundation's `JSONEncoder` for a
/// DynamoDB item (see AWSClientBench); the JSON protocols encode every request body with it.
///
/// Streaming works because `Encodable` conformances encode members in order; a container is closed when its
/// parent writes its next member or finishes. Dates are epoch seconds, `Data` is base64, as AWS JSON expects.
public struct JSONBodyEncoder: Sendable {
    public init() {}

    public func encode(_ value: some Encodable) throws -> Data {
        let writer = JSONStreamWriter()
        try writer.writeValue(value, depth: 0)
        writer.closeContainers(deeperThan: -1)
        if writer.bytes.isEmpty { writer.bytes = Array("{}".utf8) }
        return Data(writer.bytes)
    }
}

final class JSONStreamWriter {
    var bytes: [UInt8] = []
    /// Open containers: their depth, closing byte and whether a member was written yet.
    var open: [(depth: Int, close: UInt8, hasMembers: Bool)] = []

    init() { bytes.reserveCapacity(512) }

    func closeContainers(deeperThan depth: Int) {
        while let last = open.last, last.depth > depth {
            bytes.append(last.close)
            open.removeLast()
        }
    }

    /// Starts a member of the container at `depth`: closes deeper containers, writes the separator.
    func beginMember(depth: Int) {
        closeContainers(deeperThan: depth)
        if let index = open.indices.last, open[index].depth == depth {
            if open[index].hasMembers { bytes.append(UInt8(ascii: ",")) }
            open[index].hasMembers = true
        }
    }

    func openContainer(depth: Int, open opening: UInt8, close: UInt8) {
        bytes.append(opening)
        open.append((depth, close, false))
    }

    func writeValue<T: Encodable>(_ value: T, depth: Int) throws {
        switch value {
        case let string as String: writeString(string)
        case let bool as Bool: appendStatic(bool ? "true" : "false")
        case let int as Int: bytes.append(contentsOf: String(int).utf8)
        case let int as Int64: bytes.append(contentsOf: String(int).utf8)
        case let int as Int32: bytes.append(contentsOf: String(int).utf8)
        case let double as Double: try writeDouble(double)
        case let date as Date: try writeDouble(date.timeIntervalSince1970)
        case let data as Data: writeString(data.base64EncodedString())
        case let attribute as AttributeValue: writeAttribute(attribute)
        case let item as [String: AttributeValue]: writeItem(item)
        default:
            try value.encode(to: JSONStreamEncoder(writer: self, depth: depth))
            closeContainers(deeperThan: depth)
        }
    }

    func writeDouble(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "JSON has no \(value)"))
        }
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: "\(value)".utf8)
        }
    }

    func writeItem(_ item: [String: AttributeValue]) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for (key, value) in item {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
            writeAttribute(value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    func writeAttribute(_ value: AttributeValue) {
        // Bytes are appended one by one or from static text: an array literal here would be a heap allocation per
        // attribute (millions per analyzer run).
        func tagged(_ tag: StaticString, _ body: () -> Void) {
            bytes.append(UInt8(ascii: "{"))
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount))
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: ":"))
            body()
            bytes.append(UInt8(ascii: "}"))
        }
        func list<S: Sequence>(_ items: S, _ write: (S.Element) -> Void) {
            bytes.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        switch value {
        case .s(let text): tagged("S") { writeString(text) }
        case .n(let number): tagged("N") { writeString(number) }
        case .b(let data): tagged("B") { writeString(data.base64EncodedString()) }
        case .bool(let flag): tagged("BOOL") { appendStatic(flag ? "true" : "false") }
        case .null: tagged("NULL") { appendStatic("true") }
        case .m(let map): tagged("M") { writeItem(map) }
        case .l(let items): tagged("L") { list(items) { writeAttribute($0) } }
        case .ss(let items): tagged("SS") { list(items) { writeString($0) } }
        case .ns(let items): tagged("NS") { list(items) { writeString($0) } }
        case .bs(let items): tagged("BS") { list(items) { writeString($0.base64EncodedString()) } }
        }
    }

    private func appendStatic(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    func writeString(_ string: String) {
        // One access to `bytes` per string (a class property: each access is checked for exclusivity), and text
        // without characters to escape — nearly all of it — copied in one go.
        JSONString.append(string, to: &bytes)
    }
}

struct JSONStreamEncoder: Encoder {
    let writer: JSONStreamWriter
    /// The depth of the container this encoder's value opens.
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        writer.openContainer(depth: depth + 1, open: UInt8(ascii: "{"), close: UInt8(ascii: "}"))
        return KeyedEncodingContainer(JSONStreamKeyedContainer<Key>(writer: writer, depth: depth + 1))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.openContainer(depth: depth + 1, open: UInt8(ascii: "["), close: UInt8(ascii: "]"))
        return JSONStreamUnkeyedContainer(writer: writer, depth: depth + 1)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONStreamSingleValueContainer(writer: writer, depth: depth)
    }
}

struct JSONStreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    private func key(_ key: Key) {
        writer.beginMember(depth: depth)
        writer.writeString(key.stringValue)
        writer.bytes.append(UInt8(ascii: ":"))
    }

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        writer.bytes += Array("null".utf8)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try writer.writeValue(value, depth: depth)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        self.key(key)
        return JSONStreamEncoder(writer: writer, depth: depth).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        self.key(key)
        return JSONStreamEncoder(writer: writer, depth: depth).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { JSONStreamEncoder(writer: writer, depth: depth - 1) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        self.key(key)
        return JSONStreamEncoder(writer: writer, depth: depth)
    }
}

struct JSONStreamUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var count = 0

    init(writer: JSONStreamWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    mutating func encodeNil() throws {
        writer.beginMember(depth: depth)
        writer.bytes += Array("null".utf8)
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        writer.beginMember(depth: depth)
        try writer.writeValue(value, depth: depth)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        writer.beginMember(depth: depth)
        count += 1
        return JSONStreamEncoder(writer: writer, depth: depth).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.beginMember(depth: depth)
        count += 1
        return JSONStreamEncoder(writer: writer, depth: depth).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        writer.beginMember(depth: depth)
        count += 1
        return JSONStreamEncoder(writer: writer, depth: depth)
    }
}

struct JSONStreamSingleValueContainer: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.bytes += Array("null".utf8) }

    mutating func encode<T: Encodable>(_ value: T) throws { try writer.writeValue(value, depth: depth) }
}
