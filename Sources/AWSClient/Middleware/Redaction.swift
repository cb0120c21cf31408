/// Header values that must never reach a log.
public enum Redaction {
    static let secretHeaders: Set<String> = ["authorization", "x-amz-security-token", "x-amz-content-sha256-secret"]

    /// The headers with secret values replaced by `<redacted>`.
    public static func headers(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        headers.map { secretHeaders.contains($0.name.lowercased()) ? ($0.name, "<redacted>") : $0 }
    }

    /// `name: value` lines for a debug log.
    public static func describe(_ headers: [(name: String, value: String)]) -> String {
        Self.headers(headers).map { "\($0.name): \($0.value)" }.joined(separator: "; ")
    }
}
