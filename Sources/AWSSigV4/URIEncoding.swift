/// Percent-encoding as SigV4 defines it (RFC 3986 unreserved characters stay, everything else is `%XX` of its
/// UTF-8 bytes, upper-case hex). Works on bytes: it runs for every path segment and query pair of every request.
public enum URIEncoding {
    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Encodes every byte outside the unreserved set; with `keepSlash`, `/` stays as well (paths).
    public static func encode(_ string: String, keepSlash: Bool = false) -> String {
        var needsWork = false
        for byte in string.utf8 where !(isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/"))) {
            needsWork = true
            break
        }
        if !needsWork { return string }
        var out = [UInt8]()
        out.reserveCapacity(string.utf8.count * 3)
        for byte in string.utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The query string for `items`: each name and value encoded, sorted by encoded name then value, joined with `&`.
    /// SigV4 requires this order in the canonical request; sending the same string keeps the two in step.
    public static func canonicalQuery(_ items: [(name: String, value: String)]) -> String {
        if items.isEmpty { return "" }
        let encoded = items.map { (encode($0.name), encode($0.value)) }
            .sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
        var result = ""
        for (index, pair) in encoded.enumerated() {
            if index > 0 { result += "&" }
            result += pair.0
            result += "="
            result += pair.1
        }
        return result
    }

    /// Removes `.` and `..` segments and empty segments (`//`), keeping a leading and trailing slash, as botocore
    /// does before signing any non-S3 request.
    static func normalizePath(_ path: String) -> String {
        if path.isEmpty { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
            } else {
                output.append(segment)
            }
        }
        let first = path.hasPrefix("/") ? "/" : ""
        let last = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return first + output.joined(separator: "/") + last
    }
}
