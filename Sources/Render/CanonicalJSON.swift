import InfraModel

/// Deterministic JSON text: object keys sorted by code point, two-space indentation, integral numbers without a
/// fraction, a trailing newline. Rendering the same model twice gives byte-identical files.
public enum CanonicalJSON {
    public static func render(_ value: JSON) -> String {
        var output = ""
        write(value, indent: 0, into: &output)
        output += "\n"
        return output
    }

    /// One line, no spaces (for JSON embedded in strings, e.g. event patterns).
    public static func compact(_ value: JSON) -> String {
        switch value {
        case .object(let fields):
            return "{" + fields.keys.sorted(by: codePointOrder).map { "\(quote($0)):\(compact(fields[$0]!))" }
                .joined(separator: ",") + "}"
        case .array(let items):
            return "[" + items.map(compact).joined(separator: ",") + "]"
        default:
            var output = ""
            write(value, indent: 0, into: &output)
            return output
        }
    }

    private static func write(_ value: JSON, indent: Int, into output: inout String) {
        switch value {
        case .string(let text): output += quote(text)
        case .number(let number):
            if number.rounded() == number && abs(number) < 1e15 { output += String(Int64(number)) } else { output += "\(number)" }
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            if items.isEmpty { output += "[]"; return }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += String(repeating: "  ", count: indent + 1)
                write(item, indent: indent + 1, into: &output)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "]"
        case .object(let fields):
            if fields.isEmpty { output += "{}"; return }
            output += "{\n"
            let keys = fields.keys.sorted(by: codePointOrder)
            for (index, key) in keys.enumerated() {
                output += String(repeating: "  ", count: indent + 1) + quote(key) + ": "
                write(fields[key]!, indent: indent + 1, into: &output)
                output += index == keys.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        }
    }

    /// Sorting by Unicode scalars, not by locale, so output does not depend on the machine.
    private static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                result += "\\u" + String(repeating: "0", count: 4 - String(control.value, radix: 16).count)
                    + String(control.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// A generated file, relative to the render's output directory.
public struct RenderedFile: Hashable, Sendable {
    public var path: String
    public var contents: String
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
