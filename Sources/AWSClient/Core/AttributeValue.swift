import Foundation

/// A DynamoDB attribute value, encoded as DynamoDB's JSON (`{"S": "text"}`, `{"N": "42"}`, `{"M": {...}}`).
public enum AttributeValue: Codable, Sendable, Hashable {
    case s(String)
    /// Numbers travel as strings so no precision is lost.
    case n(String)
    case b(Data)
    case bool(Bool)
    case null
    case m([String: AttributeValue])
    case l([AttributeValue])
    case ss([String])
    case ns([String])
    case bs([Data])

    private enum Key: String, CodingKey {
        case s = "S", n = "N", b = "B", bool = "BOOL", null = "NULL", m = "M", l = "L", ss = "SS", ns = "NS"
        case bs = "BS"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "an attribute value needs exactly one type key"))
        }
        switch key {
        case .s: self = .s(try container.decode(String.self, forKey: key))
        case .n: self = .n(try container.decode(String.self, forKey: key))
        case .b: self = .b(try container.decode(Data.self, forKey: key))
        case .bool: self = .bool(try container.decode(Bool.self, forKey: key))
        case .null: self = .null
        case .m: self = .m(try container.decode([String: AttributeValue].self, forKey: key))
        case .l: self = .l(try container.decode([AttributeValue].self, forKey: key))
        case .ss: self = .ss(try container.decode([String].self, forKey: key))
        case .ns: self = .ns(try container.decode([String].self, forKey: key))
        case .bs: self = .bs(try container.decode([Data].self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .s(let value): try container.encode(value, forKey: .s)
        case .n(let value): try container.encode(value, forKey: .n)
        case .b(let value): try container.encode(value, forKey: .b)
        case .bool(let value): try container.encode(value, forKey: .bool)
        case .null: try container.encode(true, forKey: .null)
        case .m(let value): try container.encode(value, forKey: .m)
        case .l(let value): try container.encode(value, forKey: .l)
        case .ss(let value): try container.encode(value, forKey: .ss)
        case .ns(let value): try container.encode(value, forKey: .ns)
        case .bs(let value): try container.encode(value, forKey: .bs)
        }
    }

    /// A number attribute from any integer or floating-point value.
    public static func number(_ value: some Numeric & CustomStringConvertible) -> AttributeValue {
        .n(value.description)
    }

    public var string: String? { if case .s(let value) = self { value } else { nil } }
    public var number: String? { if case .n(let value) = self { value } else { nil } }
    public var map: [String: AttributeValue]? { if case .m(let value) = self { value } else { nil } }
    public var list: [AttributeValue]? { if case .l(let value) = self { value } else { nil } }
    public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
}

/// A DynamoDB item.
public typealias DynamoDBItem = [String: AttributeValue]
