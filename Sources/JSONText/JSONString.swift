/// JSON string literals written straight into a byte buffer, shared by the AWS request encoder and the analyzer's
/// findings JSON (both write millions of strings per analyzer run).
public enum JSONString {
    /// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped (`\n`, `\r`,
    /// `\t`, else `\u00XX`), everything else as UTF-8.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        if text.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &bytes) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &bytes) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Text without a byte to escape (nearly all) is copied in one go; the rest is escaped into a stack buffer that
    /// is appended a few kilobytes at a time. Quote-dense text, such as the JSON documents the analyzer stores, has
    /// an escape every few bytes: appending byte by byte (a capacity and uniqueness check each), run by run, or an
    /// array literal per escape cost more than the rest of encoding the request.
    private static func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        func needsEscape(_ byte: UInt8) -> Bool {
            byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
        }
        guard let first = text.firstIndex(where: needsEscape) else {
            bytes.append(contentsOf: text)
            return
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<first]))
        let chunkSize = 4_096
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkSize) { chunk in
            var used = 0
            func put(_ byte: UInt8) {
                chunk[used] = byte
                used += 1
            }
            for byte in UnsafeBufferPointer(rebasing: text[first...]) {
                if used > chunkSize - 6 {  // room for the longest escape, \u00XX
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<used]))
                    used = 0
                }
                guard needsEscape(byte) else {
                    put(byte)
                    continue
                }
                put(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
                case 0x0A: put(UInt8(ascii: "n"))
                case 0x0D: put(UInt8(ascii: "r"))
                case 0x09: put(UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    put(UInt8(ascii: "u"))
                    put(UInt8(ascii: "0"))
                    put(UInt8(ascii: "0"))
                    put(hex.utf8Start[Int(byte >> 4)])
                    put(hex.utf8Start[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<used]))
        }
    }
}
