/// One attribute value of a stored inventory item.
///
/// The cases are exactly the DynamoDB attribute value types the schema uses, so the AWS layer maps them 1:1:
///
/// | case | DynamoDB | note |
/// |---|---|---|
/// | `string` | `S` | dates are ISO 8601 UTC strings (`2026-11-29T04:07:22Z`) |
/// | `number` | `N` | written without a fraction when integral |
/// | `bool` | `BOOL` | |
/// | `stringList` | `L` of `S` | a list, not `SS`: a set cannot be empty and loses order |
/// | `map` | `M` | values are any of these cases |
///
/// An attribute that is unknown is *absent*, never `NULL`. See `docs/inventory-schema.md`.
public enum ItemValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case stringList([String])
    case map([String: ItemValue])

    /// The DynamoDB type descriptor of this value (`S`, `N`, `BOOL`, `L`, `M`), for messages and the AWS mapping.
    public var typeName: String {
        switch self {
        case .string: "S"
        case .number: "N"
        case .bool: "BOOL"
        case .stringList: "L"
        case .map: "M"
        }
    }

    /// The canonical DynamoDB text of a number: integral values have no fraction (`8`, not `8.0`).
    public static func numberText(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// An approximation of the value's size as DynamoDB counts it (UTF-8 bytes of strings and names, about 21
    /// bytes per number, 1 per bool, 3 bytes overhead per list or map element), used to keep items under 400 KB.
    public var approximateSize: Int {
        switch self {
        case .string(let text): text.utf8.count
        case .number: 21
        case .bool: 1
        case .stringList(let list): 3 + list.reduce(0) { $0 + $1.utf8.count + 1 }
        case .map(let map): 3 + map.reduce(0) { $0 + $1.key.utf8.count + $1.value.approximateSize + 1 }
        }
    }
}
