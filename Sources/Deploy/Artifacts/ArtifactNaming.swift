import Foundation

/// Where the runtime zips live in S3, for both engines: one bucket per stack, account and region, and one key per
/// zip content, so new code is a new key (the engine sees a change) and the same code is never uploaded twice.
public enum ArtifactNaming {
    /// `<stack>-artifacts-<account>-<region>`, lower-cased (bucket names are).
    public static func bucket(stack: String, account: String, region: String) -> String {
        "\(stack)-artifacts-\(account)-\(region)".lowercased()
    }

    /// `<runtime>/<sha256 hex>.zip`.
    public static func key(runtime: String, sha256Hex: String) -> String {
        "\(runtime)/\(sha256Hex).zip"
    }
}
