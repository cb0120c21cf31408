import Foundation

/// A parsed XML element: name (namespace prefix dropped), text content and child elements. AWS responses use no
/// attributes we need and no mixed content, so this is all the tree the decoders need.
public final class XMLNode: @unchecked Sendable {
    // @unchecked: built once by the parser, never mutated after `parse` returns.
    public let name: String
    public fileprivate(set) var text: String = ""
    public fileprivate(set) var children: [XMLNode] = []

    init(name: String) { self.name = name }

    /// The first child element named `name`.
    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// The first element named `name` anywhere below (depth first), for error bodies whose nesting varies.
    public func find(_ name: String) -> XMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.find(name) { return found }
        }
        return nil
    }

    /// Parses a document and returns its root element.
    ///
    /// Our own parser rather than Foundation's `XMLParser`: FoundationXML links `libxml2.so.2`, which the
    /// `provided.al2023` Lambda image does not have (see docs/aws-client.md). It handles what AWS sends: the XML
    /// declaration, comments, CDATA, the five named entities and character references; attributes are skipped.
    public static func parse(_ data: Data) throws -> XMLNode {
        var parser = XMLByteParser(bytes: [UInt8](data))
        return try parser.parseDocument()
    }
}

/// A small non-validating XML parser over bytes.
struct XMLByteParser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func failure(_ message: String) -> AWSClientError {
        AWSClientError(.invalidResponse, "malformed XML: \(message) at byte \(index)")
    }

    mutating func parseDocument() throws -> XMLNode {
        var stack: [XMLNode] = []
        var root: XMLNode?
        var text: [UInt8] = []
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // UTF-8 byte order mark
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                if stack.isEmpty {
                    guard bytes[start..<index].allSatisfy(Self.isSpace) else { throw failure("text outside the root") }
                } else {
                    try Self.appendDecoded(bytes[start..<index], to: &text, parser: self)
                }
                continue
            }
            if matches("<?") {
                try skip(past: "?>")
            } else if matches("<!--") {
                try skip(past: "-->")
            } else if matches("<![CDATA[") {
                index += 9
                let start = index
                try skip(past: "]]>")
                guard !stack.isEmpty else { throw failure("CDATA outside the root") }
                text += bytes[start..<(index - 3)]
            } else if matches("<!") {
                try skip(past: ">")
            } else if matches("</") {
                index += 2
                let name = readName()
                while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else {
                    throw failure("unterminated end tag")
                }
                index += 1
                guard let open = stack.popLast(), open.name == name else {
                    throw failure("unexpected </\(name)>")
                }
                open.text = String(decoding: text, as: UTF8.self)
                text.removeAll(keepingCapacity: true)
            } else {
                index += 1
                let name = readName()
                guard !name.isEmpty else { throw failure("element without a name") }
                let selfClosing = try skipAttributes()
                let node = XMLNode(name: name)
                if let parent = stack.last {
                    parent.children.append(node)
                    // Text before a child element is whitespace between elements in AWS responses; drop it.
                    text.removeAll(keepingCapacity: true)
                } else {
                    guard root == nil else { throw failure("a second root element") }
                    root = node
                }
                if !selfClosing { stack.append(node) }
            }
        }
        guard stack.isEmpty else { throw failure("<\(stack.last!.name)> is not closed") }
        guard let root else { throw failure("no root element") }
        return root
    }

    func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != pointer[offset] { return false }
        return true
    }

    mutating func skip(past literal: StaticString) throws {
        while index < bytes.count {
            if matches(literal) {
                index += literal.utf8CodeUnitCount
                return
            }
            index += 1
        }
        throw failure("missing \(literal)")
    }

    /// Reads an element name and returns its local part (namespace prefix dropped).
    mutating func readName() -> String {
        var localStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { break }
            if byte == UInt8(ascii: ":") { localStart = index + 1 }
            index += 1
        }
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[localStart..<index]), as: UTF8.self)
        }
    }

    /// Skips attributes up to `>`; returns whether the tag was `/>`.
    mutating func skipAttributes() throws -> Bool {
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return false
            } else if byte == UInt8(ascii: "/"), index < bytes.count, bytes[index] == UInt8(ascii: ">") {
                index += 1
                return true
            }
        }
        throw failure("unterminated start tag")
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Appends text with entity and character references decoded.
    static func appendDecoded(_ slice: ArraySlice<UInt8>, to out: inout [UInt8], parser: XMLByteParser) throws {
        var position = slice.startIndex
        while position < slice.endIndex {
            let byte = slice[position]
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                position += 1
                continue
            }
            guard let end = slice[position...].firstIndex(of: UInt8(ascii: ";")), end - position <= 12 else {
                throw parser.failure("unterminated entity")
            }
            let entity = String(decoding: slice[(position + 1)..<end], as: UTF8.self)
            switch entity {
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "amp": out.append(UInt8(ascii: "&"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let scalar: UInt32?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst())
                } else {
                    scalar = nil
                }
                guard let scalar, let character = Unicode.Scalar(scalar) else {
                    throw parser.failure("unknown entity &\(entity);")
                }
                out += Array(String(Character(character)).utf8)
            }
            position = end + 1
        }
    }
}
