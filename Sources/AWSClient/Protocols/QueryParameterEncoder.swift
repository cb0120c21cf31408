import Foundation

/// Flattens an `Encodable` shape into the form parameters of the `query` and `ec2Query` protocols.
///
/// Nested members are joined with `.`; list items are numbered from 1: `Name.member.N` for `query`, `Name.N` for
/// `ec2Query`. Coding keys must be the wire names (EC2's `Filter`, `Owner`, ... rather than the member names).
public struct QueryParameterEncoder: Sendable {
    public enum ListStyle: Sendable { case query, ec2 }
    public var style: ListStyle

    public init(style: ListStyle) { self.style = style }

    public func encode(_ value: some Encodable) throws -> [(name: String, value: String)] {
        let storage = QueryStorage()
        try value.encode(to: QueryEncoderImpl(storage: storage, prefix: "", style: style))
        return storage.parameters
    }
}

final class QueryStorage {
    var parameters: [(name: String, value: String)] = []
}

struct QueryEncoderImpl: Encoder {
    let storage: QueryStorage
    let prefix: String
    let style: QueryParameterEncoder.ListStyle
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(QueryKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        QueryUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        QuerySingleValueContainer(encoder: self)
    }

    func child(_ name: String) -> QueryEncoderImpl {
        QueryEncoderImpl(storage: storage, prefix: prefix.isEmpty ? name : prefix + "." + name, style: style)
    }

    /// Writes scalars as parameters; anything else encodes itself below `prefix`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if let text = Self.scalarText(value) {
            storage.parameters.append((prefix, text))
        } else {
            try value.encode(to: self)
        }
    }

    static func scalarText(_ value: Any) -> String? {
        switch value {
        case let string as String: return string
        case let bool as Bool: return bool ? "true" : "false"
        case let int as Int: return String(int)
        case let int as Int64: return String(int)
        case let int as Int32: return String(int)
        case let double as Double: return String(double)
        case let date as Date: return ISO8601DateFormatter().string(from: date)
        default: return nil
        }
    }
}

struct QueryKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: QueryEncoderImpl
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.child(key.stringValue).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.child(key.stringValue).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.child(key.stringValue).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.child(key.stringValue) }
}

struct QueryUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: QueryEncoderImpl
    var codingPath: [any CodingKey] { [] }
    var count = 0

    init(encoder: QueryEncoderImpl) { self.encoder = encoder }

    private mutating func nextItem() -> QueryEncoderImpl {
        count += 1
        switch encoder.style {
        case .query: return encoder.child("member").child(String(count))
        case .ec2: return encoder.child(String(count))
        }
    }

    mutating func encodeNil() throws {}

    mutating func encode<T: Encodable>(_ value: T) throws { try nextItem().encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        nextItem().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { nextItem().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder { nextItem() }
}

struct QuerySingleValueContainer: SingleValueEncodingContainer {
    let encoder: QueryEncoderImpl
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {}

    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
}
