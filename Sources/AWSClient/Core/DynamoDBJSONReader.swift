import Foundation

/// Why a JSON body could not be read: what was expected and the byte offset where it was not found.
public struct DynamoDBJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

/// A strict JSON reader over a UTF-8 buffer for DynamoDB's JSON responses: items of `AttributeValue`s are read
/// straight from the bytes, with no intermediate tree and no `Codable` dispatch. `JSONDecoder` spends about
/// 100 µs per inventory item on a `Query` page (the analyzer reads 100,000 of them per run); this reader a few.
///
/// It reads what RFC 8259 allows (escapes including surrogate pairs, any whitespace, exponents) and rejects what it
/// does not (control characters in strings, trailing commas, unpaired surrogates), throwing `DynamoDBJSONError`.
public struct DynamoDBJSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var memberNames = MemberNames()

    /// The offset of the next byte to read.
    public var offset: Int { index }

    /// Reads from `bytes`, which must stay valid while the reader is used.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Calls `body` with a reader over `data`, then checks that only whitespace follows what `body` read.
    public static func read<T>(_ data: Data, _ body: (inout DynamoDBJSONReader) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            var reader = DynamoDBJSONReader(raw.bindMemory(to: UInt8.self))
            let value = try body(&reader)
            reader.skipWhitespace()
            guard reader.index == reader.bytes.count else { throw reader.error("unexpected data after the value") }
            return value
        }
    }

    // MARK: DynamoDB shapes

    /// Reads `{"name": <attribute value>, …}`.
    public mutating func readItem() throws -> DynamoDBItem {
        var item: DynamoDBItem = [:]
        try readObject { reader, name in item[name] = try reader.readAttributeValue() }
        return item
    }

    /// Reads one attribute value: an object whose one member names the type (`{"S": "text"}`). Members of other
    /// names are skipped, as `AttributeValue`'s `Decodable` conformance ignores them; none of a known type is an
    /// error.
    public mutating func readAttributeValue() throws -> AttributeValue {
        var value: AttributeValue?
        let start = index
        try readObject { reader, type in
            guard value == nil else { return try reader.skipValue() }
            switch type {
            case "S": value = .s(try reader.readString())
            case "N": value = .n(try reader.readString())
            case "BOOL": value = .bool(try reader.readBool())
            case "M": value = .m(try reader.readItem())
            case "L":
                var list: [AttributeValue] = []
                try reader.readArray { list.append(try $0.readAttributeValue()) }
                value = .l(list)
            case "NULL":
                try reader.skipValue()
                value = .null
            case "SS", "NS":
                var strings: [String] = []
                try reader.readArray { strings.append(try $0.readString()) }
                value = type == "SS" ? .ss(strings) : .ns(strings)
            case "B": value = .b(try reader.readBase64())
            case "BS":
                var list: [Data] = []
                try reader.readArray { list.append(try $0.readBase64()) }
                value = .bs(list)
            default: try reader.skipValue()
            }
        }
        guard let value else {
            index = start
            throw error("an attribute value needs exactly one type key (S, N, B, BOOL, NULL, M, L, SS, NS, BS)")
        }
        return value
    }

    // MARK: Pull-style containers (the hot path of Query pages: no closure per member)

    /// Reads `{`; returns false when the object is empty (its `}` read too). Then, per member: `readMemberKey()`,
    /// read or skip the value, `nextMember()`.
    public mutating func beginObject() throws -> Bool {
        try begin(UInt8(ascii: "{"), UInt8(ascii: "}"), "'{'")
    }

    /// Reads a member's name and the `:` after it.
    public mutating func readMemberKey() throws -> String {
        skipWhitespace()
        let name = try readMemberName()
        try expect(UInt8(ascii: ":"), "':'")
        return name
    }

    /// After a member's value: reads `,` and returns true, or `}` and returns false.
    public mutating func nextMember() throws -> Bool {
        try next(UInt8(ascii: "}"), "expected ',' or '}' in an object")
    }

    /// Reads `[`; returns false when the array is empty (its `]` read too). Then, per element: read or skip it,
    /// `nextElement()`.
    public mutating func beginArray() throws -> Bool {
        try begin(UInt8(ascii: "["), UInt8(ascii: "]"), "'['")
    }

    /// After an element: reads `,` and returns true, or `]` and returns false.
    public mutating func nextElement() throws -> Bool {
        try next(UInt8(ascii: "]"), "expected ',' or ']' in an array")
    }

    /// Reads `opening`; false when `closing` follows at once (read too).
    private mutating func begin(_ opening: UInt8, _ closing: UInt8, _ what: String) throws -> Bool {
        try expect(opening, what)
        skipWhitespace()
        guard peek() == closing else { return true }
        index += 1
        return false
    }

    /// Reads `,` (true: another member or element follows) or `closing` (false).
    private mutating func next(_ closing: UInt8, _ message: @autoclosure () -> String) throws -> Bool {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: ","):
            index += 1
            return true
        case closing?:
            index += 1
            return false
        default: throw error(message())
        }
    }

    // MARK: JSON values

    /// Reads an object, calling `member` with each member's name; `member` must read (or skip) the value.
    public mutating func readObject(_ member: (inout DynamoDBJSONReader, String) throws -> Void) throws {
        guard try beginObject() else { return }
        repeat {
            let name = try readMemberKey()
            try member(&self, name)
        } while try nextMember()
    }

    /// Reads an array, calling `element` for each element; `element` must read (or skip) it.
    public mutating func readArray(_ element: (inout DynamoDBJSONReader) throws -> Void) throws {
        guard try beginArray() else { return }
        repeat { try element(&self) } while try nextElement()
    }

    /// Reads a string, decoding escapes.
    public mutating func readString() throws -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = index
        var ascii = true
        // Most strings have no escapes: find the closing quote and make the string from the bytes in one go.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                defer { index += 1 }
                return try utf8String(start..<index, ascii: ascii)
            }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("unescaped control character in a string") }
            index += 1
        }
        var decoded = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(bytes: decoded, encoding: .utf8) else {
                    throw error("a string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                try readEscape(into: &decoded)
            case ..<0x20:
                index -= 1
                throw error("unescaped control character in a string")
            default:
                decoded.append(byte)
            }
        }
        throw error("unterminated string")
    }

    /// Reads a member name: as `readString`, but an ASCII name without escapes that this reader has read before is
    /// returned as the same `String` (see `MemberNames`).
    mutating func readMemberName() throws -> String {
        guard peek() == UInt8(ascii: "\"") else { return try readString() }  // readString reports the error
        var end = index + 1
        while end < bytes.count, end - index <= 64 {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                let name = memberNames.name(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]))
                index = end + 1
                return name
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            end += 1
        }
        return try readString()
    }

    /// Reads `{"S":"…"}` or `{"N":"…"}` — nearly every attribute value DynamoDB sends — if that exact text comes next
    /// (DynamoDB writes no whitespace), returning the type (`S` or `N`) and the text; otherwise reads nothing and
    /// returns nil, and the caller reads the value the general way.
    public mutating func readStringTypedValue() throws -> (type: UInt8, text: String)? {
        skipWhitespace()
        guard index + 6 < bytes.count, bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "\""),
              bytes[index + 2] == UInt8(ascii: "S") || bytes[index + 2] == UInt8(ascii: "N"),
              bytes[index + 3] == UInt8(ascii: "\""), bytes[index + 4] == UInt8(ascii: ":"),
              bytes[index + 5] == UInt8(ascii: "\"")
        else { return nil }
        let start = index
        let type = bytes[index + 2]
        index += 5
        let text = try readString()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else {
            index = start
            return nil
        }
        index += 1
        return (type, text)
    }

    /// Reads `{"M":{"key":{"S":"text"},…}}` in one step when it comes next in DynamoDB's compact form with string
    /// values only (tags), into one `[String: String]`; otherwise reads nothing and returns nil, and the caller reads
    /// the value the general way (which also reports any error at the offset where it is).
    public mutating func readStringMapValue() -> [String: String]? {
        skipWhitespace()
        let start = index
        guard index + 6 < bytes.count, bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "\""),
              bytes[index + 2] == UInt8(ascii: "M"), bytes[index + 3] == UInt8(ascii: "\""),
              bytes[index + 4] == UInt8(ascii: ":"), bytes[index + 5] == UInt8(ascii: "{")
        else { return nil }
        index += 6
        var map: [String: String] = [:]
        do {
            var complete = peek() == UInt8(ascii: "}")  // `{}`: no tags
            if complete {
                index += 1
            } else {
                repeat {
                    guard peek() == UInt8(ascii: "\"") else { break }
                    let key = try readMemberKey()
                    guard let (type, text) = try readStringTypedValue(), type == UInt8(ascii: "S") else { break }
                    map[key] = text
                    if try !nextMember() { complete = true }
                } while !complete
            }
            if complete, peek() == UInt8(ascii: "}") {
                index += 1
                return map
            }
        } catch {}
        index = start
        return nil
    }

    /// Reads `null` if it comes next.
    public mutating func readNull() -> Bool { matches("null") }

    /// Reads `true` or `false`.
    public mutating func readBool() throws -> Bool {
        if matches("true") { return true }
        if matches("false") { return false }
        throw error("expected true or false")
    }

    /// Reads an integer (no fraction or exponent).
    public mutating func readInt() throws -> Int {
        let start = index
        let negative = peek() == UInt8(ascii: "-")
        if negative { index += 1 }
        var value = 0
        var digits = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else {
                index = start
                throw error("integer out of range")
            }
            value = sum
            digits += 1
            index += 1
        }
        guard digits > 0 else {
            index = start
            throw error("expected an integer")
        }
        return negative ? -value : value
    }

    /// Skips any one value (objects and arrays with everything in them).
    public mutating func skipValue() throws {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "{"): try readObject { reader, _ in try reader.skipValue() }
        case UInt8(ascii: "["): try readArray { try $0.skipValue() }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try readBool()
        case UInt8(ascii: "n"):
            guard matches("null") else { throw error("expected null") }
        default: try skipNumber()
        }
    }

    // MARK: Pieces

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func error(_ message: String) -> DynamoDBJSONError { DynamoDBJSONError(message: message, offset: index) }

    private mutating func expect(_ byte: UInt8, _ what: String) throws {
        skipWhitespace()
        guard peek() == byte else {
            throw error(index < bytes.count ? "expected \(what)" : "unexpected end of input, expected \(what)")
        }
        index += 1
    }

    private mutating func matches(_ literal: StaticString) -> Bool {
        skipWhitespace()
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let literalBytes = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard bytes[index..<(index + count)].elementsEqual(literalBytes) else { return false }
        index += count
        return true
    }

    private mutating func skipNumber() throws {
        // -? int frac? exp? (RFC 8259 §6)
        let start = index
        func digits(_ reader: inout DynamoDBJSONReader) -> Int {
            var count = 0
            while reader.index < reader.bytes.count,
                  (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.index]) {
                reader.index += 1
                count += 1
            }
            return count
        }
        if peek() == UInt8(ascii: "-") { index += 1 }
        var valid = digits(&self) > 0
        if valid, peek() == UInt8(ascii: ".") {
            index += 1
            valid = digits(&self) > 0
        }
        if valid, peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            valid = digits(&self) > 0
        }
        guard valid else {
            index = start
            throw error(index < bytes.count ? "expected a value" : "unexpected end of input, expected a value")
        }
    }

    private func utf8String(_ range: Range<Int>, ascii: Bool) throws -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if ascii { return String(decoding: slice, as: UTF8.self) }  // ASCII is valid UTF-8
        guard let text = String(bytes: slice, encoding: .utf8) else {
            throw DynamoDBJSONError(message: "a string is not valid UTF-8", offset: range.lowerBound)
        }
        return text
    }

    /// Decodes the escape after a backslash (already consumed) into UTF-8.
    private mutating func readEscape(into out: inout [UInt8]) throws {
        guard let byte = peek() else { throw error("unterminated string") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard matchesEscapeU() else { throw error("unpaired surrogate in a \\u escape") }
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in a \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("unpaired surrogate in a \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            out.append(contentsOf: String(Character(unicode)).utf8)
        default:
            index -= 1
            throw error("invalid escape")
        }
    }

    private mutating func matchesEscapeU() -> Bool {
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
        else { return false }
        index += 2
        return true
    }

    private mutating func readHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func readBase64() throws -> Data {
        let start = index
        let text = try readString()
        guard let data = Data(base64Encoded: text) else {
            index = start
            throw error("binary value is not base64")
        }
        return data
    }
}
